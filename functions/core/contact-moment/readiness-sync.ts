/**
 * Keeping the readiness record (functions/core/readiness) in step with what the contact moment
 * changes outside the statements: the coach assignment and the booking. (The statements the module
 * stores at completion go through the projection's own update, updateReadinessForStored.)
 *
 * Every write goes through ReadinessStore.put with the version read (optimistic locking) and is
 * retried on a version conflict, re-applying the change to the fresh record, so a concurrent
 * update from the statements is never lost. A participant without a record yet gets one exactly
 * as the projection would build it (refold of their statements, gate recorded), plus what the
 * statements do not say: the coach assignment and the booking, read from their own items.
 */
import type { Course } from '../course/schema.js';
import type { Enrolment } from '../enrolment/ports.js';
import { ReadinessVersionConflict, type BookingSummary, type ReadinessRecord } from '../readiness/ports.js';
import { deriveReadiness } from '../readiness/readiness.js';
import { blankRecord, refold, withRecordedGate, type ReadinessDeps } from '../readiness/update-readiness.js';
import type { CoachAssignmentStore, ParticipantBooking, SlotStore } from './ports.js';

export interface ReadinessSyncDeps extends ReadinessDeps {
  coachAssignments: CoachAssignmentStore;
  slots: SlotStore;
}

type Changeable = Pick<ReadinessRecord, 'coachId' | 'booking' | 'participantName'>;

const MAX_ATTEMPTS = 6;

export function bookingSummary(booking: ParticipantBooking | null | undefined): BookingSummary | null {
  if (!booking) return null;
  return { kind: booking.kind, form: booking.form, slotId: booking.slotId, startsAt: booking.startsAt, bookedAt: booking.bookedAt };
}

/** The stored record, or (not stored, nothing written) the one the projection would build now. */
export const readinessSnapshot =
  (deps: ReadinessSyncDeps) =>
  async (input: { enrolment: Enrolment; course: Course }): Promise<ReadinessRecord> =>
    (await deps.readiness.get(input.enrolment.registration)) ?? freshRecord(deps, input.enrolment, input.course, { recordGate: false });

/** Applies `change` to the participant's readiness record (creating it if needed) and derives its status again. */
export const changeReadiness =
  (deps: ReadinessSyncDeps) =>
  async (input: { enrolment: Enrolment; course: Course; change: (record: ReadinessRecord) => Partial<Changeable> }): Promise<ReadinessRecord> => {
    for (let attempt = 1; ; attempt++) {
      const current = await deps.readiness.get(input.enrolment.registration);
      const base = current ?? (await freshRecord(deps, input.enrolment, input.course, { recordGate: true }));
      const changed = { ...base, ...input.change(base) };
      const now = deps.now();
      const next: ReadinessRecord = {
        ...changed,
        ...deriveReadiness(changed.state, changed.booking, input.course, now),
        updatedAt: now.toISOString(),
        version: (current?.version ?? 0) + 1,
      };
      try {
        await deps.readiness.put(next, current ? current.version : null);
        return next;
      } catch (error) {
        if (error instanceof ReadinessVersionConflict && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
    }
  };

/** Makes sure the record exists (so statements applied next land on the whole history). */
export const ensureReadiness =
  (deps: ReadinessSyncDeps) =>
  async (input: { enrolment: Enrolment; course: Course }): Promise<ReadinessRecord> =>
    (await deps.readiness.get(input.enrolment.registration)) ?? changeReadiness(deps)({ ...input, change: () => ({}) });

async function freshRecord(deps: ReadinessSyncDeps, enrolment: Enrolment, course: Course, options: { recordGate: boolean }): Promise<ReadinessRecord> {
  const [fold, user, assignment, booking] = await Promise.all([
    refold(deps, course, enrolment),
    deps.users.getById(enrolment.userId),
    deps.coachAssignments.get(enrolment.userId, course.id),
    deps.slots.getBooking(enrolment.registration),
  ]);
  const projection = options.recordGate ? await withRecordedGate(deps, course, enrolment, fold) : { state: fold.state, applied: fold.applied };
  const now = deps.now();
  const blank = blankRecord(
    { registration: enrolment.registration, userId: enrolment.userId, courseId: enrolment.courseId, participantName: user?.name ?? enrolment.userId },
    course,
    now,
  );
  const summary = bookingSummary(booking);
  return { ...blank, ...projection, coachId: assignment?.coachId ?? null, booking: summary, ...deriveReadiness(projection.state, summary, course, now) };
}
