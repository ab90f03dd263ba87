/**
 * fast-check generators of builder inputs drawn from the real course definition, one per
 * statement template, each paired with the template its statement must match.
 */
import * as fc from 'fast-check';
import { allItems, loadCourse } from '../../../functions/core/course/load.js';
import { DimensionId, FollowUpRoute, type Form } from '../../../functions/core/course/schema.js';
import * as build from '../../../functions/core/xapi/profile/builders.js';
import type { Statement } from '../../../functions/core/xapi/statement-schema.js';
import { TEMPLATES, type TemplateName } from '../../../functions/core/xapi/profile/vocabulary.js';

export const course = loadCourse();

const workMomentItems = course.workMoments.flatMap((m) => m.items);
const pages = workMomentItems.filter((item) => item.kind === 'page');
const checks = workMomentItems.flatMap((item) => (item.kind === 'check' ? item.questions.map((question) => ({ item, question })) : []));
const prompts = workMomentItems.flatMap((item) => (item.kind === 'reflection' ? item.prompts.map((prompt) => ({ item, prompt })) : []));
const spinnenweb = workMomentItems.find((item) => item.kind === 'spinnenweb')!;

const T0 = Date.UTC(2026, 0, 5, 9);
const iso = (ms: number) => new Date(ms).toISOString();
const nonBlank = (max = 60) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() !== '');

export const timestamp = fc.integer({ min: 0, max: 400 * 86_400_000 }).map((offset) => iso(T0 + offset));

export const activeIntervals = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 14 * 86_400_000 }), fc.integer({ min: 1, max: 3 * 3_600_000 })), { minLength: 1, maxLength: 6 })
  .map((pairs) => pairs.map(([start, length]) => [iso(T0 + start), iso(T0 + start + length)] as const));

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

export const person = fc.record({ userId: nonBlank(24), name: maybe(fc.string({ maxLength: 30 })) }).map(({ userId, name }) => (name === undefined ? { userId } : { userId, name }));

/** The part every builder input shares; id and timestamp are left out now and then. */
export const base = fc
  .record({ participant: person, registration: fc.uuid(), id: maybe(fc.uuid()), timestamp: maybe(timestamp) })
  .map(({ id, timestamp: at, ...rest }) => ({ course, ...rest, ...(id ? { id } : {}), ...(at ? { timestamp: at } : {}) }));

/** Answers to a course form: every required field, some optional ones, each of the right type. */
export function formAnswers(form: Form): fc.Arbitrary<Record<string, string | number>> {
  const fields = form.fields.map((field) => {
    let value: fc.Arbitrary<string | number>;
    switch (field.type) {
      case 'text':
        value = nonBlank(field.maxLength ?? 60);
        break;
      case 'longtext':
        value = nonBlank(400);
        break;
      case 'single':
        value = fc.constantFrom(...field.options.map((o) => o.id));
        break;
      case 'rating':
        value = fc.integer({ min: field.min, max: field.max });
        break;
      case 'date':
        value = timestamp.map((at) => at.slice(0, 10));
        break;
    }
    return fc.tuple(fc.constant(field.id), field.required ? value : maybe(value));
  });
  return fc.tuple(...fields).map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== undefined)) as Record<string, string | number>);
}

export interface BuiltCase {
  template: TemplateName;
  statement: Statement;
}

const testMax = course.finalTest.questions.length;

/** itemExperienced on every timed item kind, each expected to match the template of its kind. */
function experiencedCases() {
  const of = (kind: string) => allItems(course).filter((i) => i.kind === kind);
  const timed = (template: TemplateName, items: { id: string }[]) =>
    fc.tuple(base, fc.constantFrom(...items), activeIntervals).map(([b, item, intervals]) => ({ template, statement: build.itemExperienced({ ...b, itemId: item.id, activeIntervals: intervals }) }));
  return {
    checkExperienced: timed('checkExperienced', [...of('check'), ...of('test')]),
    reflectionExperienced: timed('reflectionExperienced', of('reflection')),
    spinnenwebExperienced: timed('spinnenwebExperienced', of('spinnenweb')),
    evaluationExperienced: timed('evaluationExperienced', of('evaluation')),
    choiceExperienced: timed('choiceExperienced', of('choice')),
  };
}

