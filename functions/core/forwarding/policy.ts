/**
 * Which statements may leave the module for an accreditation body's LRS. Two gates, both must pass:
 *
 * 1. The hard allow-list (not configurable): only the accreditation-relevant kinds, as verb +
 *    activity type of the object: course completed, work moment completed, final test passed or
 *    failed, contact moment attended. Nothing else can ever be forwarded, whatever an admin sets.
 * 2. The health-data guard (not configurable): a statement that carries anything of the private
 *    templates (DESIGN.md "Privacy": spinnenweb scores, reflections, assignment reports, evaluation
 *    and form answers, free-text responses) is refused even if it passed the allow-list, e.g. a
 *    statement sent by some xAPI client that reuses the verb with a health-data payload.
 *
 * A target's own filter (verbs, activity types) can only narrow what passes both.
 */
import { ACTIVITY_TYPES, EXTENSIONS, VERBS } from '../xapi/profile/vocabulary.js';
import type { StatementJson } from '../xapi/statement-store.js';

export interface ForwardableKind {
  verb: string;
  activityType: string;
}

/** Everything that may ever be forwarded; also every target's default filter. */
export const ACCREDITATION_KINDS: readonly ForwardableKind[] = [
  { verb: VERBS.completed, activityType: ACTIVITY_TYPES.course },
  { verb: VERBS.completed, activityType: ACTIVITY_TYPES.module },
  { verb: VERBS.passed, activityType: ACTIVITY_TYPES.assessment },
  { verb: VERBS.failed, activityType: ACTIVITY_TYPES.assessment },
  { verb: VERBS.attended, activityType: ACTIVITY_TYPES.meeting },
];

export const FORWARDABLE_VERBS: readonly string[] = [...new Set(ACCREDITATION_KINDS.map((k) => k.verb))];
export const FORWARDABLE_ACTIVITY_TYPES: readonly string[] = [...new Set(ACCREDITATION_KINDS.map((k) => k.activityType))];

/** Activity types of health data: a statement that mentions one anywhere never leaves. */
const HEALTH_ACTIVITY_TYPES: readonly string[] = [ACTIVITY_TYPES.spinnenweb, ACTIVITY_TYPES.reflection, ACTIVITY_TYPES.assignment, ACTIVITY_TYPES.survey, ACTIVITY_TYPES.interaction];
/** Extensions of health data or free-text answers, in result or context. */
const HEALTH_EXTENSIONS: readonly string[] = [EXTENSIONS.spinnenwebScores, EXTENSIONS.formAnswers];

/** A target's filter: empty lists mean "every accreditation kind". */
export interface ForwardingFilter {
  verbs: readonly string[];
  activityTypes: readonly string[];
}

export function isForwardable(statement: StatementJson, filter: ForwardingFilter): boolean {
  const verb = verbOf(statement);
  const type = objectActivityType(statement);
  if (verb === undefined || type === undefined) return false;
  if (!ACCREDITATION_KINDS.some((k) => k.verb === verb && k.activityType === type)) return false;
  if (carriesHealthData(statement)) return false;
  if (filter.verbs.length > 0 && !filter.verbs.includes(verb)) return false;
  if (filter.activityTypes.length > 0 && !filter.activityTypes.includes(type)) return false;
  return true;
}

/** True when any part of the statement belongs to the private templates or carries free text. */
export function carriesHealthData(statement: StatementJson): boolean {
  const result = record(statement.result);
  if (result && (result.response !== undefined || hasAnyKey(record(result.extensions), HEALTH_EXTENSIONS))) return true;
  const context = record(statement.context);
  if (context && hasAnyKey(record(context.extensions), HEALTH_EXTENSIONS)) return true;
  if (statement.attachments !== undefined) return true;
  const object = record(statement.object);
  if (object?.objectType === 'SubStatement') return true;
  return activityTypesIn(statement).some((type) => HEALTH_ACTIVITY_TYPES.includes(type));
}

function verbOf(statement: StatementJson): string | undefined {
  const id = record(statement.verb)?.id;
  return typeof id === 'string' ? id : undefined;
}

function objectActivityType(statement: StatementJson): string | undefined {
  const object = record(statement.object);
  if (!object || (object.objectType !== undefined && object.objectType !== 'Activity')) return undefined;
  const type = record(object.definition)?.type;
  return typeof type === 'string' ? type : undefined;
}

/** The types of the object and of every context activity. */
function activityTypesIn(statement: StatementJson): string[] {
  const activities: unknown[] = [statement.object];
  const contextActivities = record(record(statement.context)?.contextActivities);
  for (const value of Object.values(contextActivities ?? {})) activities.push(...(Array.isArray(value) ? value : [value]));
  return activities.flatMap((a) => {
    const type = record(record(a)?.definition)?.type;
    return typeof type === 'string' ? [type] : [];
  });
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function hasAnyKey(value: Record<string, unknown> | undefined, keys: readonly string[]): boolean {
  return value !== undefined && keys.some((key) => key in value);
}
