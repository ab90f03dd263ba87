/**
 * The statement builders: the only way the module creates xAPI statements (the web app and the
 * server both import them). One builder per statement template of the course profile
 * (xapi-profiles/introductie-pg.json); each takes the course definition, the participant, the
 * enrolment's registration and the event, checks the event against the course (ids, kinds, forms,
 * scales) and returns a complete statement that follows its template.
 *
 * Pure apart from defaults: the statement id is a random UUID and the timestamp "now" unless the
 * caller gives them. No Node or AWS imports, so the browser bundle can use this file. Input that
 * does not fit the course throws ValidationError (400), with one issue per problem.
 */
import { ValidationError, type ErrorIssue } from '../../errors.js';
import {
  ContactForm,
  courseItems,
  DimensionId,
  FollowUpRoute,
  type Course,
  type Form,
  type Item,
  type WorkMoment,
} from '../../course/schema.js';
import { isUuid, timestampToMs } from '../data-formats.js';
import type { Activity, Agent, Statement } from '../statement-schema.js';
import { contactMomentIri, courseIri, itemIri, promptIri, questionIri, workMomentIri } from './activity-iris.js';
import { activeTime, isoDuration, type ActiveInterval } from './active-time.js';
import { ACCOUNT_HOME_PAGE, ACTIVITY_TYPES, EXTENSIONS, PROFILE_VERSION_ID, VERB_DISPLAY, VERBS, type VerbName } from './vocabulary.js';

export * from './activity-iris.js';
export { isoDuration, type ActiveInterval } from './active-time.js';

// ---------------------------------------------------------------------------------------------
// Inputs

/** A person with an account on the course site: a participant or a coach. */
export interface Person {
  /** The account name (our user id); never an email address. */
  userId: string;
  /** Display name; left out of the statement when not given. */
  name?: string;
}

/** What every builder needs: whose statement, in which enrolment of which course. */
export interface StatementInput {
  /** The course definition (loadCourse()). */
  course: Course;
  participant: Person;
  /** The enrolment's xAPI registration (UUID). */
  registration: string;
  /** Statement id (UUID); a random one when left out. */
  id?: string;
  /** When it happened (ISO 8601); now when left out. */
  timestamp?: string;
  /** The browser's id for this page load (tab); study-time crediting checks reports per session. */
  sessionId?: string;
}

/** Answers to a course form by field id: a number for a rating, an option id, text or YYYY-MM-DD. */
export type FormAnswers = Readonly<Record<string, string | number>>;

export type SpinnenwebScores = Readonly<Record<DimensionId, number>>;

// ---------------------------------------------------------------------------------------------
// Builders, one per statement template

/** page-experienced: active time on a content page (result.duration = union of the intervals). */
export function pageExperienced(input: StatementInput & { itemId: string; activeIntervals: readonly ActiveInterval[] }): Statement {
  const b = begin(input);
  const page = b.item(input.itemId, 'page');
  return b.finish('experienced', activity(itemIri(input.course, input.itemId), ACTIVITY_TYPES.lesson, b.lang, page?.title), {
    parent: b.parentsOf(input.itemId),
    activeIntervals: input.activeIntervals,
    activeTimeRequired: true,
  });
}

/** The activity type each timed item kind has wherever it appears (one type per activity IRI). */
const TIMED_ITEM_TYPES: Record<Exclude<Item['kind'], 'assignment'>, string> = {
  page: ACTIVITY_TYPES.lesson,
  check: ACTIVITY_TYPES.assessment,
  test: ACTIVITY_TYPES.assessment,
  reflection: ACTIVITY_TYPES.reflection,
  spinnenweb: ACTIVITY_TYPES.spinnenweb,
  evaluation: ACTIVITY_TYPES.survey,
  choice: ACTIVITY_TYPES.interaction,
  // A SCORM package's SCO (the ADL SCORM profile's lesson); its time comes from the package itself.
  package: ACTIVITY_TYPES.lesson,
};