/** One generator per template: builder inputs and the template the statement must match. */
export const cases: Record<TemplateName, fc.Arbitrary<BuiltCase>> = {
  pageExperienced: fc
    .tuple(base, fc.constantFrom(...pages), activeIntervals)
    .map(([b, page, intervals]) => ({ template: 'pageExperienced', statement: build.pageExperienced({ ...b, itemId: page.id, activeIntervals: intervals }) })),
  ...experiencedCases(),
  knowledgeCheckAnswered: fc
    .tuple(base, fc.constantFrom(...checks), maybe(activeIntervals))
    .chain(([b, { item, question }, intervals]) => {
      const ids = question.options.map((o) => o.id);
      const chosen = question.type === 'single' ? fc.constantFrom(...ids).map((id) => [id]) : fc.shuffledSubarray(ids, { minLength: 1 });
      return chosen.map((chosenOptionIds) => ({
        template: 'knowledgeCheckAnswered' as const,
        statement: build.knowledgeCheckAnswered({ ...b, itemId: item.id, questionId: question.id, chosenOptionIds, ...(intervals ? { activeIntervals: intervals } : {}) }),
      }));
    }),
  reflectionWritten: fc
    .tuple(base, fc.constantFrom(...prompts), fc.string({ minLength: 1, maxLength: 500 }).filter((s) => s.trim() !== ''), activeIntervals)
    .map(([b, { item, prompt }, text, intervals]) => ({
      template: 'reflectionWritten',
      statement: build.reflectionWritten({ ...b, itemId: item.id, promptId: prompt.id, text, activeIntervals: intervals }),
    })),
  spinnenwebFilledIn: fc
    .tuple(base, fc.tuple(...DimensionId.options.map(() => fc.integer({ min: 0, max: 10 }))), maybe(activeIntervals))
    .map(([b, grades, intervals]) => ({
      template: 'spinnenwebFilledIn',
      statement: build.spinnenwebFilledIn({
        ...b,
        itemId: spinnenweb.id,
        scores: Object.fromEntries(DimensionId.options.map((d, i) => [d, grades[i]!])) as Record<DimensionId, number>,
        ...(intervals ? { activeIntervals: intervals } : {}),
      }),
    })),
  assignmentReported: fc
    .tuple(base, fc.constantFrom(...course.assignments))
    .chain(([b, assignment]) =>
      formAnswers(assignment.reportForm).map((answers) => ({ template: 'assignmentReported' as const, statement: build.assignmentReported({ ...b, itemId: assignment.id, answers }) })),
    ),
  finalTestAttempted: base.map((b) => ({ template: 'finalTestAttempted', statement: build.finalTestAttempted(b) })),
  finalTestPassed: fc
    .tuple(base, fc.uuid(), fc.integer({ min: Math.ceil((course.finalTest.passMarkPercent * testMax) / 100), max: testMax }))
    .map(([b, attemptStatementId, correctCount]) => ({ template: 'finalTestPassed', statement: build.finalTestSubmitted({ ...b, attemptStatementId, correctCount }) })),
  finalTestFailed: fc
    .tuple(base, fc.uuid(), fc.integer({ min: 0, max: Math.ceil((course.finalTest.passMarkPercent * testMax) / 100) - 1 }), maybe(activeIntervals))
    .map(([b, attemptStatementId, correctCount, intervals]) => ({
      template: 'finalTestFailed',
      statement: build.finalTestSubmitted({ ...b, attemptStatementId, correctCount, ...(intervals ? { activeIntervals: intervals } : {}) }),
    })),
  evaluationSubmitted: fc
    .tuple(base, formAnswers(course.evaluation.form), maybe(activeIntervals))
    .map(([b, answers, intervals]) => ({ template: 'evaluationSubmitted', statement: build.evaluationSubmitted({ ...b, answers, ...(intervals ? { activeIntervals: intervals } : {}) }) })),
  followUpChosen: fc
    .tuple(base, fc.constantFrom(...FollowUpRoute.options))
    .map(([b, route]) => ({ template: 'followUpChosen', statement: build.followUpChosen({ ...b, route }) })),
  contactMomentUnlocked: base.map((b) => ({ template: 'contactMomentUnlocked', statement: build.contactMomentUnlocked(b) })),
  contactMomentAttended: fc
    .tuple(base, person, maybe(fc.constantFrom(...course.contactMoment.forms)), maybe(fc.integer({ min: 1, max: 240 })))
    .map(([b, coach, form, durationMinutes]) => ({
      template: 'contactMomentAttended',
      statement: build.contactMomentAttended({ ...b, coach, ...(form ? { form } : {}), ...(durationMinutes ? { durationMinutes } : {}) }),
    })),
  courseCompleted: base.map((b) => ({ template: 'courseCompleted', statement: build.courseCompleted(b) })),
};

/** Any builder with any valid input. */
export const anyCase: fc.Arbitrary<BuiltCase> = fc.oneof(...Object.values(cases));

export { TEMPLATES };
