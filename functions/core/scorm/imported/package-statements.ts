/**
 * SCORM run-time events of an imported package as xAPI statements, following the ADL SCORM
 * profile (https://w3id.org/xapi/scorm; offline copy in ../shared/xapi/scorm-profile.jsonld):
 * - the SCO is a `lesson` activity: the package item's IRI ({course}/item/{itemId});
 * - every statement is grouped under the attempt ({item}/attempt/{registration}) and the course,
 *   and carries a timestamp and the SCORM profile as its category;
 * - interactions are `cmi.interaction` activities below the lesson, recorded as `responded`.
 *
 * The module records these itself (the participant's app only reports run-time data), with ids
 * derived from the enrolment, the sitting and the event: a retried report makes the same
 * statements, which the LRS keeps once.
 */
import type { Course } from '../../course/schema.js';
import { uuidV5 } from '../../readiness/gate.js';
import { isoDuration } from '../../xapi/profile/active-time.js';
import { courseIri, itemIri, workMomentIri } from '../../xapi/profile/activity-iris.js';
import { ACCOUNT_HOME_PAGE, ACTIVITY_TYPES, EXTENSIONS } from '../../xapi/profile/vocabulary.js';
import type { Statement } from '../../xapi/statement-schema.js';
import type { Interaction, ScormEvent } from './sittings.js';
import type { PackageItem } from '../../course/schema.js';

export const SCORM_PROFILE_IRI = 'https://w3id.org/xapi/scorm';

export const SCORM_VERBS = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  resumed: 'http://adlnet.gov/expapi/verbs/resumed',
  responded: 'http://adlnet.gov/expapi/verbs/responded',
  scored: 'http://adlnet.gov/expapi/verbs/scored',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  suspended: 'http://adlnet.gov/expapi/verbs/suspended',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
} as const;

/** Context extension of `terminated`: when the server received the sitting's first report. */
export const SITTING_STARTED_EXTENSION = 'https://introductie-pg.nl/xapi/extensions/sitting-started';

const ATTEMPT_TYPE = 'http://adlnet.gov/expapi/activities/attempt';
const STATEMENT_ID_NAMESPACE = 'c3d6a1e2-4b7f-4f0a-9d21-6e8b5a0f3c17';

/** xAPI interaction types; SCORM's are the same names, and 1.2's "wrong" is 2004's "incorrect". */
const INTERACTION_TYPES = new Set(['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other']);

export interface PackageStatementsInput {
  readonly course: Course;
  readonly item: PackageItem;
  readonly workMomentId: string;
  readonly userId: string;
  readonly registration: string;
  readonly sittingId: string;
  /** Digest of the reported event (sittings.ts), so each report's statements have their own ids. */
  readonly eventDigest: string;
  readonly events: readonly ScormEvent[];
  /** The server's clock now. */
  readonly at: string;
}

export function packageStatements(input: PackageStatementsInput): Statement[] {
  const { course, item, registration } = input;
  const lang = course.language;
  const lesson = { objectType: 'Activity' as const, id: itemIri(course, item.id), definition: { type: ACTIVITY_TYPES.lesson, name: { [lang]: item.title } } };
  const context = {
    registration,
    contextActivities: {
      parent: [{ objectType: 'Activity' as const, id: workMomentIri(course, input.workMomentId), definition: { type: ACTIVITY_TYPES.module, name: { [lang]: item.title } } }],
      grouping: [
        { objectType: 'Activity' as const, id: `${lesson.id}/attempt/${registration.toLowerCase()}`, definition: { type: ATTEMPT_TYPE } },
        { objectType: 'Activity' as const, id: courseIri(course), definition: { type: ACTIVITY_TYPES.course, name: { [lang]: course.title } } },
      ],
      category: [{ objectType: 'Activity' as const, id: SCORM_PROFILE_IRI, definition: { type: ACTIVITY_TYPES.profile } }],
    },
    extensions: { [EXTENSIONS.courseVersion]: course.versionId, [EXTENSIONS.sessionId]: input.sittingId } as Record<string, unknown>,
  };
  const actor = { objectType: 'Agent' as const, account: { homePage: ACCOUNT_HOME_PAGE, name: input.userId } };

  return input.events.map((event, index) => {
    const verbId = SCORM_VERBS[event.kind];
    const id = uuidV5(`scorm:${registration.toLowerCase()}:${item.id}:${input.sittingId}:${input.eventDigest}:${index}:${event.kind}`, STATEMENT_ID_NAMESPACE);
    const base = { id, actor, verb: { id: verbId, display: { 'en-US': event.kind } }, timestamp: input.at };
    switch (event.kind) {
      case 'responded':
        return {
          ...base,
          object: interactionActivity(lesson.id, event.interaction, lang),
          result: interactionResult(event.interaction),
          context: { ...context, contextActivities: { ...context.contextActivities, parent: [lesson] } },
        } as Statement;
      case 'scored':
        return { ...base, object: lesson, result: { score: { scaled: clampScaled(event.scoreScaled) } }, context } as Statement;
      case 'passed':
      case 'failed':
        return {
          ...base,
          object: lesson,
          result: { success: event.kind === 'passed', ...(event.scoreScaled === null ? {} : { score: { scaled: clampScaled(event.scoreScaled) } }) },
          context,
        } as Statement;
      case 'completed':
        return { ...base, object: lesson, result: { completion: true }, context } as Statement;
      case 'terminated':
        return {
          ...base,
          object: lesson,
          result: { duration: isoDuration(event.sessionTimeMs) },
          context: { ...context, extensions: { ...context.extensions, [SITTING_STARTED_EXTENSION]: event.startedAt } },
        } as Statement;
      default:
        return { ...base, object: lesson, context } as Statement;
    }
  });
}

function interactionActivity(lessonIri: string, interaction: Interaction, lang: string) {
  const type = INTERACTION_TYPES.has(interaction.type) ? interaction.type : 'other';
  return {
    objectType: 'Activity' as const,
    id: `${lessonIri}/interaction/${encodeURIComponent(interaction.id)}`,
    definition: {
      type: ACTIVITY_TYPES.interaction,
      interactionType: type,
      ...(interaction.description ? { description: { [lang]: interaction.description } } : {}),
      ...(interaction.correctResponses.length > 0 ? { correctResponsesPattern: [...interaction.correctResponses] } : {}),
    },
  };
}

function interactionResult(interaction: Interaction) {
  const outcome = interaction.result.toLowerCase();
  const success = outcome === 'correct' ? true : outcome === 'incorrect' || outcome === 'wrong' ? false : undefined;
  return { response: interaction.learnerResponse, ...(success === undefined ? {} : { success }) };
}

function clampScaled(value: number): number {
  return Math.min(1, Math.max(-1, value));
}