/**
 * page-experienced, check-experienced, reflection-experienced, ...: active time on any item the
 * participant works on in the app, flushed while they work (the study-time rules credit only
 * recent time, so a long reflection cannot wait for its submission to report its time).
 * Assignments are done in real life and credit their nominal minutes when reported instead.
 */
export function itemExperienced(input: StatementInput & { itemId: string; activeIntervals: readonly ActiveInterval[] }): Statement {
  const b = begin(input);
  const item = courseItems(input.course).find((i) => i.id === input.itemId);
  if (!item) b.issue('itemId', `is not an item of course ${input.course.id}`);
  else if (item.kind === 'assignment') b.issue('itemId', 'is an assignment: its time is credited when it is reported, not measured');
  const type = item && item.kind !== 'assignment' ? TIMED_ITEM_TYPES[item.kind] : ACTIVITY_TYPES.lesson;
  return b.finish('experienced', activity(itemIri(input.course, input.itemId), type, b.lang, item?.title), {
    parent: b.parentsOf(input.itemId),
    activeIntervals: input.activeIntervals,
    activeTimeRequired: true,
  });
}

/**
 * knowledge-check-answered: one question of a knowledge check. `chosenOptionIds` are the options
 * the participant ticked; success means exactly the correct ones.
 */
export function knowledgeCheckAnswered(
  input: StatementInput & { itemId: string; questionId: string; chosenOptionIds: readonly string[]; activeIntervals?: readonly ActiveInterval[] },
): Statement {
  const b = begin(input);
  const check = b.item(input.itemId, 'check');
  const question = check?.questions.find((q) => q.id === input.questionId);
  if (check && !question) b.issue('questionId', `"${input.questionId}" is not a question of check "${check.id}"`);
  const chosen = question ? b.chosenOptions(question, input.chosenOptionIds) : [];
  const correct = question?.options.filter((o) => o.correct).map((o) => o.id) ?? [];
  const object: Activity = {
    objectType: 'Activity',
    id: questionIri(input.course, input.itemId, input.questionId),
    definition: {
      type: ACTIVITY_TYPES.interaction,
      name: { [b.lang]: question?.stem ?? '' },
      interactionType: 'choice',
      choices: question?.options.map((o) => ({ id: o.id, description: { [b.lang]: o.text } })) ?? [],
      correctResponsesPattern: [correct.join('[,]')],
    },
  };
  const success = chosen.length === correct.length && chosen.every((id) => correct.includes(id));
  return b.finish('answered', object, {
    parent: check ? [...b.parentsOf(check.id), activity(itemIri(input.course, check.id), ACTIVITY_TYPES.assessment, b.lang, check.title)] : [],
    result: { response: chosen.join('[,]'), success },
    activeIntervals: input.activeIntervals,
  });
}

/** reflection-written: the participant's own words for one prompt of a reflection (private). */
export function reflectionWritten(
  input: StatementInput & { itemId: string; promptId: string; text: string; activeIntervals: readonly ActiveInterval[] },
): Statement {
  const b = begin(input);
  const reflection = b.item(input.itemId, 'reflection');
  const prompt = reflection?.prompts.find((p) => p.id === input.promptId);
  if (reflection && !prompt) b.issue('promptId', `"${input.promptId}" is not a prompt of reflection "${reflection.id}"`);
  if (typeof input.text !== 'string' || input.text.trim() === '') b.issue('text', 'must contain the reflection in your own words');
  const object: Activity = {
    objectType: 'Activity',
    id: promptIri(input.course, input.itemId, input.promptId),
    definition: { type: ACTIVITY_TYPES.interaction, name: { [b.lang]: prompt?.question ?? '' }, interactionType: 'long-fill-in' },
  };
  return b.finish('responded', object, {
    parent: reflection ? [...b.parentsOf(reflection.id), activity(itemIri(input.course, reflection.id), ACTIVITY_TYPES.reflection, b.lang, reflection.title)] : [],
    result: { response: input.text },
    activeIntervals: input.activeIntervals,
    activeTimeRequired: true,
  });
}

