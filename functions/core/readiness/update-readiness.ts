/**
 * Keeps the readiness projection up to date, one delivery of statements at a time. It runs right
 * after the module stores statements (so the participant sees the change at once) and again from
 * the DynamoDB stream (so statements from any xAPI client count); the second delivery changes
 * nothing (applied-statements.ts).
 *
 * Per enrolment and delivery: one read of the record, one conditional write (retried on a version
 * conflict), whatever the participant's history. The enrolment (and the participant's name) are
 * read only when the record is created. Two rare cases refold the enrolment from the LRS instead,
 * which costs its history but is exact: a statement that arrives out of stored order, and a
 * voiding statement (the fold leaves voided statements out, an increment cannot take one back).
 */
import { retryPause } from '../retry-pause.js';
import type { UserStore } from '../auth/ports.js';
import type { AuthorityAgent } from '../auth/principal.js';
import { loadCourse } from '../course/load.js';
import { courseWithPackages } from '../scorm/imported/course-with-packages.js';
import type { PackageStore } from '../scorm/imported/ports.js';
import type { Course } from '../course/schema.js';
import type { EnrolmentStore } from '../enrolment/ports.js';
import { enrolmentStatementsKey } from '../progress/participant.js';
import { applyStatement } from '../progress/progress.js';
import { readAllStatements } from '../xapi/read-statements.js';
import { VOIDED_VERB } from '../xapi/store-statements.js';
import type { StatementJson, StatementStore } from '../xapi/statement-store.js';
import { rememberApplied } from './applied-statements.js';
import { recordGateOpening } from './gate.js';
import { ReadinessVersionConflict, type ReadinessRecord, type ReadinessStore } from './ports.js';
import { emptyProjection, foldStatements, isEnrolmentStatement, registrationOf, type FoldOutcome, type Projection } from './project.js';
import { deriveReadiness } from './readiness.js';

export interface ReadinessDeps {
  statements: StatementStore;
  enrolments: Pick<EnrolmentStore, 'getByRegistration'>;
  users: Pick<UserStore, 'getById'>;
  readiness: ReadinessStore;
  now: () => Date;
  /** Authority of the gate statement the module records. */
  appAuthority: AuthorityAgent;
  /**
   * The imported SCORM packages, which are work moments of the course too. Every composition root
   * passes it; without it (some unit tests) the course is the content alone.
   */
  packages?: Pick<PackageStore, 'list'>;
}

/** The course the readiness is judged against: the content plus the imported packages. */
export async function readinessCourse(deps: Pick<ReadinessDeps, 'packages'>): Promise<Course> {
  return deps.packages ? courseWithPackages({ packages: deps.packages })() : loadCourse();
}

/** Some enrolments could not be updated; the others were. Retrying the whole delivery is safe. */
export class ReadinessUpdateError extends Error {
  override readonly name = 'ReadinessUpdateError';
  constructor(
    /** The statements whose enrolment was not updated. */
    readonly failedStatementIds: string[],
    causes: unknown[],
  ) {
    super(`Could not update the readiness of ${causes.length} enrolment(s) (statements ${failedStatementIds.join(', ')}).`, {
      cause: causes.length === 1 ? causes[0] : new AggregateError(causes),
    });
  }
}

/** Attempts per enrolment when another writer keeps getting there first. */
const WRITE_ATTEMPTS = 6;

/**
 * Applies stored statements (complete, with `stored`; in stored order) to the readiness of their
 * enrolments. Statements of unknown registrations, or about someone else, are ignored.
 */
export const updateReadiness =
  (deps: ReadinessDeps) =>
  async (input: StatementJson | readonly StatementJson[]): Promise<void> => {
    const statements = Array.isArray(input) ? (input as readonly StatementJson[]) : [input as StatementJson];
    const groups = await groupByEnrolment(deps, statements);
    const results = await Promise.allSettled([...groups].map(([registration, group]) => updateEnrolment(deps, registration, group)));
    const failed = [...groups.values()].filter((_, i) => results[i]!.status === 'rejected');
    if (failed.length === 0) return;
    const causes = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    throw new ReadinessUpdateError(
      failed.flatMap((group) => group.statementIds),
      causes,
    );
  };

/**
 * After the module stored statements by id: loads them as stored (with `stored`) and applies
 * them. Voided ones are left out, as the fold leaves them out.
 */
export const updateReadinessForStored =
  (deps: ReadinessDeps) =>
  async (ids: readonly string[]): Promise<void> => {
    const stored = await deps.statements.getByIds(ids);
    const statements = ids.flatMap((id) => {
      const found = stored.get(id.toLowerCase()) ?? stored.get(id);
      return found && !found.voidedBy ? [found.statement] : [];
    });
    await updateReadiness(deps)(statements);
  };

interface Group {
  statements: StatementJson[];
  /** Every statement id of the delivery that this group answers for (voiding ones included). */
  statementIds: string[];
  refold: boolean;
}

async function groupByEnrolment(deps: ReadinessDeps, statements: readonly StatementJson[]): Promise<Map<string, Group>> {
  const groups = new Map<string, Group>();
  const groupOf = (registration: string) => {
    let group = groups.get(registration);
    if (!group) groups.set(registration, (group = { statements: [], statementIds: [], refold: false }));
    return group;
  };
  const voiding = statements.filter(isVoiding);
  for (const statement of statements) {
    if (isVoiding(statement)) continue;
    const registration = registrationOf(statement);
    if (!registration) continue;
    const group = groupOf(registration);
    group.statements.push(statement);
    group.statementIds.push(statement.id);
  }
  if (voiding.length > 0) {
    // The voided statement names the enrolment; the voiding one usually has no registration.
    const targets = await deps.statements.getByIds(voiding.map(voidedId));
    for (const statement of voiding) {
      const target = targets.get(voidedId(statement));
      const registration = target ? registrationOf(target.statement) : undefined;
      if (!registration) continue;
      const group = groupOf(registration);
      group.refold = true;
      group.statementIds.push(statement.id);
    }
  }
  for (const group of groups.values()) group.statements.sort((a, b) => (a.stored < b.stored ? -1 : a.stored > b.stored ? 1 : 0));
  return groups;
}

