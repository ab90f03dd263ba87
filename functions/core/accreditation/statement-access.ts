/**
 * What an accreditation body may read through the LRS, decided per statement. Two steps, applied
 * to every statement the LRS hands to an accreditor client (GET by statementId and
 * voidedStatementId, every filter combination, `more` pages, HEAD, attachments):
 *
 * 1. `isAccreditationRelevant`: an allow-list. A statement is visible only when its (verb, object
 *    activity type) pair is one of the accreditation templates of the course profile (final test
 *    attempted/passed/failed, contact moment unlocked/attended, course completed) and it belongs
 *    to a course the client accredits (the course is the object or in contextActivities). Nothing
 *    else passes: not the reflection, spinnenweb, assignment, evaluation or follow-up templates, not
 *    voiding statements, not statements the profile does not know. Their (verb, type) pairs never
 *    coincide with an allowed pair (a unit test checks that against the profile).
 * 2. `redactForAccreditation`: even an allowed statement is rebuilt from an explicit list of
 *    properties, so a client that stored an allowed verb with extra data (a `result.response`, a
 *    form answer in an extension, an attachment) cannot make that data readable: result keeps only
 *    score, success, completion, duration and the study-hours extension; context keeps only the
 *    registration, the instructor, contextActivities (ids and types) and the course-version,
 *    contact-form and masteryscore extensions, and only as numbers or short codes; activities keep
 *    only id and type (no free-text name or description), the verb its id and the profile's
 *    display; attachments go. So no free text a client wrote can reach an accreditation body,
 *    apart from the names of the participant and the coach (actor, instructor).
 *
 * Pure: no storage, no HTTP. The statements handler applies both (functions/handlers/xapi/statements-get.ts).
 */
import { ACTIVITY_TYPES, EXTENSIONS, TEMPLATES, VERB_DISPLAY, VERBS, type VerbName } from '../xapi/profile/vocabulary.js';
import type { StatementJson } from '../xapi/statement-store.js';

/** The profile templates an accreditation body may read. */
export const ACCREDITATION_TEMPLATES: readonly string[] = [
  TEMPLATES.finalTestAttempted,
  TEMPLATES.finalTestPassed,
  TEMPLATES.finalTestFailed,
  TEMPLATES.contactMomentUnlocked,
  TEMPLATES.contactMomentAttended,
  TEMPLATES.courseCompleted,
];

/** The (verb, object activity type) pairs of those templates; the allow-list that is enforced. */
export const ACCREDITATION_ALLOW_LIST: readonly { verb: string; objectActivityType: string }[] = [
  { verb: VERBS.attempted, objectActivityType: ACTIVITY_TYPES.assessment },
  { verb: VERBS.passed, objectActivityType: ACTIVITY_TYPES.assessment },
  { verb: VERBS.failed, objectActivityType: ACTIVITY_TYPES.assessment },
  { verb: VERBS.unlocked, objectActivityType: ACTIVITY_TYPES.meeting },
  { verb: VERBS.attended, objectActivityType: ACTIVITY_TYPES.meeting },
  { verb: VERBS.completed, objectActivityType: ACTIVITY_TYPES.course },
];

/** Context extensions an accreditation body may see: none can carry health data. */
const VISIBLE_CONTEXT_EXTENSIONS: readonly string[] = [EXTENSIONS.courseVersion, EXTENSIONS.contactForm, EXTENSIONS.masteryScore];
/** Result extensions an accreditation body may see. */
const VISIBLE_RESULT_EXTENSIONS: readonly string[] = [EXTENSIONS.studyHours];
const CONTEXT_ACTIVITY_KINDS = ['parent', 'grouping', 'category', 'other'] as const;

/** What the client record says about the body: the course (IRIs) it accredits. */
export interface AccreditationScope {
  courseIds: readonly string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
}

