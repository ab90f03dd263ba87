/**
 * What study-time crediting reads (reports, taken from statements by the projection) and what it
 * keeps per enrolment (the state). The rules are in study-time-rules.ts.
 *
 * The state is plain JSON (numbers, strings, arrays, plain objects; no undefined, no Infinity),
 * so it can be stored as is and read back. Times in it are epoch milliseconds by the server's
 * clock, except `SessionRecord.lastSentAt` and `sentFloor`, which are by the browser's clock.
 */
import type { Interval } from './intervals.js';

/**
 * Active time measured by the browser, from an `experienced` statement (or a reflection).
 * `intervals` is the context extension https://introductie-pg.nl/xapi/extensions/active-intervals
 * as sent; malformed entries are dropped here (R7), so the projection need not check them.
 */
export interface ActivityReport {
  readonly kind?: 'activity';
  readonly statementId: string;
  readonly registration: string;
  /** The course item the time was spent on. */
  readonly itemId: string;
  /** One per page load (tab); reports without one are each treated as a session of their own. */
  readonly sessionId?: string | undefined;
  /** The statement's `timestamp`: when the browser sent it, by the browser's clock. */
  readonly clientSentAt: string;
  /** The statement's `stored`: when the LRS received it, by the server's clock. */
  readonly receivedAt: string;
  /** [start, end] pairs of ISO 8601 timestamps by the browser's clock. */
  readonly intervals: ReadonlyArray<readonly [string, string]>;
}

/** The participant submitted the report form of a do-and-experience assignment. */
export interface AssignmentReport {
  readonly kind: 'assignment-reported';
  readonly statementId: string;
  readonly registration: string;
  readonly itemId: string;
  /** The statement's `stored`. */
  readonly receivedAt: string;
}

/**
 * The end of a sitting of an imported SCORM package (R13): the package's own session time, and
 * the server's receipt of the sitting's first and last report. From the `terminated` statement the
 * module records (functions/core/scorm/imported/package-statements.ts).
 */
export interface SittingReport {
  readonly kind: 'sitting';
  readonly statementId: string;
  readonly registration: string;
  readonly itemId: string;
  /** When the server received the sitting's first report (server clock). */
  readonly startedAt: string;
  /** The statement's `stored`: the sitting's end (server clock). */
  readonly receivedAt: string;
  /** The session time the SCO reported, in milliseconds. */
  readonly reportedMs: number;
}

export type StudyTimeReport = ActivityReport | AssignmentReport | SittingReport;

/** What the server remembers of one page session (R4, R5). */
export interface SessionRecord {
  readonly id: string;
  /** The latest receipt of a report of this session (server clock). */
  readonly lastReceipt: number;
  /** The latest send moment of a report of this session (browser clock); null if none was valid. */
  readonly lastSentAt: number | null;
  /** Reports received at `lastReceipt` (one request) may credit from here on (server clock). */
  readonly receiptFloor: number;
  /** Reports received at `lastReceipt` must have been sent after this (browser clock). */
  readonly sentFloor: number | null;
}

/** An assignment credited with its nominal minutes, and the report that did it (R10). */
export interface AssignmentCredit {
  readonly statementId: string;
  /** Receipt of the earliest report on it (server clock). */
  readonly receivedAt: number;
}

/**
 * Study time of one enrolment, updated report by report.
 *
 * There is no set of processed statement ids: replays and duplicates add nothing because of
 * interval union (R8), the per-session order of receipts and send moments (R5, R11), and the
 * assignment set (R10). Old detail is settled instead of kept: credited time is kept per item as
 * a number, and only the credited intervals that a future report could still overlap are kept.
 */
export interface StudyTimeState {
  /** Format of this state; bump it when the shape or the meaning of a field changes. */
  readonly version: 1;
  /** The enrolment (xAPI registration); set by the first report. */
  readonly registration: string | null;
  /** Credited active time per item id, in milliseconds, within the item's cap (R9). */
  readonly creditedMs: Readonly<Record<string, number>>;
  /** Assignments credited with their nominal minutes, by item id (R10). */
  readonly assignments: Readonly<Record<string, AssignmentCredit>>;
  /**
   * Credited server time that a future report could still overlap (R8): everything credited that
   * ends after `horizon - maxLookBackMs`. Normalized, at most `maxRecentIntervals` long (R12).
   */
  readonly recent: readonly Interval[];
  /** The sessions heard from most recently, sorted by id, at most `maxSessions` (R12). */
  readonly sessions: readonly SessionRecord[];
  /** The newest receipt of an activity report applied so far. */
  readonly newestReceipt: number | null;
  /** Activity reports received at or before this moment credit nothing (R11). Only grows. */
  readonly horizon: number | null;
}

/** The state of an enrolment before any report. */
export function emptyStudyTime(): StudyTimeState {
  return {
    version: 1,
    registration: null,
    creditedMs: {},
    assignments: {},
    recent: [],
    sessions: [],
    newestReceipt: null,
    horizon: null,
  };
}
