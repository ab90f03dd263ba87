/**
 * The course definition as data: the zod schema that content/introductie/course.json must pass.
 *
 * The course content (Dutch) lives in content/; this file only fixes its shape and the rules a
 * course must keep to be credible for accreditation (see content/README.md):
 * - every id is stable kebab-case and unique in the course (statements and progress refer to it);
 * - every learning outcome maps to existing items, and the kind of evidence matches the item;
 * - the final test covers learning outcomes 1-7 (outcome 8 is a choice, not testable);
 * - nominal minutes of all items plus the contact moment add up to the study load, which equals
 *   the accredited hours;
 * - the gate threshold can be reached before the contact moment at nominal pace.
 *
 * Each schema's inferred type is exported under the schema's name. The schemas themselves are
 * built at first use (courseSchema()), except the enums, which are exported as values too.
 */
import * as z from 'zod/mini';
import '../zod-locale.js';
import { ContactForm } from './contact-form.js';

// ---------------------------------------------------------------------------------------------
// Building blocks

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A raw HTML tag such as `<div>` or `</p>`; Markdown autolinks (`<https://...>`) do not match. */
const HTML_TAG = /<\/?[A-Za-z][\w-]*(?:\s[^>]*)?\/?>/;

// The enums are built at import: other modules read their `.options`, and four enums cost little.

/** The kinds of items a course is made of. */
export const ItemKind = z.enum(['page', 'check', 'reflection', 'spinnenweb', 'assignment', 'test', 'evaluation', 'choice']);
export type ItemKind = z.infer<typeof ItemKind>;

/**
 * When an item (and the evidence of an outcome) is due.
 * - `before-contact`: before the contact moment unlocks (counts toward the gate).
 * - `before-completion`: may be done before or after the contact moment, but before the course is
 *   completed (certificate). The course evaluation and the follow-up choice are due like this.
 */
export const Due = z.enum(['before-contact', 'before-completion']);
export type Due = z.infer<typeof Due>;

/** The four learning routes of the follow-up training, or not now (learning outcome 8). */
export const FollowUpRoute = z.enum([
  'zorgen-voor-mensen',
  'gespreksvoering',
  'implementatie-in-de-organisatie',
  'werken-met-groepen',
  'nu-niet',
]);
export type FollowUpRoute = z.infer<typeof FollowUpRoute>;

export const DimensionId = z.enum([
  'lichaamsfuncties',
  'mentaal-welbevinden',
  'zingeving',
  'kwaliteit-van-leven',
  'meedoen',
  'dagelijks-functioneren',
]);
export type DimensionId = z.infer<typeof DimensionId>;

/**
 * An imported SCORM package (functions/core/scorm/imported/). Never part of course.json: an admin
 * uploads it, and the module adds it to the course at run time as a work moment of its own
 * (withPackages). As evidence it counts once the package reports completion; its study time is
 * the package's own session time, within the rules (study-time-rules.ts R13).
 */
export interface PackageItem {
  kind: 'package';
  id: string;
  title: string;
  nominalMinutes: number;
  packageId: string;
  scormVersion: '1.2' | '2004';
  /** Where the app opens the package's first SCO (functions/handlers/app/scorm-content.ts). */
  launchUrl: string;
  /** The learning outcomes the package gives evidence for. */
  outcomes: number[];
}

export { ContactForm } from './contact-form.js';

/** Fewest content pages, checks and reflections per work moment. */
export const WORK_MOMENT_MINIMUM = { page: 3, check: 1, reflection: 1 } as const;

// ---------------------------------------------------------------------------------------------
// The schemas of the course's parts

/**
 * Every other schema, built by courseSchema() at first use rather than at import. zod builds an
 * object per schema, and building these ~130 cost every cold start about 4 ms, also in handlers
 * that only need a course item's type or never parse the course at all.
 */
