/**
 * Credible study time: applies one report at a time to an enrolment's state (see
 * study-time-rules.ts for the rules R1-R12, study-time-state.ts for the state).
 *
 * Pure: no I/O, no clock of its own (the server's clock is the report's `receivedAt`).
 * Incremental: the work per report is bounded by the rules' limits (intervals per report,
 * remembered sessions and intervals, items in the course) and never by the number of earlier
 * reports, because old detail is settled into per-item totals (R11, R12).
 */
import type { Course } from '../course/schema.js';
import { itemById } from '../course/load.js';
import { timestampToMs } from '../xapi/data-formats.js';
import { clip, fillSmallestGaps, measure, normalize, subtract, takeFirst, union, type Interval } from './intervals.js';
import { itemCapMs, STUDY_TIME_RULES as RULES } from './study-time-rules.js';
import type { ActivityReport, AssignmentReport, SessionRecord, SittingReport, StudyTimeReport, StudyTimeState } from './study-time-state.js';

export { itemCapMs, STUDY_TIME_RULES, type StudyTimeRules } from './study-time-rules.js';
export * from './study-time-state.js';
export { creditedMinutes, studyTimeSummary, type CreditedMinutes, type StudyTimeSummary } from './study-time-summary.js';
export type { Interval } from './intervals.js';

/** Why a report added what it added; for logs and audits, and for tests of each rule. */
export type ReportOutcome =
  /** It added time (or an assignment's nominal minutes). */
  | 'credited'
  /**
   * It passed every check, but its time was already credited (R8), lies outside what the server
   * can vouch for (R4, R5), or its item is at its cap (R9); or the assignment was credited (R10).
   */
  | 'nothing-new'
  /** R11: received too long before the newest receipt already applied. */
  | 'late'
  /** R11: received before the latest receipt of its own session. */
  | 'out-of-order'
  /** R5: sent no later than an earlier report of its session. */
  | 'replayed'
  /** R6: an interval longer than `maxIntervalMs`. */
  | 'inflated'
  /** R6: more than `maxIntervalsPerReport` intervals. */
  | 'too-many-intervals'
  /** R7: its send time is not a valid timestamp. */
  | 'bad-send-time'
  /** R10: active time on an item that is unknown to the course or is an assignment. */
  | 'untimed-item'
  /** R10: an assignment report on an item that is not an assignment of the course. */
  | 'not-an-assignment'
  /** R13: a sitting report on an item that is not an imported package. */
  | 'not-a-package';

export interface CreditResult {
  readonly state: StudyTimeState;
  /** Milliseconds of study time the report added (assignments: their nominal minutes). */
  readonly addedMs: number;
  readonly outcome: ReportOutcome;
}

/** A report that does not belong to this state, or carries a server time that is not one. */
export class StudyTimeInputError extends Error {
  override readonly name = 'StudyTimeInputError';
}

const MINUTE = 60_000;

/** The state after one report. Pure; applying the same report again changes nothing. */
export function applyReport(state: StudyTimeState, report: StudyTimeReport, course: Course): StudyTimeState {
  return creditReport(state, report, course).state;
}

/** Like applyReport, and says what the report added and why. */
export function creditReport(state: StudyTimeState, report: StudyTimeReport, course: Course): CreditResult {
  if (state.registration !== null && report.registration !== state.registration) {
    throw new StudyTimeInputError(`report ${report.statementId} is for registration ${report.registration}, this study time is for ${state.registration}`);
  }
  const result =
    report.kind === 'assignment-reported'
      ? creditAssignment(state, report, course)
      : report.kind === 'sitting'
        ? creditSitting(state, report, course)
        : creditActivity(state, report, course);
  // The first report that changes anything binds the state to its enrolment.
  if (result.state === state || result.state.registration !== null) return result;
  return { ...result, state: { ...result.state, registration: report.registration } };
}

// ---------------------------------------------------------------------------------------------
// Assignments (R10)