/** spinnenweb-filled-in: a grade for each of the six dimensions (private; never a score). */
export function spinnenwebFilledIn(
  input: StatementInput & { itemId: string; scores: SpinnenwebScores; activeIntervals?: readonly ActiveInterval[] },
): Statement {
  const b = begin(input);
  const item = b.item(input.itemId, 'spinnenweb');
  const { min, max } = input.course.spinnenweb.scale;
  const scores: Record<string, number> = {};
  const given = input.scores ?? {};
  for (const dimension of DimensionId.options) {
    const grade: unknown = given[dimension];
    if (typeof grade !== 'number' || !Number.isInteger(grade) || grade < min || grade > max) {
      b.issue(`scores.${dimension}`, `needs a whole number from ${min} to ${max}`);
    } else {
      scores[dimension] = grade;
    }
  }
  for (const key of Object.keys(given)) {
    if (!(DimensionId.options as readonly string[]).includes(key)) b.issue(`scores.${key}`, 'is not a spinnenweb dimension');
  }
  return b.finish('completed', activity(itemIri(input.course, input.itemId), ACTIVITY_TYPES.spinnenweb, b.lang, item?.title), {
    parent: b.parentsOf(input.itemId),
    result: { completion: true, extensions: { [EXTENSIONS.spinnenwebScores]: scores } },
    activeIntervals: input.activeIntervals,
  });
}

/** assignment-reported: the report on a do-and-experience assignment (private). */
export function assignmentReported(input: StatementInput & { itemId: string; answers: FormAnswers }): Statement {
  const b = begin(input);
  const assignment = b.item(input.itemId, 'assignment');
  const report = assignment ? b.formAnswers(assignment.reportForm, input.answers) : { answers: {}, text: '' };
  const object = activity(itemIri(input.course, input.itemId), ACTIVITY_TYPES.assignment, b.lang, assignment?.title);
  if (assignment) object.definition!.description = { [b.lang]: assignment.summary };
  return b.finish('completed', object, {
    result: { response: report.text, completion: true, extensions: { [EXTENSIONS.formAnswers]: report.answers } },
  });
}

/** final-test-attempted: the start of an attempt at the final test. Keep its id for the outcome. */
export function finalTestAttempted(input: StatementInput): Statement {
  const b = begin(input);
  const test = input.course.finalTest;
  return b.finish('attempted', activity(itemIri(input.course, test.id), ACTIVITY_TYPES.assessment, b.lang, test.title), {});
}

/**
 * final-test-passed / final-test-failed: a submitted attempt. `correctCount` is the number of
 * questions answered exactly right; passed when it reaches the course's pass mark.
 */
export function finalTestSubmitted(
  input: StatementInput & { attemptStatementId: string; correctCount: number; activeIntervals?: readonly ActiveInterval[] },
): Statement {
  const b = begin(input);
  const test = input.course.finalTest;
  const max = test.questions.length;
  const raw = input.correctCount;
  if (!Number.isInteger(raw) || raw < 0 || raw > max) b.issue('correctCount', `must be a whole number from 0 to ${max} (the number of questions)`);
  if (!isUuid(input.attemptStatementId)) b.issue('attemptStatementId', 'must be the UUID of the statement that started the attempt');
  // Integer comparison: raw / max >= passMark / 100 without rounding errors.
  const passed = raw * 100 >= test.passMarkPercent * max;
  return b.finish(passed ? 'passed' : 'failed', activity(itemIri(input.course, test.id), ACTIVITY_TYPES.assessment, b.lang, test.title), {
    result: { score: { scaled: raw / max, raw, min: 0, max }, success: passed, completion: true },
    extensions: { [EXTENSIONS.masteryScore]: test.passMarkPercent / 100 },
    statement: { objectType: 'StatementRef', id: input.attemptStatementId },
    activeIntervals: input.activeIntervals,
  });
}