function buildSchemas() {
  /** Stable id of a work moment, item, question, option, prompt or form field (kebab-case). */
  const Id = z.string().check(z.regex(KEBAB_CASE, 'use kebab-case: lowercase letters, digits and single hyphens'));

  /** Plain Dutch text shown to people (one line or a few sentences). */
  const Text = z.string().check(z.regex(/\S/, 'must not be empty'));

  /** Markdown shown to people: headings, paragraphs, lists, emphasis. No raw HTML. */
  const Markdown = Text.check(z.refine((s) => !HTML_TAG.test(s), 'Markdown only: raw HTML is not allowed'));

  const Minutes = z.number().check(z.int(), z.positive());

  const itemBase = {
    /** Stable, kebab-case, unique in the course. Never reuse an id for different content. */
    id: Id,
    title: Text,
    /** Realistic time an average participant needs; sums to the study load (see README). */
    nominalMinutes: Minutes,
  };

  // -------------------------------------------------------------------------------------------
  // Questions (knowledge checks and final test)

  const AnswerOption = z.strictObject({
    id: Id,
    text: Text,
    correct: z.boolean(),
    /** Feedback shown when this option was chosen. Required unless the question has `feedback`. */
    feedback: z.optional(Text),
  });

  /** Feedback per outcome of the question (answered correctly or not). */
  const OutcomeFeedback = z.strictObject({ correct: Text, incorrect: Text });

  const questionShape = {
    id: Id,
    /** `single`: exactly one correct option. `multiple`: one or more correct options. */
    type: z.enum(['single', 'multiple']),
    stem: Text,
    options: z.array(AnswerOption).check(z.minLength(2), z.maxLength(6)),
    feedback: z.optional(OutcomeFeedback),
  };

  /** A knowledge-check question: feedback per option or per outcome. */
  const Question = z.strictObject(questionShape);

  /**
   * A final-test question, tied to the learning outcome it tests. Outcome 8 (choice of follow-up
   * training) is a choice the participant makes, not knowledge: it cannot be tested, so the final
   * test covers outcomes 1-7.
   */
  const TestQuestion = z.strictObject({
    ...questionShape,
    outcome: z.number().check(z.int(), z.gte(1), z.lte(7)),
    /** Shown after submission; `incorrect` points to what to reread without giving the answer. */
    feedback: OutcomeFeedback,
  });

  // -------------------------------------------------------------------------------------------
  // Forms (assignment reports, evaluation, coach record)

  const fieldBase = { id: Id, label: Text, help: z.optional(Text), required: z.boolean() };

  const FormField = z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('text'), ...fieldBase, maxLength: z.optional(z.number().check(z.int(), z.positive())) }),
    /** Free text in the participant's own words; `minWords` is the least that counts as an answer. */
    z.strictObject({ type: z.literal('longtext'), ...fieldBase, minWords: z.optional(z.number().check(z.int(), z.gte(0))) }),
    z.strictObject({
      type: z.literal('single'),
      ...fieldBase,
      options: z.array(z.strictObject({ id: Id, label: Text })).check(z.minLength(2)),
    }),
    z.strictObject({
      type: z.literal('rating'),
      ...fieldBase,
      min: z.number().check(z.int()),
      max: z.number().check(z.int()),
      minLabel: Text,
      maxLabel: Text,
      /** What the rating measures, for evaluation reports (accreditation asks for both). */
      measures: z.optional(z.enum(['satisfaction', 'usefulness'])),
    }),
    z.strictObject({ type: z.literal('date'), ...fieldBase }),
  ]);

  const Form = z.strictObject({
    intro: z.optional(Markdown),
    fields: z.array(FormField).check(z.minLength(1)),
  });

  // -------------------------------------------------------------------------------------------
  // Items inside work moments

  /** A content page: a few paragraphs of Markdown. */
  const PageItem = z.strictObject({ kind: z.literal('page'), ...itemBase, body: Markdown });

  /**
   * A short knowledge check with immediate feedback; formative, may be retried freely. As evidence
   * it counts once every question has been answered (correctness is for the final test).
   */
  const CheckItem = z.strictObject({
    kind: z.literal('check'),
    ...itemBase,
    intro: z.optional(Markdown),
    questions: z.array(Question).check(z.minLength(1)),
  });

  const ReflectionPrompt = z.strictObject({
    id: Id,
    question: Text,
    /** Fewest words that count as an answer in the participant's own words. */
    minWords: z.number().check(z.int(), z.gte(0)),
  });

  /**
   * A reflection answered in the participant's own words. Private by default (GDPR art. 9); as
   * evidence it counts once every prompt has an answer of at least `minWords` words.
   */
  const ReflectionItem = z.strictObject({
    kind: z.literal('reflection'),
    ...itemBase,
    intro: Markdown,
    prompts: z.array(ReflectionPrompt).check(z.minLength(1), z.maxLength(4)),
  });

  /**
   * Filling in one's own spinnenweb (the dimensions are in `Course.spinnenweb`). As evidence it
   * counts once all six dimensions have a grade; the grades themselves never count for anything.
   */
  const SpinnenwebItem = z.strictObject({ kind: z.literal('spinnenweb'), ...itemBase, intro: Markdown });

  const WorkMomentItem = z.discriminatedUnion('kind', [PageItem, CheckItem, ReflectionItem, SpinnenwebItem]);

  /** A work moment of framed self-study. */
  const WorkMoment = z.strictObject({
    id: Id,
    title: Text,
    intro: Markdown,
    items: z.array(WorkMomentItem).check(z.minLength(1)),
  });

  // -------------------------------------------------------------------------------------------
  // Items outside work moments

  /**
   * A do-and-experience assignment, done in real life between work moments (after
   * `afterWorkMoment`) and reported on afterwards. Its nominal minutes are credited once the report
   * is submitted; as evidence it counts once the report is submitted.
   */
  const AssignmentItem = z.strictObject({
    kind: z.literal('assignment'),
    ...itemBase,
    afterWorkMoment: Id,
    /** One or two sentences for overviews. */
    summary: Text,
    instructions: Markdown,
    /** When to do it, in plain Dutch (e.g. "in de week na werkmoment 1"). */
    timeFrame: Text,
    reportForm: Form,
  });

  const RetryRule = z.strictObject({
    /** Attempts allowed in total (the first one included). */
    maxAttempts: z.number().check(z.int(), z.gte(1)),
    /** Wait after a failed attempt before the next one may start. */
    waitMinutesBetweenAttempts: z.number().check(z.int(), z.gte(0)),
    /** What happens after the last failed attempt. */
    whenExhausted: z.enum(['coach-can-grant-attempt', 'no-more-attempts']),
    /** Shown to the participant after the last failed attempt. */
    exhaustedMessage: Text,
  });

  /** The final test (eindtoets); accreditation bodies require one for e-learning. */
  const FinalTestItem = z.strictObject({
    kind: z.literal('test'),
    ...itemBase,
    intro: Markdown,
    /** Percentage of questions answered correctly needed to pass. */
    passMarkPercent: z._default(z.number().check(z.int(), z.gte(1), z.lte(100)), 70),
    /** A question scores only when the chosen options are exactly the correct ones. */
    scoring: z.literal('per-question-all-or-nothing'),
    retries: RetryRule,
    shuffle: z.strictObject({ questions: z.boolean(), options: z.boolean() }),
    /**
     * Feedback per question is always shown after submission. Whether the correct options are
     * revealed too: always, only once passed (so retries stay meaningful), or never.
     */
    revealCorrectAnswers: z.enum(['always', 'after-pass', 'never']),
    questions: z.array(TestQuestion).check(z.minLength(1)),
  });

  /** Participant evaluation of the course (satisfaction and usefulness), asked by accreditors. */
  const EvaluationItem = z.strictObject({
    kind: z.literal('evaluation'),
    ...itemBase,
    due: Due,
    form: Form,
  });

  /** The choice of follow-up (learning outcome 8): one route or "nu niet", changeable until completion. */
  const ChoiceItem = z.strictObject({
    kind: z.literal('choice'),
    ...itemBase,
    due: Due,
    intro: Markdown,
    options: z.array(z.strictObject({ id: FollowUpRoute, title: Text, description: Text })).check(z.length(FollowUpRoute.options.length)),
    /** Label of an optional free-text note with the choice. */
    noteLabel: z.optional(Text),
  });

  const Item = z.discriminatedUnion('kind', [
    PageItem,
    CheckItem,
    ReflectionItem,
    SpinnenwebItem,
    AssignmentItem,
    FinalTestItem,
    EvaluationItem,
    ChoiceItem,
  ]);

  // -------------------------------------------------------------------------------------------
  // Spinnenweb, contact moment, outcomes

  const SpinnenwebDimension = z.strictObject({
    id: DimensionId,
    name: Text,
    description: Text,
    /** A few questions to think about before grading (our own prompts, not the official 42). */
    aspects: z.array(Text).check(z.minLength(3), z.maxLength(7)),
  });

  /**
   * The spinnenweb: six dimensions, each graded 0-10 by the participant. A conversation instrument,
   * never a measurement: grades gate nothing and never leave the participant's private data.
   */
  const Spinnenweb = z.strictObject({
    scale: z.strictObject({ min: z.literal(0), max: z.literal(10) }),
    privacyNote: Text,
    dimensions: z.array(SpinnenwebDimension).check(z.length(DimensionId.options.length)),
  });

  /**
   * The personal contact moment with a certified coach: an individual coaching conversation or a
   * group inspiration session. Part of the study load; unlocks through the gate.
   */
  const ContactMoment = z.strictObject({
    id: Id,
    title: Text,
    /** Planned minutes, counted in the study load. */
    minutes: Minutes,
    forms: z.array(ContactForm).check(z.minLength(1)),
    /** Largest group for an inspiration session. */
    groupMax: z.number().check(z.int(), z.gte(1)),
    description: Markdown,
    /** Questions the coach can use in the conversation. */
    coachPrompts: z.array(Text).check(z.minLength(1)),
    /** What the coach records after the contact moment. */
    coachRecord: Form,
  });

  /**
   * The kind of evidence an item gives for a learning outcome; always the kind of the item:
   * - `reflection`: every prompt answered in own words (at least `minWords`);
   * - `check`: every question of the knowledge check answered;
   * - `assignment`: the report form submitted;
   * - `spinnenweb`: filled in once (all six dimensions graded; the grades never count);
   * - `choice`: a follow-up choice recorded.
   */
  const EvidenceKind = z.enum(['reflection', 'check', 'assignment', 'spinnenweb', 'choice']);
  /** `package`: an imported SCORM package reported completion (never in course.json). */

  const Evidence = z.strictObject({
    itemId: Id,
    kind: EvidenceKind,
    /**
     * Short Dutch noun phrase naming the evidence for "what is missing" messages, which read
     * `leeruitkomst <n>: <label> ontbreekt nog` (e.g. "je reflectie over zingeving").
     */
    label: Text,
  });

  /** A learning outcome; it has its evidence when every listed item is done. */
  const Outcome = z.strictObject({
    number: z.number().check(z.int(), z.gte(1), z.lte(8)),
    title: Text,
    description: Text,
    /** When the evidence must be there: before the contact moment unlocks, or before completion. */
    evidenceDue: Due,
    evidence: z.array(Evidence).check(z.minLength(1)),
  });

  // -------------------------------------------------------------------------------------------
  // The course

  const CourseShape = z.strictObject({
    /** Activity IRI of the course. */
    id: z.url({ protocol: /^https?$/ }),
    /** Content version; goes into every statement. A change of meaning gets a new versionId. */
    versionId: z.string().check(z.regex(/^[0-9A-Za-z][0-9A-Za-z._-]*$/, 'letters, digits, dots, hyphens, underscores')),
    /** Language of the content (BCP 47), for xAPI language maps. */
    language: z.string().check(z.regex(/^[a-z]{2}(?:-[A-Z]{2})?$/)),
    title: Text,
    summary: Text,
    /** Study load in minutes; equals accreditationHours * 60. */
    studyLoadMinutes: Minutes,
    accreditationHours: z.number().check(z.positive()),
    /**
     * Credited study time needed before the contact moment unlocks. At most the nominal minutes of
     * everything due before the contact moment (study load minus the contact moment minus items due
     * only before completion), so a participant working at nominal pace can reach it.
     */
    gateThresholdMinutes: Minutes,
    contactMoment: ContactMoment,
    outcomes: z.array(Outcome).check(z.length(8)),
    workMoments: z.array(WorkMoment).check(z.minLength(3)),
    assignments: z.array(AssignmentItem).check(z.minLength(1)),
    spinnenweb: Spinnenweb,
    finalTest: FinalTestItem,
    evaluation: EvaluationItem,
    followUpChoice: ChoiceItem,
  });
  return {
    Id, Markdown, AnswerOption, OutcomeFeedback, Question, TestQuestion, FormField, Form, PageItem,
    CheckItem, ReflectionPrompt, ReflectionItem, SpinnenwebItem, WorkMomentItem, WorkMoment,
    AssignmentItem, RetryRule, FinalTestItem, EvaluationItem, ChoiceItem, Item, SpinnenwebDimension,
    Spinnenweb, ContactMoment, EvidenceKind, Evidence, Outcome, CourseShape,
  };
}
type Schemas = ReturnType<typeof buildSchemas>;

