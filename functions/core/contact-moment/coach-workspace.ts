/**
 * The coach's view of their participants: the list by status (from the readiness records, a Query
 * on the coach's index), and one participant in detail. A coach sees only the participants the
 * admin assigned to them. The spinnenweb and the reflections are the participant's private words
 * and grades: they are in the detail only while the participant's consent to share them holds.
 */
import type { Course } from '../course/schema.js';
import type { Enrolment, EnrolmentStore } from '../enrolment/ports.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { summarizeProgress } from '../progress/progress-summary.js';
import { enrolmentStatementsKey } from '../progress/participant.js';
import type { BookingSummary, ReadinessStatus } from '../readiness/ports.js';
import { parseActivityIri } from '../xapi/profile/activity-iris.js';
import { EXTENSIONS, VERBS } from '../xapi/profile/vocabulary.js';
import { readAllStatements } from '../xapi/read-statements.js';
import type { StatementJson } from '../xapi/statement-store.js';
import type { CoachAssignmentStore, ConsentStore, ContactMomentRecord, ContactMomentRecordStore } from './ports.js';
import { readinessSnapshot, type ReadinessSyncDeps } from './readiness-sync.js';

/** The order of the coach's list: who needs the coach first. */
const STATUS_ORDER: Record<ReadinessStatus, number> = { ready: 0, scheduled: 1, in_progress: 2, completed: 3 };

export interface CoachParticipantSummary {
  registration: string;
  name: string;
  status: ReadinessStatus;
  creditedMinutes: number;
  thresholdMinutes: number;
  outcomesMet: number;
  outcomesTotal: number;
  /** Dutch lines: what is still missing before the gate opens. */
  missing: string[];
  booking: BookingSummary | null;
  updatedAt: string;
}

export const listCoachParticipants =
  (deps: Pick<ReadinessSyncDeps, 'readiness'>) =>
  async (input: { coachId: string; course: Course; status?: ReadinessStatus }): Promise<CoachParticipantSummary[]> => {
    const records = await deps.readiness.listForCoach(input.coachId, input.status ? { status: input.status } : undefined);
    return records
      .filter((r) => r.courseId === input.course.id && (!input.status || r.status === input.status))
      .map((r) => ({
        registration: r.registration,
        name: r.participantName,
        status: r.status,
        creditedMinutes: r.creditedMinutes,
        thresholdMinutes: input.course.gateThresholdMinutes,
        outcomesMet: r.outcomesMet,
        outcomesTotal: input.course.outcomes.length,
        missing: r.missing,
        booking: r.booking,
        updatedAt: r.updatedAt,
      }))
      .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name, 'nl'));
  };

/** The enrolment behind a registration, if its participant is assigned to this coach (else 403). */
export const assignedEnrolment =
  (deps: { enrolments: EnrolmentStore; coachAssignments: CoachAssignmentStore }) =>
  async (input: { coachId: string; registration: string; course: Course }): Promise<Enrolment> => {
    const enrolment = await deps.enrolments.getByRegistration(input.registration);
    if (!enrolment || enrolment.courseId !== input.course.id) throw new NotFoundError('Deze deelnemer bestaat niet of volgt deze cursus niet. Kies een deelnemer uit je lijst.');
    const assignment = await deps.coachAssignments.get(enrolment.userId, input.course.id);
    if (assignment?.coachId !== input.coachId) {
      throw new ForbiddenError('Deze deelnemer is niet aan jou gekoppeld. Je ziet alleen de deelnemers die de beheerder aan jou heeft toegewezen.');
    }
    return enrolment;
  };

export interface SharedReflection {
  itemId: string;
  itemTitle: string;
  promptId: string;
  question: string;
  text: string;
  at: string;
}

export interface SharedSpinnenweb {
  at: string;
  scores: Record<string, number>;
}

export interface CoachParticipantDetail extends CoachParticipantSummary {
  outcomes: Array<{ number: number; title: string; met: boolean }>;
  finalTestPassed: boolean;
  consent: { shared: boolean; changedAt: string | null };
  /** Only while the participant shares them with their coach; null otherwise. */
  shared: { spinnenweb: SharedSpinnenweb[]; reflections: SharedReflection[] } | null;
  contactMoments: ContactMomentRecord[];
}

