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
  /**
   * Bookkeeping of the projection (update-readiness.ts): the statements it applied lately, so a
   * statement delivered twice (inline, then by the stream) changes nothing and one that arrives
   * out of stored order is noticed. Bounded; carry it over unchanged when writing the record.
   */
  applied?: AppliedStatements;
}

/** See ReadinessRecord.applied and functions/core/readiness/applied-statements.ts. */
export interface AppliedStatements {
  /** `stored` of the newest statement applied (ISO 8601 as the LRS writes it), null before the first. */
  newestStored: string | null;
  /** [id, stored] of the statements applied lately, by stored time, then id. */
  recent: Array<[id: string, stored: string]>;
  /** The latest `stored` among applied statements no longer in `recent`, null if none was dropped. */
  forgottenThrough: string | null;
}

/** The record changed between read and write; read again and re-apply. */
export class ReadinessVersionConflict extends Error {
  override readonly name = 'ReadinessVersionConflict';
}

export interface ReadinessStore {
  get(registration: string): Promise<ReadinessRecord | undefined>;
  /**
   * Creates (expectedVersion null) or replaces the record if its version is still expectedVersion;
   * else throws ReadinessVersionConflict. The stored version becomes expectedVersion + 1 (1 for a
   * new record), whatever record.version says.
   */
  put(record: ReadinessRecord, expectedVersion: number | null): Promise<void>;
  /** A coach's participants, without `state` (a Query on gsi1, never a Scan). */
  listForCoach(coachId: string, options?: { status?: ReadinessStatus }): Promise<Array<Omit<ReadinessRecord, 'state'>>>;
  /**
   * Every registration enrolled in the course, with or without a record yet, for the rebuild
   * command (paged Query, never a Scan).
   */
  listRegistrations(courseId: string): AsyncIterable<string>;
}