export type Id = z.infer<Schemas['Id']>;
export type Markdown = z.infer<Schemas['Markdown']>;
export type AnswerOption = z.infer<Schemas['AnswerOption']>;
export type OutcomeFeedback = z.infer<Schemas['OutcomeFeedback']>;
export type Question = z.infer<Schemas['Question']>;
export type TestQuestion = z.infer<Schemas['TestQuestion']>;
export type FormField = z.infer<Schemas['FormField']>;
export type Form = z.infer<Schemas['Form']>;
export type PageItem = z.infer<Schemas['PageItem']>;
export type CheckItem = z.infer<Schemas['CheckItem']>;
export type ReflectionPrompt = z.infer<Schemas['ReflectionPrompt']>;
export type ReflectionItem = z.infer<Schemas['ReflectionItem']>;
export type SpinnenwebItem = z.infer<Schemas['SpinnenwebItem']>;
export type WorkMomentItem = z.infer<Schemas['WorkMomentItem']> | PackageItem;
export type WorkMoment = Omit<z.infer<Schemas['WorkMoment']>, 'items'> & { items: WorkMomentItem[] };
export type AssignmentItem = z.infer<Schemas['AssignmentItem']>;
export type RetryRule = z.infer<Schemas['RetryRule']>;
export type FinalTestItem = z.infer<Schemas['FinalTestItem']>;
export type EvaluationItem = z.infer<Schemas['EvaluationItem']>;
export type ChoiceItem = z.infer<Schemas['ChoiceItem']>;
export type Item = z.infer<Schemas['Item']> | PackageItem;
export type SpinnenwebDimension = z.infer<Schemas['SpinnenwebDimension']>;
export type Spinnenweb = z.infer<Schemas['Spinnenweb']>;
export type ContactMoment = z.infer<Schemas['ContactMoment']>;
export type EvidenceKind = z.infer<Schemas['EvidenceKind']> | 'package';
export type Evidence = Omit<z.infer<Schemas['Evidence']>, 'kind'> & { kind: EvidenceKind };
export type Outcome = Omit<z.infer<Schemas['Outcome']>, 'evidence'> & { evidence: Evidence[] };
type CourseShape = z.infer<Schemas['CourseShape']>;