/** evaluation-submitted: the course evaluation (ratings and remarks), asked by accreditors. */
export function evaluationSubmitted(input: StatementInput & { answers: FormAnswers; activeIntervals?: readonly ActiveInterval[] }): Statement {
  const b = begin(input);
  const evaluation = input.course.evaluation;
  const { answers } = b.formAnswers(evaluation.form, input.answers);
  return b.finish('completed', activity(itemIri(input.course, evaluation.id), ACTIVITY_TYPES.survey, b.lang, evaluation.title), {
    result: { completion: true, extensions: { [EXTENSIONS.formAnswers]: answers } },
    activeIntervals: input.activeIntervals,
  });
}

/** follow-up-chosen: one of the four learning routes or "nu-niet" (learning outcome 8). */
export function followUpChosen(input: StatementInput & { route: FollowUpRoute; activeIntervals?: readonly ActiveInterval[] }): Statement {
  const b = begin(input);
  const choice = input.course.followUpChoice;
  if (!choice.options.some((o) => o.id === input.route)) b.issue('route', `must be one of ${choice.options.map((o) => `"${o.id}"`).join(', ')}`);
  const object: Activity = {
    objectType: 'Activity',
    id: itemIri(input.course, choice.id),
    definition: {
      type: ACTIVITY_TYPES.interaction,
      name: { [b.lang]: choice.title },
      interactionType: 'choice',
      choices: choice.options.map((o) => ({ id: o.id, description: { [b.lang]: o.title } })),
    },
  };
  return b.finish('preferred', object, { result: { response: input.route }, activeIntervals: input.activeIntervals });
}

/** contact-moment-unlocked: the gate opened. Only the module itself emits this. */
export function contactMomentUnlocked(input: StatementInput): Statement {
  const b = begin(input);
  return b.finish('unlocked', contactMomentActivity(input.course, b.lang), {});
}

/** contact-moment-attended: recorded by the coach, who becomes context.instructor. */
export function contactMomentAttended(
  input: StatementInput & { coach: Person; form?: ContactForm; durationMinutes?: number },
): Statement {
  const b = begin(input);
  const coach = b.person(input.coach, 'coach');
  if (input.form !== undefined && !input.course.contactMoment.forms.includes(input.form)) {
    b.issue('form', `must be one of ${input.course.contactMoment.forms.map((f) => `"${f}"`).join(', ')}`);
  }
  const minutes = input.durationMinutes;
  if (minutes !== undefined && !(Number.isFinite(minutes) && minutes > 0)) b.issue('durationMinutes', 'must be a positive number of minutes');
  return b.finish('attended', contactMomentActivity(input.course, b.lang), {
    instructor: coach,
    extensions: input.form === undefined ? {} : { [EXTENSIONS.contactForm]: input.form },
    result: minutes === undefined ? undefined : { duration: isoDuration(minutes * 60_000) },
  });
}

