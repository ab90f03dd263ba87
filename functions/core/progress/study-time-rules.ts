/**
 * Credible study time: every rule in one place.
 *
 * Accreditation bodies accept the study hours only if the time was really spent (DESIGN.md,
 * "Credible study time"). The browser measures active time; the server credits only what it can
 * vouch for with its own clock. The rules, numbered so tests and reviews can point at them:
 *
 * Browser (the contract the course UI must keep; the server cannot check R1 itself):
 * - R1 Active time. An interval of active time is open while the page is visible and the
 *   participant interacted within the last `idleTimeoutMs`. It closes when the page is hidden, or
 *   when `idleTimeoutMs` passes without interaction (walking away costs at most that much).
 * - R2 Sending. Each page load (tab) has its own `sessionId`. The browser sends at least every
 *   `flushPeriodMs` while an interval is open, and when the page is hidden or closed. Each send
 *   cuts the open interval at that moment, puts every unsent interval of an item into a fresh
 *   `experienced` statement (new id, `timestamp` = that moment, by the browser's clock) and starts
 *   the next interval there. Sending the same statement again is harmless (R5).
 *
 * Server (functions/core/progress/study-time.ts):
 * - R3 Translation. Browser times become server times by adding the report's own clock offset,
 *   `receivedAt - clientSentAt` (the statement's `stored` minus its `timestamp`). A browser clock
 *   that is hours off is therefore fine; there is no limit on the offset itself.
 * - R4 Vouching window. A report credits only time in [floor, receivedAt], where floor is the
 *   latest of: the session's previous receipt minus `receiptAllowanceMs`; `receivedAt` minus
 *   `maxLookBackMs`; and the session's previous send moment (translated). Nothing after the
 *   server received it, nothing the session already had a chance to report, nothing long ago.
 * - R5 Replays. Within a session the browser's send moments only move forward. A report that says
 *   it was sent no later than an earlier report of its session is a replay (an old statement sent
 *   again, perhaps under a new id) and credits nothing. The same statement applied twice changes
 *   nothing at all (idempotence).
 * - R6 Inflation. A browser keeping R2 never sends an interval longer than `maxIntervalMs`, nor
 *   more than `maxIntervalsPerReport` intervals. A report that does is not credible and credits
 *   nothing at all, not even its plausible intervals.
 * - R7 Malformed input. An interval that is not a pair of valid timestamps, or does not end after
 *   it starts, is dropped; the rest of the report counts. A report whose send time is not a valid
 *   timestamp credits nothing.
 * - R8 Once only. Server time already credited, to any item, from any tab or device, is never
 *   credited again: overlapping time from two tabs counts once. Between two different items the
 *   report applied first (the LRS's `stored` order) gets the shared time; if its item is already
 *   at its cap, the time stays available for the other item.
 * - R9 Cap per item. An item earns at most `itemCapMultiple` times its nominal minutes; the
 *   earliest time counts first.
 * - R10 Assignments. A do-and-experience assignment earns its nominal minutes once the participant
 *   has reported on it, however often they report. Time on the assignment's screen is part of
 *   those minutes and is not credited separately. Items unknown to the course earn nothing.
 * - R11 Order. Reports are applied in the LRS's `stored` order. A report received more than
 *   `lateReportToleranceMs` before the newest receipt already applied, or before the latest
 *   receipt of its own session, credits nothing. This is what lets the state forget old detail.
 * - R13 SCORM sittings. An imported SCORM package reports its own session time when a sitting
 *   ends. The server credits at most that time, and at most its own time between the sitting's
 *   first and last report; the credit is the interval ending at the last report, and R8, R9, R11
 *   apply to it like to any interval. A package that reports ten hours for a five-minute sitting
 *   earns five minutes at most. Time before the settled horizon (`horizon - maxLookBackMs`) is not
 *   credited, since R8 can no longer be checked there.
 * - R12 Bounded memory. The state keeps at most `maxSessions` sessions and `maxRecentIntervals`
 *   recently credited intervals; trimming either can only withhold future credit, never add it.
 *
 * What follows from these rules, and what the property tests check: credited active time never
 * exceeds the server's wall-clock time from the first receipt (minus `maxLookBackMs`) to the last;
 * it never exceeds the sum of the caps; applying a report twice equals applying it once; the total
 * never goes down; and an honest browser (R1, R2) is credited its active time, up to the caps,
 * whatever its clock says (exactly; across tabs and devices, overlap is judged to within the
 * difference in their network latency).
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const STUDY_TIME_RULES = {
  /**
   * R1 (browser). Without interaction for this long, the clock stops. Long enough to read a
   * paragraph without touching anything, short enough that walking away costs little.
   */
  idleTimeoutMs: 3 * MINUTE,

  /**
   * R2 (browser). While an interval is open the browser reports at least this often, so an
   * honest report never reaches far back and a lost tab loses little.
   */
  flushPeriodMs: 5 * MINUTE,

  /**
   * R6. The longest single interval a report may contain. The browser cuts intervals at every
   * send, so an honest interval is at most `flushPeriodMs` plus a late timer; twice that leaves
   * margin. A longer interval makes the whole report not credible.
   */
  maxIntervalMs: 10 * MINUTE,

  /**
   * R6. The most intervals one report may contain. Tab switches and idle stops within one
   * `flushPeriodMs` give a handful; this bounds the work per report.
   */
  maxIntervalsPerReport: 100,

  /**
   * R4. How far before its receipt a report may credit time: the first report of a session, and
   * reports after a network outage, cannot claim more. At least `flushPeriodMs` plus margin.
   */
  maxLookBackMs: 10 * MINUTE,

  /**
   * R4. How far before the previous receipt of the same session an interval may start. The offset
   * of each report (R3) includes its network latency; this absorbs the difference in latency
   * between two reports, which is all the clock skew that remains after translation.
   */
  receiptAllowanceMs: 30 * SECOND,

  /** R9. Per item, credit at most this multiple of its nominal minutes. */
  itemCapMultiple: 2,

  /**
   * R11. How much earlier than the newest receipt already applied a report may have been received
   * and still count. Reports are applied in `stored` order, so this only absorbs reordering in the
   * pipeline. Everything more than this plus `maxLookBackMs` in the past is settled.
   */
  lateReportToleranceMs: 15 * MINUTE,

  /**
   * R12. Sessions remembered per enrolment (for R4 and R5): the most recently heard from. Tabs and
   * devices in use at the same time are a handful. When one is forgotten, the horizon (R11) moves
   * up to its last receipt, so nothing it sent before can be applied again; a newer report of it
   * starts it afresh, like a new tab.
   */
  maxSessions: 32,

  /**
   * R12. Recently credited intervals remembered (for R8). Past the limit the smallest gaps between
   * them are filled, which only keeps that gap time from being credited later.
   */
  maxRecentIntervals: 256,
} as const;

export type StudyTimeRules = typeof STUDY_TIME_RULES;

/** R9: the most active time an item can earn, in milliseconds. */
export function itemCapMs(item: { readonly nominalMinutes: number }): number {
  return STUDY_TIME_RULES.itemCapMultiple * item.nominalMinutes * MINUTE;
}