async function updateEnrolment(deps: ReadinessDeps, registration: string, group: Group): Promise<void> {
  const course = await readinessCourse(deps);
  for (let attempt = 1; ; attempt++) {
    const current = await deps.readiness.get(registration);
    const base = current ?? (await newRecord(deps, course, registration));
    if (!base) return; // not an enrolment of this course
    const own = group.statements.filter((s) => isEnrolmentStatement(s, base));
    if (own.length === 0 && !group.refold) return;

    let outcome: FoldOutcome = group.refold ? { ...emptyProjection(), changed: true, outOfOrder: true } : foldStatements(projectionOf(base), own, course);
    if (outcome.outOfOrder) outcome = { ...(await refold(deps, course, base)), outOfOrder: false };
    if (!outcome.changed) return;

    const record = await foldedRecord(deps, course, base, outcome);
    try {
      await deps.readiness.put(record, current ? current.version : null);
      return;
    } catch (error) {
      if (!(error instanceof ReadinessVersionConflict) || attempt >= WRITE_ATTEMPTS) throw error;
      await retryPause(attempt);
    }
  }
}

/** The enrolment's statements, folded from the start (exact; costs the enrolment's history). */
export async function refold(deps: Pick<ReadinessDeps, 'statements'>, course: Course, enrolment: { userId: string; registration: string }): Promise<FoldOutcome> {
  const statements = await readAllStatements(deps)(enrolmentStatementsKey(enrolment.userId, enrolment.registration));
  const fold = foldStatements(emptyProjection(), statements.filter((s) => isEnrolmentStatement(s, enrolment)), course);
  return { ...fold, changed: true };
}

/**
 * What the stored record becomes after a fold, the same for the incremental update and the
 * rebuild: the folded projection (with the gate recorded if it opened) over the record, and what
 * follows from it.
 */
export async function foldedRecord(
  deps: Pick<ReadinessDeps, 'statements' | 'now' | 'appAuthority'>,
  course: Course,
  base: ReadinessRecord,
  outcome: FoldOutcome,
): Promise<ReadinessRecord> {
  const projection = await withRecordedGate(deps, course, base, outcome);
  return { ...base, ...projection, ...deriveReadiness(projection.state, base.booking, course, deps.now()), updatedAt: deps.now().toISOString() };
}

/** If the gate opened in this fold and is not recorded yet: record it, and apply the record too. */
export async function withRecordedGate(
  deps: Pick<ReadinessDeps, 'statements' | 'now' | 'appAuthority'>,
  course: Course,
  enrolment: { userId: string; registration: string },
  outcome: FoldOutcome,
): Promise<Projection> {
  const { state, applied, gateTrigger } = outcome;
  if (!gateTrigger || state.gateOpenedAt !== null) return { state, applied };
  const gate = await recordGateOpening(deps)({ course, userId: enrolment.userId, registration: enrolment.registration, trigger: gateTrigger });
  if (!gate) return { state, applied };
  return { state: applyStatement(state, gate, course), applied: rememberApplied(applied, gate) };
}

async function newRecord(deps: ReadinessDeps, course: Course, registration: string): Promise<ReadinessRecord | undefined> {
  const enrolment = await deps.enrolments.getByRegistration(registration);
  if (!enrolment || enrolment.courseId !== course.id) return undefined;
  const user = await deps.users.getById(enrolment.userId);
  return blankRecord({ registration: enrolment.registration, userId: enrolment.userId, courseId: enrolment.courseId, participantName: user?.name ?? enrolment.userId }, course, deps.now());
}

/** A record with nothing applied yet (version 0: not stored). */
export function blankRecord(
  who: Pick<ReadinessRecord, 'registration' | 'userId' | 'courseId' | 'participantName'>,
  course: Course,
  now: Date,
): ReadinessRecord {
  const { state, applied } = emptyProjection();
  return { ...who, coachId: null, booking: null, state, applied, ...deriveReadiness(state, null, course, now), updatedAt: now.toISOString(), version: 0 };
}

export function projectionOf(record: ReadinessRecord): Projection {
  return { state: record.state, applied: record.applied ?? emptyProjection().applied };
}

function isVoiding(statement: StatementJson): boolean {
  const object = statement.object as { objectType?: unknown } | undefined;
  return (statement.verb as { id?: unknown } | undefined)?.id === VOIDED_VERB && object?.objectType === 'StatementRef';
}

function voidedId(statement: StatementJson): string {
  return String((statement.object as { id: unknown }).id).toLowerCase();
}

/**
 * The inline path, right after the module stored statements: the participant sees the change at
 * once. The statements are stored whatever happens here, and the stream applies them again, so a
 * failure is logged, not thrown: the request that stored them has succeeded.
 */
export const projectStoredStatements =
  (deps: ReadinessDeps) =>
  async (ids: readonly string[]): Promise<void> => {
    try {
      await updateReadinessForStored(deps)(ids);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'readiness update after storing failed; the stream will apply the statements', ids, error: String(error) }));
    }
  };