function creditAssignment(state: StudyTimeState, report: AssignmentReport, course: Course): CreditResult {
  const receivedAt = serverTime(report.receivedAt, report);
  const item = itemById(course, report.itemId);
  if (item?.kind !== 'assignment') return { state, addedMs: 0, outcome: 'not-an-assignment' };
  const earlier = own(state.assignments, item.id);
  // The earliest report is recorded, whatever order they come in: the record is order-independent.
  const isEarlier = !earlier || receivedAt < earlier.receivedAt || (receivedAt === earlier.receivedAt && report.statementId < earlier.statementId);
  if (!isEarlier) return { state, addedMs: 0, outcome: 'nothing-new' };
  const assignments = { ...state.assignments, [item.id]: { statementId: report.statementId, receivedAt } };
  return earlier
    ? { state: { ...state, assignments }, addedMs: 0, outcome: 'nothing-new' }
    : { state: { ...state, assignments }, addedMs: item.nominalMinutes * MINUTE, outcome: 'credited' };
}

// ---------------------------------------------------------------------------------------------
// SCORM sittings (R13)

function creditSitting(state: StudyTimeState, report: SittingReport, course: Course): CreditResult {
  const receivedAt = serverTime(report.receivedAt, report);
  const startedAt = serverTime(report.startedAt, report);
  if (state.horizon !== null && receivedAt <= state.horizon) return { state, addedMs: 0, outcome: 'late' };
  const item = itemById(course, report.itemId);
  if (item?.kind !== 'package') return { state, addedMs: 0, outcome: 'not-a-package' };
  const reported = Number.isFinite(report.reportedMs) ? Math.max(0, report.reportedMs) : 0;
  const credit = Math.min(reported, Math.max(0, receivedAt - startedAt));
  const settledBefore = state.horizon === null ? -Infinity : state.horizon - RULES.maxLookBackMs;
  const vouched = clip([[receivedAt - credit, receivedAt]], Math.max(startedAt, settledBefore), receivedAt);
  const room = itemCapMs(item) - (own(state.creditedMs, item.id) ?? 0);
  const added = credit > 0 ? takeFirst(subtract(vouched, state.recent), room) : [];
  const next = settle({
    ...state,
    creditedMs: added.length === 0 ? state.creditedMs : { ...state.creditedMs, [item.id]: (own(state.creditedMs, item.id) ?? 0) + measure(added) },
    recent: added.length === 0 ? state.recent : union(state.recent, added),
    newestReceipt: maxOf(state.newestReceipt, receivedAt),
  });
  return { state: next, addedMs: measure(added), outcome: measure(added) > 0 ? 'credited' : 'nothing-new' };
}

// ---------------------------------------------------------------------------------------------
// Active time (R3-R9, R11, R12)

function creditActivity(state: StudyTimeState, report: ActivityReport, course: Course): CreditResult {
  const receivedAt = serverTime(report.receivedAt, report);
  if (state.horizon !== null && receivedAt <= state.horizon) return { state, addedMs: 0, outcome: 'late' };

  const sessionId = report.sessionId ? report.sessionId : null;
  const known = sessionId === null ? undefined : state.sessions.find((s) => s.id === sessionId);
  if (known && receivedAt < known.lastReceipt) return { state, addedMs: 0, outcome: 'out-of-order' };

  // R4, R5: where this report may start crediting, by the server's and by the browser's clock.
  // Reports received at the same moment as the session's latest came in one request: same floors.
  const sameRequest = known !== undefined && receivedAt === known.lastReceipt;
  const receiptFloor = !known
    ? receivedAt - RULES.maxLookBackMs
    : sameRequest
      ? known.receiptFloor
      : Math.max(known.lastReceipt - RULES.receiptAllowanceMs, receivedAt - RULES.maxLookBackMs);
  const sentFloor = !known ? null : sameRequest ? known.sentFloor : known.lastSentAt;
  const sentAt = timestampToMs(report.clientSentAt) ?? null;

  const verdict = judge(state, report, course, { receivedAt, receiptFloor, sentFloor, sentAt });

  const session: SessionRecord | null =
    sessionId === null ? null : { id: sessionId, lastReceipt: receivedAt, lastSentAt: maxOf(known?.lastSentAt ?? null, sentAt), receiptFloor, sentFloor };
  const creditedMs =
    verdict.added.length === 0
      ? state.creditedMs
      : { ...state.creditedMs, [report.itemId]: (own(state.creditedMs, report.itemId) ?? 0) + measure(verdict.added) };
  const next = settle({
    ...state,
    creditedMs,
    recent: verdict.added.length === 0 ? state.recent : union(state.recent, verdict.added),
    sessions: session === null ? state.sessions : [...state.sessions.filter((s) => s.id !== session.id), session].sort(byId),
    newestReceipt: maxOf(state.newestReceipt, receivedAt),
  });
  return { state: next, addedMs: measure(verdict.added), outcome: verdict.outcome };
}

