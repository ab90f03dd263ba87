/**
 * A report of a participant's SCORM sitting (PUT /api/me/packages/{itemId}/sittings/{id}):
 * updates the enrolment's record of the package, stores the xAPI statements the report gives
 * rise to, and updates the readiness projection at once (the stream applies them again, which
 * changes nothing).
 *
 * Order, so nothing is lost or counted twice: the statements are stored first (their ids are
 * derived from the report, so a retry stores nothing new), then the record is written with a
 * version check. When another report of the same enrolment got there first, the whole step runs
 * again on the new record.
 */
import type { Course, PackageItem } from '../../course/schema.js';
import { itemById } from '../../course/load.js';
import { retryPause } from '../../retry-pause.js';
import { projectStoredStatements, type ReadinessDeps } from '../../readiness/update-readiness.js';
import { NotFoundError, StatementConflictError } from '../../errors.js';
import type { Statement } from '../../xapi/statement-schema.js';
import { storeStatements } from '../../xapi/store-statements.js';
import { packageStatements } from './package-statements.js';
import { PackageRecordConflict, type PackageRecordStore } from './ports.js';
import { applySittingEvent, type PackageRecord, type Runtime, type SittingEventKind } from './sittings.js';

export interface RecordSittingDeps extends ReadinessDeps {
  packageRecords: PackageRecordStore;
}

export interface RecordSittingInput {
  course: Course;
  userId: string;
  registration: string;
  itemId: string;
  sittingId: string;
  event: SittingEventKind;
  runtime: Runtime;
}

const ATTEMPTS = 6;

/** The package item with this id, and its work moment; NotFoundError otherwise. */
export function packageItemOf(course: Course, itemId: string): { item: PackageItem; workMomentId: string } {
  const item = itemById(course, itemId);
  const moment = course.workMoments.find((m) => m.items.some((i) => i.id === itemId));
  if (item?.kind !== 'package' || !moment) throw new NotFoundError(`De cursus heeft geen e-learning met id "${itemId}".`);
  return { item, workMomentId: moment.id };
}

export const recordSitting =
  (deps: RecordSittingDeps) =>
  async (input: RecordSittingInput): Promise<PackageRecord> => {
    const { item, workMomentId } = packageItemOf(input.course, input.itemId);
    const at = deps.now().toISOString();
    for (let attempt = 1; ; attempt++) {
      const current = await deps.packageRecords.get(input.registration, item.id);
      const result = applySittingEvent(current?.state, { sittingId: input.sittingId, event: input.event, runtime: input.runtime, at });
      if (result.events.length === 0 && current) return current.state.record;
      const statements = packageStatements({
        course: input.course,
        item,
        workMomentId,
        userId: input.userId,
        registration: input.registration,
        sittingId: input.sittingId,
        eventDigest: result.sitting.lastEvent,
        events: result.events,
        at,
      });
      const ids = await storeOnce(deps, statements);
      try {
        await deps.packageRecords.put(input.registration, item.id, result.state, current?.version ?? 0);
      } catch (error) {
        if (!(error instanceof PackageRecordConflict) || attempt >= ATTEMPTS) throw error;
        await retryPause(attempt);
        continue;
      }
      if (ids.length > 0) await projectStoredStatements(deps)(ids);
      return result.state.record;
    }
  };

/**
 * Stores the statements; one already stored under its id (an earlier try of the same report, whose
 * record write did not finish, made it with an earlier timestamp) stays as it is.
 */
async function storeOnce(deps: RecordSittingDeps, statements: readonly Statement[]): Promise<string[]> {
  if (statements.length === 0) return [];
  const store = storeStatements(deps);
  try {
    return await store({ statements, authority: deps.appAuthority });
  } catch (error) {
    if (!(error instanceof StatementConflictError)) throw error;
  }
  for (const statement of statements) {
    try {
      await store({ statements: [statement], authority: deps.appAuthority });
    } catch (error) {
      if (!(error instanceof StatementConflictError)) throw error;
    }
  }
  return statements.map((s) => s.id!);
}