export interface CoachWorkspaceDeps extends ReadinessSyncDeps {
  enrolments: EnrolmentStore;
  consents: ConsentStore;
  contactRecords: ContactMomentRecordStore;
}

export const coachParticipantDetail =
  (deps: CoachWorkspaceDeps) =>
  async (input: { coachId: string; registration: string; course: Course }): Promise<CoachParticipantDetail> => {
    const { course } = input;
    const enrolment = await assignedEnrolment(deps)(input);
    const [record, consent, contactMoments] = await Promise.all([
      readinessSnapshot(deps)({ enrolment, course }),
      deps.consents.get(enrolment.registration),
      deps.contactRecords.list(enrolment.registration),
    ]);
    const view = summarizeProgress(record.state, course, deps.now());
    // Read the private work only when it may be shown: no consent, no read.
    const shared = consent?.shared ? sharedWork(await readAllStatements(deps)(enrolmentStatementsKey(enrolment.userId, enrolment.registration)), course) : null;
    return {
      registration: enrolment.registration,
      name: record.participantName,
      status: record.status,
      creditedMinutes: record.creditedMinutes,
      thresholdMinutes: course.gateThresholdMinutes,
      outcomesMet: record.outcomesMet,
      outcomesTotal: course.outcomes.length,
      missing: record.missing,
      booking: record.booking,
      updatedAt: record.updatedAt,
      outcomes: view.outcomes.map((o) => ({ number: o.number, title: o.title, met: o.met })),
      finalTestPassed: view.finalTest.status === 'passed',
      consent: { shared: consent?.shared ?? false, changedAt: consent?.changedAt ?? null },
      shared,
      contactMoments,
    };
  };

/**
 * The spinnenweb fill-ins and the latest answer to each reflection prompt, from the participant's
 * statements in stored order (the same reading as the participant's own progress view).
 */
export function sharedWork(statements: readonly StatementJson[], course: Course): { spinnenweb: SharedSpinnenweb[]; reflections: SharedReflection[] } {
  const spinnenweb: SharedSpinnenweb[] = [];
  const latest = new Map<string, SharedReflection>();
  for (const statement of statements) {
    const verb = (statement.verb as { id?: string } | undefined)?.id;
    const objectId = (statement.object as { id?: unknown } | undefined)?.id;
    const ref = typeof objectId === 'string' ? parseActivityIri(course, objectId) : undefined;
    const result = (statement.result ?? {}) as { response?: unknown; extensions?: Record<string, unknown> };
    if (verb === VERBS.completed && ref?.kind === 'item') {
      const scores = result.extensions?.[EXTENSIONS.spinnenwebScores];
      if (scores && typeof scores === 'object') {
        spinnenweb.push({ at: statement.stored, scores: Object.fromEntries(Object.entries(scores).filter((e): e is [string, number] => typeof e[1] === 'number')) });
      }
    }
    if (verb === VERBS.responded && ref?.kind === 'prompt' && typeof result.response === 'string') {
      const item = course.workMoments.flatMap((m) => m.items).find((i) => i.id === ref.itemId);
      const prompt = item?.kind === 'reflection' ? item.prompts.find((p) => p.id === ref.promptId) : undefined;
      if (item && prompt) {
        latest.set(`${item.id}/${prompt.id}`, { itemId: item.id, itemTitle: item.title, promptId: prompt.id, question: prompt.question, text: result.response, at: statement.stored });
      }
    }
  }
  // In the course's order, so the coach reads them as the participant wrote them.
  const order = course.workMoments.flatMap((m) => m.items.flatMap((i) => (i.kind === 'reflection' ? i.prompts.map((p) => `${i.id}/${p.id}`) : [])));
  const reflections = order.flatMap((key) => (latest.has(key) ? [latest.get(key)!] : []));
  return { spinnenweb, reflections };
}