interface Clocks {
  receivedAt: number;
  receiptFloor: number;
  sentFloor: number | null;
  sentAt: number | null;
}

/** What an activity report may add, given the floors of its session. */
function judge(state: StudyTimeState, report: ActivityReport, course: Course, clocks: Clocks): { outcome: ReportOutcome; added: Interval[] } {
  const { receivedAt, receiptFloor, sentFloor, sentAt } = clocks;
  if (sentAt === null) return { outcome: 'bad-send-time', added: [] };
  if (sentFloor !== null && sentAt <= sentFloor) return { outcome: 'replayed', added: [] };
  const raw: unknown = report.intervals;
  if (Array.isArray(raw) && raw.length > RULES.maxIntervalsPerReport) return { outcome: 'too-many-intervals', added: [] };
  const claimed = readIntervals(raw);
  if (claimed.some(([start, end]) => end - start > RULES.maxIntervalMs)) return { outcome: 'inflated', added: [] };
  const item = itemById(course, report.itemId);
  if (!item || item.kind === 'assignment') return { outcome: 'untimed-item', added: [] };

  // R3: to server time. R4, R5: keep what the server can vouch for.
  const offset = receivedAt - sentAt;
  const floor = Math.max(receiptFloor, sentFloor === null ? -Infinity : sentFloor + offset);
  const vouched = clip(normalize(claimed.map(([start, end]): Interval => [start + offset, end + offset])), floor, receivedAt);
  // R8: time already credited counts once. R9: up to the cap, earliest first.
  const room = itemCapMs(item) - (own(state.creditedMs, item.id) ?? 0);
  const added = takeFirst(subtract(vouched, state.recent), room);
  return { outcome: measure(added) > 0 ? 'credited' : 'nothing-new', added };
}

/** R7: the well-formed intervals (browser clock, ms); anything else is dropped. */
function readIntervals(raw: unknown): Interval[] {
  if (!Array.isArray(raw)) return [];
  const out: Interval[] = [];
  for (const entry of raw as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') continue;
    const start = timestampToMs(entry[0]);
    const end = timestampToMs(entry[1]);
    if (start !== undefined && end !== undefined && end > start) out.push([start, end]);
  }
  return out;
}

/**
 * R11, R12: moves the horizon, forgets the sessions and intervals no future report can need, and
 * keeps both lists within their limits. Every future report that counts is received after the
 * horizon and credits nothing before its receipt minus maxLookBackMs, so credited intervals ending
 * before horizon - maxLookBackMs can never be overlapped again: they are settled.
 */
function settle(state: StudyTimeState): StudyTimeState {
  let horizon = maxOf(state.horizon, state.newestReceipt === null ? null : state.newestReceipt - RULES.lateReportToleranceMs);
  let sessions = state.sessions;
  if (sessions.length > RULES.maxSessions) {
    const byRecency = [...sessions].sort((a, b) => b.lastReceipt - a.lastReceipt || byId(a, b));
    const forgotten = byRecency.slice(RULES.maxSessions);
    // Reports of a forgotten session could no longer be checked against it (R5), so they are late.
    for (const s of forgotten) horizon = maxOf(horizon, s.lastReceipt);
    sessions = byRecency.slice(0, RULES.maxSessions).sort(byId);
  }
  const settledBefore = horizon === null ? -Infinity : horizon - RULES.maxLookBackMs;
  const recent = fillSmallestGaps(
    state.recent.filter(([, end]) => end > settledBefore),
    RULES.maxRecentIntervals,
  );
  return { ...state, horizon, sessions, recent };
}

// ---------------------------------------------------------------------------------------------
// Helpers

function serverTime(value: string, report: StudyTimeReport): number {
  const ms = timestampToMs(value);
  if (ms === undefined) throw new StudyTimeInputError(`report ${report.statementId}: receivedAt "${value}" is not a timestamp`);
  return ms;
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** An own property only: item ids such as "constructor" must not reach Object.prototype. */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