/** course-completed: the certificate's statement, with the accredited study hours. */
export function courseCompleted(input: StatementInput): Statement {
  const b = begin(input);
  const { course } = input;
  const object = activity(courseIri(course), ACTIVITY_TYPES.course, b.lang, course.title);
  object.definition!.description = { [b.lang]: course.summary };
  return b.finish('completed', object, {
    result: {
      completion: true,
      duration: isoDuration(course.accreditationHours * 3_600_000),
      extensions: { [EXTENSIONS.studyHours]: course.accreditationHours },
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Shared parts

function activity(id: string, type: string, lang: string, name: string | undefined): Activity {
  return { objectType: 'Activity', id, definition: { type, name: { [lang]: name ?? '' } } };
}

function contactMomentActivity(course: Course, lang: string): Activity {
  return activity(contactMomentIri(course), ACTIVITY_TYPES.meeting, lang, course.contactMoment.title);
}

function agent(person: Person): Agent {
  return {
    objectType: 'Agent',
    ...(person.name === undefined ? {} : { name: person.name }),
    account: { homePage: ACCOUNT_HOME_PAGE, name: person.userId },
  };
}

type ItemOfKind<K extends Item['kind']> = Extract<Item, { kind: K }>;

interface Finish {
  parent?: Activity[];
  result?: NonNullable<Statement['result']>;
  extensions?: Record<string, unknown>;
  instructor?: Agent;
  statement?: { objectType: 'StatementRef'; id: string };
  activeIntervals?: readonly ActiveInterval[] | undefined;
  /** The template requires active time (result.duration and the active-intervals extension). */
  activeTimeRequired?: boolean;
}

const itemIndexes = new WeakMap<Course, Map<string, { item: Item; workMoment?: WorkMoment }>>();

function itemIndex(course: Course): Map<string, { item: Item; workMoment?: WorkMoment }> {
  let index = itemIndexes.get(course);
  if (!index) {
    index = new Map(courseItems(course).map((item) => [item.id, { item }]));
    for (const workMoment of course.workMoments) {
      for (const item of workMoment.items) index.set(item.id, { item, workMoment });
    }
    itemIndexes.set(course, index);
  }
  return index;
}

/** Collects every problem of one builder call, then builds the statement or throws them all. */
function begin(input: StatementInput) {
  const issues: ErrorIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  const { course } = input;
  const lang = course.language;

  if (typeof input.registration !== 'string' || !isUuid(input.registration)) issue('registration', 'must be the enrolment\'s registration UUID');
  if (input.id !== undefined && !isUuid(input.id)) issue('id', 'must be a UUID');
  if (input.timestamp !== undefined && timestampToMs(input.timestamp) === undefined) issue('timestamp', 'must be an ISO 8601 timestamp');

  const person = (value: Person | undefined, path: string): Agent => {
    if (!value || typeof value.userId !== 'string' || value.userId === '') issue(`${path}.userId`, 'must be the user id of the account');
    if (value?.name !== undefined && typeof value.name !== 'string') issue(`${path}.name`, 'must be a string');
    return agent(value ?? { userId: '' });
  };
  const actor = person(input.participant, 'participant');

  return {
    lang,
    issue,
    person,

    /** The item with this id and kind; reports an issue and returns undefined otherwise. */
    item<K extends Item['kind']>(itemId: string, kind: K): ItemOfKind<K> | undefined {
      const found = itemIndex(course).get(itemId)?.item;
      if (!found) issue('itemId', `the course has no item "${itemId}"`);
      else if (found.kind !== kind) issue('itemId', `"${itemId}" is a ${found.kind}, not a ${kind}`);
      return found?.kind === kind ? (found as ItemOfKind<K>) : undefined;
    },

    /** [the work moment] for an item of a work moment, [] otherwise. */
    parentsOf(itemId: string): Activity[] {
      const workMoment = itemIndex(course).get(itemId)?.workMoment;
      return workMoment ? [activity(workMomentIri(course, workMoment.id), ACTIVITY_TYPES.module, lang, workMoment.title)] : [];
    },

    /** The chosen option ids in the question's order, after checking them. */
    chosenOptions(question: { id: string; type: 'single' | 'multiple'; options: { id: string }[] }, chosen: readonly string[]): string[] {
      const ids = question.options.map((o) => o.id);
      const list = Array.isArray(chosen) ? chosen : [];
      if (list.length === 0) issue('chosenOptionIds', 'choose at least one option');
      if (question.type === 'single' && list.length > 1) issue('chosenOptionIds', `question "${question.id}" takes exactly one option`);
      if (new Set(list).size !== list.length) issue('chosenOptionIds', 'lists an option more than once');
      for (const id of list) if (!ids.includes(id)) issue('chosenOptionIds', `"${id}" is not an option of question "${question.id}"`);
      return ids.filter((id) => list.includes(id));
    },

    /** The answers checked against the form, in form order, and the report as readable text. */
    formAnswers(form: Form, given: FormAnswers | undefined): { answers: Record<string, string | number>; text: string } {
      const answers: Record<string, string | number> = {};
      const blocks: string[] = [];
      const values = given ?? {};
      for (const field of form.fields) {
        const value: unknown = values[field.id];
        const path = `answers.${field.id}`;
        if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
          if (field.required) issue(path, `is required ("${field.label}")`);
          continue;
        }
        let shown: string | undefined;
        switch (field.type) {
          case 'text':
          case 'longtext':
            if (typeof value !== 'string') issue(path, 'must be text');
            else if (field.type === 'text' && field.maxLength !== undefined && value.length > field.maxLength) issue(path, `must be at most ${field.maxLength} characters`);
            else shown = value;
            break;
          case 'single': {
            const option = field.options.find((o) => o.id === value);
            if (!option) issue(path, `must be one of ${field.options.map((o) => `"${o.id}"`).join(', ')}`);
            else shown = option.label;
            break;
          }
          case 'rating':
            if (typeof value !== 'number' || !Number.isInteger(value) || value < field.min || value > field.max) {
              issue(path, `must be a whole number from ${field.min} to ${field.max}`);
            } else shown = String(value);
            break;
          case 'date':
            if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || timestampToMs(`${value}T00:00:00Z`) === undefined) {
              issue(path, 'must be a date as YYYY-MM-DD');
            } else shown = value;
            break;
        }
        if (shown !== undefined) {
          answers[field.id] = value as string | number;
          blocks.push(`${field.label}\n${shown}`);
        }
      }
      for (const key of Object.keys(values)) {
        if (!form.fields.some((f) => f.id === key)) issue(`answers.${key}`, 'is not a field of this form');
      }
      return { answers, text: blocks.join('\n\n') };
    },

    finish(verb: VerbName, object: Activity, options: Finish): Statement {
      let result = options.result;
      const extensions: Record<string, unknown> = {
        [EXTENSIONS.courseVersion]: course.versionId,
        ...(input.sessionId ? { [EXTENSIONS.sessionId]: input.sessionId } : {}),
        ...options.extensions,
      };
      if (options.activeIntervals !== undefined || options.activeTimeRequired) {
        try {
          const time = activeTime(options.activeIntervals ?? []);
          result = { ...result, duration: isoDuration(time.activeMs) };
          extensions[EXTENSIONS.activeIntervals] = time.intervals;
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          issues.push(...error.issues);
        }
      }
      if (issues.length > 0) throw new ValidationError(`${issues[0]!.path}: ${issues[0]!.message}`, { issues });

      const statement: Statement = {
        id: input.id ?? globalThis.crypto.randomUUID(),
        timestamp: input.timestamp ?? new Date().toISOString(),
        actor,
        verb: { id: VERBS[verb], display: { en: VERB_DISPLAY[verb].en, 'nl-NL': VERB_DISPLAY[verb].nl } },
        object,
        context: {
          registration: input.registration,
          ...(options.instructor ? { instructor: options.instructor } : {}),
          contextActivities: {
            ...(options.parent && options.parent.length > 0 ? { parent: options.parent } : {}),
            grouping: [activity(courseIri(course), ACTIVITY_TYPES.course, lang, course.title)],
            category: [{ objectType: 'Activity', id: PROFILE_VERSION_ID, definition: { type: ACTIVITY_TYPES.profile } }],
          },
          language: lang,
          ...(options.statement ? { statement: options.statement } : {}),
          extensions,
        },
      };
      if (result !== undefined) statement.result = result;
      return statement;
    },
  };
}
