/**
 * Scenario helpers for study-time tests. Times are written in minutes after T0 by the server's
 * (true) clock; a simulated browser may run its own clock ahead or behind and its requests take
 * some latency. Expected values are derived from the course data, never hard-coded minutes.
 */
import { itemById, loadCourse } from '../../../functions/core/course/load.js';
import {
  applyReport,
  emptyStudyTime,
  itemCapMs,
  type ActivityReport,
  type AssignmentReport,
  type StudyTimeReport,
  type StudyTimeState,
} from '../../../functions/core/progress/study-time.js';

export const course = loadCourse();
export const REGISTRATION = 'ec531277-b57b-4c15-8d91-d292c5b2b8f7';
export const MINUTE = 60_000;
export const T0 = Date.parse('2026-03-02T09:00:00.000Z');

/** A content page, another page, and an assignment of the course. */
export const PAGE = 'wm1-gezondheid-anders-bekeken';
export const OTHER_PAGE = 'wm1-concept-werkwijze-houding';
export const ASSIGNMENT = 'opdracht-wat-is-belangrijk';

export const iso = (ms: number): string => new Date(ms).toISOString();
/** Server time `minutes` after T0, in whole ms. */
export const ms = (minutes: number): number => T0 + Math.round(minutes * MINUTE);
/** Server time `minutes` after T0, as an ISO timestamp. */
export const at = (minutes: number): string => iso(ms(minutes));

export function nominalMinutes(itemId: string): number {
  const item = itemById(course, itemId);
  if (!item) throw new Error(`no item ${itemId} in the course`);
  return item.nominalMinutes;
}

export function capMinutes(itemId: string): number {
  return itemCapMs({ nominalMinutes: nominalMinutes(itemId) }) / MINUTE;
}

let serial = 0;
const nextStatementId = (): string => `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;

export interface BrowserSend {
  itemId?: string;
  sessionId?: string | undefined;
  /** When the browser sent it (true time, minutes after T0). */
  sentAt: number;
  /** Active intervals (true time, minutes after T0). */
  intervals: [number, number][];
  /** The browser's clock runs this many minutes ahead (negative: behind). */
  clockAheadMin?: number;
  /** How long the request takes to reach the LRS. */
  latencyMs?: number;
  statementId?: string;
}

/** The report an honest browser produces for one send (R2), as the projection would pass it on. */
export function browserReport(send: BrowserSend): ActivityReport {
  const ahead = (send.clockAheadMin ?? 0) * MINUTE;
  const browserClock = (minutes: number) => iso(ms(minutes) + Math.round(ahead));
  return {
    statementId: send.statementId ?? nextStatementId(),
    registration: REGISTRATION,
    itemId: send.itemId ?? PAGE,
    sessionId: 'sessionId' in send ? send.sessionId : 'tab-1',
    clientSentAt: browserClock(send.sentAt),
    receivedAt: iso(ms(send.sentAt) + (send.latencyMs ?? 150)),
    intervals: send.intervals.map(([start, end]) => [browserClock(start), browserClock(end)] as const),
  };
}

/** A raw activity report with overrides (for reports no honest browser would send). */
export function activityReport(overrides: Partial<ActivityReport> = {}): ActivityReport {
  return {
    statementId: nextStatementId(),
    registration: REGISTRATION,
    itemId: PAGE,
    sessionId: 'tab-1',
    clientSentAt: at(5),
    receivedAt: at(5),
    intervals: [[at(0), at(5)]],
    ...overrides,
  };
}

export function assignmentReport(overrides: Partial<AssignmentReport> = {}): AssignmentReport {
  return {
    kind: 'assignment-reported',
    statementId: nextStatementId(),
    registration: REGISTRATION,
    itemId: ASSIGNMENT,
    receivedAt: at(60),
    ...overrides,
  };
}

export function applyAll(reports: readonly StudyTimeReport[], state: StudyTimeState = emptyStudyTime()): StudyTimeState {
  return reports.reduce((s, report) => applyReport(s, report, course), state);
}

/** Raw credited active minutes in the state (all items, before any rounding). */
export function activeMinutes(state: StudyTimeState): number {
  return Object.values(state.creditedMs).reduce((a, b) => a + b, 0) / MINUTE;
}

/**
 * The sends of an honest browser (R1, R2) for the given active intervals of one session: a send
 * when each interval closes, and every `flushEvery` minutes while one is open.
 */
export function honestSends(active: [number, number][], options: Omit<BrowserSend, 'sentAt' | 'intervals'> & { flushEvery?: number }): BrowserSend[] {
  const { flushEvery = 5, ...rest } = options;
  const sends: BrowserSend[] = [];
  for (const [start, end] of active) {
    for (let from = start; from < end; from += flushEvery) {
      const to = Math.min(end, from + flushEvery);
      sends.push({ ...rest, sentAt: to, intervals: [[from, to]] });
    }
  }
  return sends;
}