/**
 * Every item of the course in the order a participant meets it: each work moment's items, then
 * the assignments after that work moment, then the final test, the evaluation and the follow-up
 * choice. The contact moment is not an item.
 */
export function courseItems(course: Pick<Course, 'workMoments' | 'assignments' | 'finalTest' | 'evaluation' | 'followUpChoice'>): Item[] {
  const items: Item[] = [];
  for (const moment of course.workMoments) {
    items.push(...moment.items);
    items.push(...course.assignments.filter((a) => a.afterWorkMoment === moment.id));
  }
  // Assignments pointing at an unknown work moment still count (the refinement reports them).
  const momentIds = new Set(course.workMoments.map((m) => m.id));
  items.push(...course.assignments.filter((a) => !momentIds.has(a.afterWorkMoment)));
  items.push(course.finalTest, course.evaluation, course.followUpChoice);
  return items;
}

/** When an item is due; only the evaluation and the follow-up choice can be due later. */
export function itemDue(item: Item): Due {
  return item.kind === 'evaluation' || item.kind === 'choice' ? item.due : 'before-contact';
}

type Ctx = z.core.$RefinementCtx<CourseShape>;

function issue(ctx: Ctx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

function checkUnique(ctx: Ctx, ids: { id: string; path: PropertyKey[] }[], what: string): void {
  const seen = new Set<string>();
  for (const { id, path } of ids) {
    if (seen.has(id)) issue(ctx, path, `duplicate ${what} id "${id}"`);
    seen.add(id);
  }
}

function checkQuestion(ctx: Ctx, q: Question, path: PropertyKey[], optionFeedbackAlternative: boolean): void {
  checkUnique(ctx, q.options.map((o, i) => ({ id: o.id, path: [...path, 'options', i, 'id'] })), 'option');
  const correct = q.options.filter((o) => o.correct).length;
  if (q.type === 'single' && correct !== 1) issue(ctx, [...path, 'options'], `a single-choice question needs exactly one correct option, found ${correct}`);
  if (q.type === 'multiple' && correct < 1) issue(ctx, [...path, 'options'], 'a multiple-choice question needs at least one correct option');
  if (correct === q.options.length) issue(ctx, [...path, 'options'], 'at least one option must be incorrect');
  if (optionFeedbackAlternative && !q.feedback && q.options.some((o) => !o.feedback)) {
    issue(ctx, [...path, 'feedback'], 'give feedback per option (every option) or per outcome (question feedback)');
  }
}

function checkForm(ctx: Ctx, form: Form, path: PropertyKey[]): void {
  checkUnique(ctx, form.fields.map((f, i) => ({ id: f.id, path: [...path, 'fields', i, 'id'] })), 'form field');
  form.fields.forEach((f, i) => {
    if (f.type === 'rating' && f.min >= f.max) issue(ctx, [...path, 'fields', i], 'rating min must be below max');
    if (f.type === 'single') checkUnique(ctx, f.options.map((o, j) => ({ id: o.id, path: [...path, 'fields', i, 'options', j, 'id'] })), 'field option');
  });
}

function checkCourse(course: CourseShape, ctx: Ctx): void {
  const items = courseItems(course);
  const byId = new Map(items.map((item) => [item.id, item]));

  // Ids: work moments, items and the contact moment share one namespace.
  const ids: { id: string; path: PropertyKey[] }[] = [];
  course.workMoments.forEach((m, mi) => {
    ids.push({ id: m.id, path: ['workMoments', mi, 'id'] });
    m.items.forEach((item, ii) => ids.push({ id: item.id, path: ['workMoments', mi, 'items', ii, 'id'] }));
  });
  course.assignments.forEach((a, ai) => ids.push({ id: a.id, path: ['assignments', ai, 'id'] }));
  ids.push({ id: course.finalTest.id, path: ['finalTest', 'id'] });
  ids.push({ id: course.evaluation.id, path: ['evaluation', 'id'] });
  ids.push({ id: course.followUpChoice.id, path: ['followUpChoice', 'id'] });
  ids.push({ id: course.contactMoment.id, path: ['contactMoment', 'id'] });
  checkUnique(ctx, ids, 'course');

  // Work moments: several pages, at least one check and one reflection each.
  course.workMoments.forEach((m, mi) => {
    for (const [kind, min] of Object.entries(WORK_MOMENT_MINIMUM)) {
      const count = m.items.filter((item) => item.kind === kind).length;
      if (count < min) issue(ctx, ['workMoments', mi, 'items'], `work moment "${m.id}" needs at least ${min} item(s) of kind "${kind}", has ${count}`);
    }
    m.items.forEach((item, ii) => {
      const path = ['workMoments', mi, 'items', ii];
      if (item.kind === 'check') item.questions.forEach((q, qi) => checkQuestion(ctx, q, [...path, 'questions', qi], true));
      if (item.kind === 'check') checkUnique(ctx, item.questions.map((q, qi) => ({ id: q.id, path: [...path, 'questions', qi, 'id'] })), 'question');
      if (item.kind === 'reflection') checkUnique(ctx, item.prompts.map((p, pi) => ({ id: p.id, path: [...path, 'prompts', pi, 'id'] })), 'prompt');
    });
  });

  // The spinnenweb is filled in exactly once in the course; six distinct dimensions.
  const spinnenwebItems = items.filter((item) => item.kind === 'spinnenweb').length;
  if (spinnenwebItems !== 1) issue(ctx, ['workMoments'], `the course needs exactly one spinnenweb item, has ${spinnenwebItems}`);
  checkUnique(ctx, course.spinnenweb.dimensions.map((d, i) => ({ id: d.id, path: ['spinnenweb', 'dimensions', i, 'id'] })), 'dimension');

  // Assignments: after an existing work moment; one between every two consecutive work moments.
  const momentIds = course.workMoments.map((m) => m.id);
  course.assignments.forEach((a, ai) => {
    if (!momentIds.includes(a.afterWorkMoment)) issue(ctx, ['assignments', ai, 'afterWorkMoment'], `unknown work moment "${a.afterWorkMoment}"`);
    checkForm(ctx, a.reportForm, ['assignments', ai, 'reportForm']);
  });
  momentIds.slice(0, -1).forEach((id, mi) => {
    if (!course.assignments.some((a) => a.afterWorkMoment === id)) {
      issue(ctx, ['assignments'], `no do-and-experience assignment between work moments "${id}" and "${momentIds[mi + 1]}"`);
    }
  });

  // Outcomes: numbered 1..8 once each; evidence exists, has the item's kind and is due in time.
  const numbers = course.outcomes.map((o) => o.number);
  for (let n = 1; n <= 8; n++) {
    if (!numbers.includes(n)) issue(ctx, ['outcomes'], `learning outcome ${n} is missing`);
  }
  checkUnique(ctx, course.outcomes.map((o, i) => ({ id: String(o.number), path: ['outcomes', i, 'number'] })), 'outcome number');
  course.outcomes.forEach((o, oi) => {
    o.evidence.forEach((e, ei) => {
      const path = ['outcomes', oi, 'evidence', ei];
      const item = byId.get(e.itemId);
      if (!item) {
        issue(ctx, [...path, 'itemId'], `learning outcome ${o.number}: evidence item "${e.itemId}" does not exist`);
        return;
      }
      if (item.kind !== e.kind) issue(ctx, [...path, 'kind'], `learning outcome ${o.number}: "${e.itemId}" is a ${item.kind}, not a ${e.kind}`);
      if (o.evidenceDue === 'before-contact' && itemDue(item) !== 'before-contact') {
        issue(ctx, [...path, 'itemId'], `learning outcome ${o.number} is due before the contact moment, but "${e.itemId}" is only due before completion`);
      }
    });
    checkUnique(ctx, o.evidence.map((e, ei) => ({ id: e.itemId, path: ['outcomes', oi, 'evidence', ei, 'itemId'] })), 'evidence item');
  });

  // Final test: covers outcomes 1-7 (8 is a choice of follow-up, not testable knowledge).
  const test = course.finalTest;
  test.questions.forEach((q, qi) => checkQuestion(ctx, q, ['finalTest', 'questions', qi], false));
  checkUnique(ctx, test.questions.map((q, qi) => ({ id: q.id, path: ['finalTest', 'questions', qi, 'id'] })), 'question');
  for (let n = 1; n <= 7; n++) {
    if (!test.questions.some((q) => q.outcome === n)) issue(ctx, ['finalTest', 'questions'], `the final test has no question for learning outcome ${n}`);
  }

  // Evaluation: asks for satisfaction and usefulness.
  checkForm(ctx, course.evaluation.form, ['evaluation', 'form']);
  for (const measure of ['satisfaction', 'usefulness'] as const) {
    if (!course.evaluation.form.fields.some((f) => f.type === 'rating' && f.measures === measure)) {
      issue(ctx, ['evaluation', 'form', 'fields'], `the evaluation needs a rating field measuring ${measure}`);
    }
  }

  // Follow-up choice: each of the four routes and "nu niet", once.
  checkUnique(ctx, course.followUpChoice.options.map((o, i) => ({ id: o.id, path: ['followUpChoice', 'options', i, 'id'] })), 'follow-up option');

  checkForm(ctx, course.contactMoment.coachRecord, ['contactMoment', 'coachRecord']);
  checkUnique(ctx, course.contactMoment.forms.map((f, i) => ({ id: f, path: ['contactMoment', 'forms', i] })), 'contact form');

  // Minutes: items + contact moment = study load = accredited hours.
  const itemMinutes = items.reduce((sum, item) => sum + item.nominalMinutes, 0);
  const total = itemMinutes + course.contactMoment.minutes;
  if (course.studyLoadMinutes !== course.accreditationHours * 60) {
    issue(ctx, ['studyLoadMinutes'], `study load ${course.studyLoadMinutes} min does not match ${course.accreditationHours} accredited hours (${course.accreditationHours * 60} min)`);
  }
  if (total !== course.studyLoadMinutes) {
    issue(ctx, ['studyLoadMinutes'], `nominal minutes of all items (${itemMinutes}) plus the contact moment (${course.contactMoment.minutes}) are ${total}, not the study load of ${course.studyLoadMinutes}`);
  }
  const beforeContact = items.filter((item) => itemDue(item) === 'before-contact').reduce((sum, item) => sum + item.nominalMinutes, 0);
  if (course.gateThresholdMinutes > beforeContact) {
    issue(ctx, ['gateThresholdMinutes'], `gate threshold ${course.gateThresholdMinutes} min exceeds the ${beforeContact} nominal minutes due before the contact moment`);
  }
}

let courseSchemaBuilt: Schemas['CourseShape'] | undefined;

/** The course definition's schema, with every cross-reference and sum checked; built at first use. */
export function courseSchema(): Schemas['CourseShape'] {
  courseSchemaBuilt ??= buildSchemas().CourseShape.check(z.superRefine(checkCourse));
  return courseSchemaBuilt;
}
/** A course as the module uses it: the content, to which imported packages may be added. */
export type Course = Omit<CourseShape, 'workMoments' | 'outcomes'> & { workMoments: WorkMoment[]; outcomes: Outcome[] };
