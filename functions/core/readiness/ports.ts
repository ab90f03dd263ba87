/**
 * Readiness: the per-enrolment projection a coach works from, and the storage ports of the
 * contact moment. See functions/core/progress/ for the fold (ProgressState) it persists.
 */
import type { ProgressState } from '../progress/progress.js';

export type ReadinessStatus = 'in_progress' | 'ready' | 'scheduled' | 'completed';

/** What is booked for the contact moment (set by the booking service, not by statements). */
export interface BookingSummary {
  kind: 'slot' | 'contact-request';
  form: 'coaching' | 'inspiratiesessie';
  slotId: string | null;
  /** Start of the slot (ISO), null for a contact request. */
  startsAt: string | null;
  bookedAt: string;
}

export interface ReadinessRecord {
  registration: string;
  userId: string;
  courseId: string;
  /** The coach the admin assigned; null until assigned. */
  coachId: string | null;
  /** The participant's display name, for the coach's list. */
  participantName: string;
  state: ProgressState;
  booking: BookingSummary | null;
  /** Derived from state and booking on every write (see readiness.ts); stored for the coach's index. */
  status: ReadinessStatus;
  creditedMinutes: number;
  outcomesMet: number;
  gateOpen: boolean;
  /** Dutch lines: what is still missing before the gate opens. */
  missing: string[];
  updatedAt: string;
  /** Optimistic-locking counter: every write is conditional on the version read. */
  version: number;
}

/** The record changed between read and write; read again and re-apply. */
export class ReadinessVersionConflict extends Error {
  override readonly name = 'ReadinessVersionConflict';
}

export interface ReadinessStore {
  get(registration: string): Promise<ReadinessRecord | undefined>;
  /** Creates (expectedVersion null) or replaces the record if its version is still expectedVersion; else throws ReadinessVersionConflict. */
  put(record: ReadinessRecord, expectedVersion: number | null): Promise<void>;
  /** A coach's participants, without `state` (a Query on gsi1, never a Scan). */
  listForCoach(coachId: string, options?: { status?: ReadinessStatus }): Promise<Array<Omit<ReadinessRecord, 'state'>>>;
  /** Every registration with a record, for the rebuild command (paged Query, never a Scan). */
  listRegistrations(courseId: string): AsyncIterable<string>;
}