function activityIdsInContext(statement: Json): string[] {
  const context = isObject(statement['context']) ? statement['context'] : {};
  const activities = isObject(context['contextActivities']) ? context['contextActivities'] : {};
  return CONTEXT_ACTIVITY_KINDS.flatMap((kind) => asArray(activities[kind]))
    .filter(isObject)
    .map((activity) => activity['id'])
    .filter((id): id is string => typeof id === 'string');
}

/** True when an accreditation body with this scope may see the statement at all. */
export function isAccreditationRelevant(statement: StatementJson, scope: AccreditationScope): boolean {
  const s = statement as Json;
  const verb = isObject(s['verb']) ? s['verb']['id'] : undefined;
  const object = isObject(s['object']) ? s['object'] : undefined;
  if (!object || (object['objectType'] !== undefined && object['objectType'] !== 'Activity')) return false;
  const definition = isObject(object['definition']) ? object['definition'] : {};
  const type = definition['type'];
  if (!ACCREDITATION_ALLOW_LIST.some((allowed) => allowed.verb === verb && allowed.objectActivityType === type)) return false;
  const courses = [object['id'], ...activityIdsInContext(s)];
  return scope.courseIds.some((courseId) => courses.includes(courseId));
}

function pick(source: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

/** An extension value an accreditor may see: a number or a short code (a version, a form), never free text. */
function isStructuredValue(value: unknown): boolean {
  return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && /^[A-Za-z0-9._-]{1,40}$/.test(value));
}

function pickExtensions(extensions: unknown, allowed: readonly string[]): Json | undefined {
  if (!isObject(extensions)) return undefined;
  const kept: Json = {};
  for (const key of allowed) if (isStructuredValue(extensions[key])) kept[key] = extensions[key];
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function redactActivity(activity: Json): Json {
  const type = isObject(activity['definition']) ? activity['definition']['type'] : undefined;
  return { ...pick(activity, ['objectType', 'id']), ...(typeof type === 'string' ? { definition: { type } } : {}) };
}

function canonicalVerb(verb: unknown): Json | undefined {
  if (!isObject(verb)) return undefined;
  const name = (Object.keys(VERBS) as VerbName[]).find((key) => VERBS[key] === verb['id']);
  return name ? { id: VERBS[name], display: { en: VERB_DISPLAY[name].en, 'nl-NL': VERB_DISPLAY[name].nl } } : { id: verb['id'] };
}

function redactResult(result: Json): Json | undefined {
  const kept = pick(result, ['score', 'success', 'completion', 'duration']);
  const extensions = pickExtensions(result['extensions'], VISIBLE_RESULT_EXTENSIONS);
  if (extensions) kept['extensions'] = extensions;
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function redactContext(context: Json): Json | undefined {
  const kept = pick(context, ['registration', 'instructor', 'language', 'statement']);
  if (isObject(context['contextActivities'])) {
    const activities: Json = {};
    for (const kind of CONTEXT_ACTIVITY_KINDS) {
      const list = asArray(context['contextActivities'][kind]).filter(isObject).map(redactActivity);
      if (list.length > 0) activities[kind] = list;
    }
    if (Object.keys(activities).length > 0) kept['contextActivities'] = activities;
  }
  const extensions = pickExtensions(context['extensions'], VISIBLE_CONTEXT_EXTENSIONS);
  if (extensions) kept['extensions'] = extensions;
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/**
 * The statement as an accreditation body sees it: rebuilt from an explicit list of properties.
 * Call only on statements that passed isAccreditationRelevant.
 */
export function redactForAccreditation(statement: StatementJson): StatementJson {
  const s = statement as Json;
  const out = pick(s, ['id', 'actor', 'timestamp', 'stored', 'authority', 'version']);
  const verb = canonicalVerb(s['verb']);
  if (verb) out['verb'] = verb;
  if (isObject(s['object'])) out['object'] = redactActivity(s['object']);
  const result = isObject(s['result']) ? redactResult(s['result']) : undefined;
  if (result) out['result'] = result;
  const context = isObject(s['context']) ? redactContext(s['context']) : undefined;
  if (context) out['context'] = context;
  return out as StatementJson;
}
