/**
 * The study-time rules R1-R12 (functions/core/progress/study-time-rules.ts), one readable scenario
 * at a time. Expected minutes come from the course data and the rule constants.
 */
import { describe, expect, it } from 'vitest';
import {
  applyReport,
  creditedMinutes,
  creditReport,
  emptyStudyTime,
  STUDY_TIME_RULES as RULES,
  StudyTimeInputError,
  type ActivityReport,
  type StudyTimeState,
} from '../../../functions/core/progress/study-time.js';
import {
  activeMinutes,
  activityReport,
  applyAll,
  ASSIGNMENT,
  assignmentReport,
  at,
  browserReport,
  capMinutes,
  course,
  honestSends,
  MINUTE,
  nominalMinutes,
  OTHER_PAGE,
  PAGE,
} from './fixtures.js';

const minutesOn = (state: StudyTimeState, itemId: string) => creditedMinutes(state, course).perItem[itemId];
const total = (state: StudyTimeState) => creditedMinutes(state, course).total;

describe('R1, R2: only the active time the browser reports is credited', () => {
  it('credits a participant who reads a page for 6 minutes with 6 minutes', () => {
    const state = applyAll([browserReport({ sentAt: 3, intervals: [[0, 3]] }), browserReport({ sentAt: 6, intervals: [[3, 6]] })]);
    expect(minutesOn(state, PAGE)).toBe(6);
    expect(total(state)).toBe(6);
  });

  it('does not credit a hidden or idle stretch: the browser sends no interval for it, and the server does not bridge the gap', () => {
    const state = applyAll([
      browserReport({ sentAt: 2, intervals: [[0, 2]] }), // page hidden at 2: the browser sends
      browserReport({ sentAt: 9, intervals: [[7, 9]] }), // visible and active again from 7 to 9
    ]);
    expect(total(state)).toBe(4);
  });
});

describe('R3: browser times are translated by each report’s own clock offset', () => {
  it.each([120, -120])('credits a browser whose clock is %i minutes off exactly like one whose clock is right', (clockAheadMin) => {
    const sends = honestSends([[0, 6]], { flushEvery: 3 });
    const right = applyAll(sends.map(browserReport));
    const off = applyAll(sends.map((send) => browserReport({ ...send, clockAheadMin })));
    expect(total(off)).toBe(6);
    expect(off.creditedMs).toEqual(right.creditedMs);
  });
});

describe('R4: a report credits only what the server can vouch for', () => {
  it('credits nothing after the moment the server received the report', () => {
    const report = activityReport({ clientSentAt: at(5), receivedAt: at(5), intervals: [[at(0), at(8)]] });
    expect(total(applyAll([report]))).toBe(5);
  });

  it('lets the first report of a session reach back at most maxLookBackMs', () => {
    const report = activityReport({ clientSentAt: at(20), receivedAt: at(20), intervals: [[at(5), at(14)], [at(14), at(20)]] });
    expect(total(applyAll([report]))).toBe(RULES.maxLookBackMs / MINUTE);
    expect(RULES.maxLookBackMs / MINUTE).toBeLessThan(15);
  });

  it('credits a later report no further back than the previous receipt of its session, minus the allowance', () => {
    const first = activityReport({ clientSentAt: at(5), receivedAt: at(5), intervals: [[at(0), at(1)]] });
    // The browser claims to have been active from 5 to 13 by its clock, but the server got it at 8:
    // translated, that is 0 to 8, and the session already reported at 5.
    const stretched = activityReport({ clientSentAt: at(13), receivedAt: at(8), intervals: [[at(5), at(13)]] });
    const result = creditReport(applyAll([first]), stretched, course);
    expect(result.addedMs).toBe(3 * MINUTE + RULES.receiptAllowanceMs);
  });
});

describe('R5: a replayed report adds nothing', () => {
  const original = browserReport({ sentAt: 6, intervals: [[1, 6]] });

  it('changes nothing when the same statement is processed twice', () => {
    const once = applyAll([original]);
    const again = creditReport(once, original, course);
    expect(again.state).toEqual(once);
    expect(again).toMatchObject({ addedMs: 0, outcome: 'nothing-new' });
  });

  it.each([20 * MINUTE, 10_000])('adds nothing when the same content is sent again under a new id %i ms later', (delayMs) => {
    const once = applyAll([original]);
    const replay: ActivityReport = {
      ...original,
      statementId: 'ffffffff-0000-4000-8000-000000000001',
      receivedAt: new Date(Date.parse(original.receivedAt) + delayMs).toISOString(),
    };
    const result = creditReport(once, replay, course);
    expect(result).toMatchObject({ addedMs: 0, outcome: 'replayed' });
    expect(total(result.state)).toBe(5);
  });

  it('cuts intervals from before the session’s previous send exactly, by the browser’s own clock', () => {
    // Idle before the previous send at 5; the next report stretches back to 4.8 by its clock. The
    // receipt allowance alone would let 4.8-5 through; the browser had already reported up to 5.
    const once = applyAll([browserReport({ sentAt: 5, intervals: [[0, 1]] })]);
    const stretched = browserReport({ sentAt: 8, intervals: [[4.8, 8]] });
    expect(creditReport(once, stretched, course)).toMatchObject({ addedMs: 3 * MINUTE, outcome: 'credited' });
  });

  it('adds nothing when the browser resends intervals that already arrived, in a fresh statement', () => {
    const once = applyAll([original]);
    const resent = browserReport({ sentAt: 7, intervals: [[1, 6]] }); // its response to the first was lost
    expect(creditReport(once, resent, course)).toMatchObject({ addedMs: 0, outcome: 'nothing-new' });
  });
});

describe('R6: an inflated report adds nothing', () => {
  it('adds nothing for an interval claiming 10 hours received 5 minutes after the previous report, not even its plausible part', () => {
    const before = applyAll([browserReport({ sentAt: 5, intervals: [[0, 5]] })]);
    const inflated = browserReport({ sentAt: 10, intervals: [[5, 10], [-590, 10]] });
    const result = creditReport(before, inflated, course);
    expect(result).toMatchObject({ addedMs: 0, outcome: 'inflated' });
    expect(total(result.state)).toBe(5);
  });

  it('accepts an interval of exactly maxIntervalMs', () => {
    const longest = RULES.maxIntervalMs / MINUTE;
    expect(total(applyAll([browserReport({ sentAt: longest, intervals: [[0, longest]] })]))).toBe(longest);
  });

  it('adds nothing for a report with more than maxIntervalsPerReport intervals', () => {
    const count = RULES.maxIntervalsPerReport + 1;
    const blips = Array.from({ length: count }, (_, i): [number, number] => [i / 60, (i + 0.5) / 60]);
    const report = browserReport({ sentAt: count / 60, intervals: blips });
    expect(creditReport(emptyStudyTime(), report, course)).toMatchObject({ addedMs: 0, outcome: 'too-many-intervals' });
    expect(creditReport(emptyStudyTime(), { ...report, intervals: report.intervals.slice(1) }, course).outcome).toBe('credited');
  });
});

describe('R7: malformed input', () => {
  it('drops malformed, empty and inverted intervals and credits the rest', () => {
    const intervals = [['not a time', at(1)], [at(3), at(2)], [at(2), at(2)], 'x', [at(1)], [at(1), 5], [at(0), at(1)]];
    const report = activityReport({ intervals: intervals as unknown as ActivityReport['intervals'] });
    expect(total(applyAll([report]))).toBe(1);
  });

  it('credits nothing when the send time is not a timestamp', () => {
    expect(creditReport(emptyStudyTime(), activityReport({ clientSentAt: 'yesterday' }), course).outcome).toBe('bad-send-time');
  });

  it('throws when the server receipt is not a timestamp, or the report belongs to another enrolment', () => {
    expect(() => applyReport(emptyStudyTime(), activityReport({ receivedAt: 'now' }), course)).toThrow(StudyTimeInputError);
    const state = applyAll([activityReport()]);
    expect(() => applyReport(state, activityReport({ registration: '11111111-1111-4111-8111-111111111111' }), course)).toThrow(/registration/);
  });
});

describe('R8: time counts once', () => {
  it('counts the overlap of two tabs on the same page once', () => {
    const state = applyAll([
      browserReport({ sessionId: 'tab-1', sentAt: 5, intervals: [[0, 5]] }),
      browserReport({ sessionId: 'tab-2', sentAt: 7, intervals: [[2, 7]] }),
    ]);
    expect(total(state)).toBe(7);
  });

  it('counts the same minutes on a laptop and a phone two hours behind once', () => {
    const state = applyAll([
      browserReport({ sessionId: 'laptop', sentAt: 5, intervals: [[0, 5]] }),
      browserReport({ sessionId: 'phone', sentAt: 5, intervals: [[0, 5]], clockAheadMin: -120 }),
    ]);
    expect(total(state)).toBe(5);
  });

  it('gives time spent on two pages at once to the page reported first', () => {
    const state = applyAll([
      browserReport({ sessionId: 'tab-1', itemId: PAGE, sentAt: 5, intervals: [[0, 5]] }),
      browserReport({ sessionId: 'tab-2', itemId: OTHER_PAGE, sentAt: 5, intervals: [[0, 5]] }),
    ]);
    expect(creditedMinutes(state, course)).toMatchObject({ total: 5, perItem: { [PAGE]: 5, [OTHER_PAGE]: 0 } });
  });

  it('gives shared time to the other page when the page reported first is already at its cap', () => {
    const cap = capMinutes(PAGE);
    const state = applyAll([
      ...honestSends([[0, cap]], { sessionId: 'tab-1', itemId: PAGE }).map(browserReport),
      browserReport({ sessionId: 'tab-1', itemId: PAGE, sentAt: cap + 10, intervals: [[cap + 5, cap + 10]] }),
      browserReport({ sessionId: 'tab-2', itemId: OTHER_PAGE, sentAt: cap + 10, intervals: [[cap + 5, cap + 10]] }),
    ]);
    expect(creditedMinutes(state, course)).toMatchObject({ total: cap + 5, perItem: { [PAGE]: cap, [OTHER_PAGE]: 5 } });
  });
});

describe('R9: per item, at most itemCapMultiple times its nominal minutes', () => {
  it('credits 30 minutes on a page up to its cap and no further', () => {
    const cap = capMinutes(PAGE);
    expect(cap).toBe(RULES.itemCapMultiple * nominalMinutes(PAGE));
    expect(cap).toBeLessThan(30);
    const sends = honestSends([[0, 30]], {}).map(browserReport);
    const state = applyAll(sends);
    expect(minutesOn(state, PAGE)).toBe(cap);
    expect(creditReport(state, browserReport({ sentAt: 35, intervals: [[30, 35]] }), course).outcome).toBe('nothing-new');
  });

  it('does not let a capped page swallow time spent on another page', () => {
    const cap = capMinutes(PAGE);
    const state = applyAll([...honestSends([[0, 30]], {}).map(browserReport), browserReport({ itemId: OTHER_PAGE, sentAt: 35, intervals: [[30, 35]] })]);
    expect(total(state)).toBe(cap + 5);
  });
});

describe('R10: assignments and items without active time', () => {
  it('credits an assignment reported twice once, with its nominal minutes', () => {
    const first = assignmentReport({ receivedAt: at(60) });
    const second = assignmentReport({ receivedAt: at(90) });
    const once = applyAll([first]);
    const twice = creditReport(once, second, course);
    expect(minutesOn(once, ASSIGNMENT)).toBe(nominalMinutes(ASSIGNMENT));
    expect(twice).toMatchObject({ addedMs: 0, outcome: 'nothing-new' });
    expect(total(twice.state)).toBe(nominalMinutes(ASSIGNMENT));
  });

  it('remembers the earliest report on an assignment, in whatever order the reports come', () => {
    const first = assignmentReport({ receivedAt: at(60) });
    const second = assignmentReport({ receivedAt: at(90) });
    expect(applyAll([second, first]).assignments).toEqual(applyAll([first, second]).assignments);
    expect(applyAll([second, first]).assignments[ASSIGNMENT]?.statementId).toBe(first.statementId);
  });

  it('does not add active time on the assignment’s own screen to its nominal minutes', () => {
    const state = applyAll([assignmentReport({ receivedAt: at(1) })]);
    const result = creditReport(state, browserReport({ itemId: ASSIGNMENT, sentAt: 5, intervals: [[0, 5]] }), course);
    expect(result).toMatchObject({ addedMs: 0, outcome: 'untimed-item' });
    expect(total(result.state)).toBe(nominalMinutes(ASSIGNMENT));
  });

  it('credits nothing for items the course does not have, and no assignment minutes for a page', () => {
    expect(creditReport(emptyStudyTime(), browserReport({ itemId: 'no-such-item', sentAt: 5, intervals: [[0, 5]] }), course).outcome).toBe('untimed-item');
    expect(creditReport(emptyStudyTime(), assignmentReport({ itemId: PAGE }), course)).toMatchObject({ addedMs: 0, outcome: 'not-an-assignment' });
  });
});

describe('R11: order', () => {
  it('credits nothing for a report older than the latest receipt of its own session', () => {
    const early = browserReport({ sentAt: 5, intervals: [[0, 5]] });
    const later = browserReport({ sentAt: 10, intervals: [[5, 10]] });
    expect(creditReport(applyAll([later]), early, course).outcome).toBe('out-of-order');
  });

  it('credits a report of another session that arrives late within lateReportToleranceMs, and nothing beyond it', () => {
    const tolerance = RULES.lateReportToleranceMs / MINUTE;
    const newest = applyAll([browserReport({ sessionId: 'tab-1', sentAt: 40, intervals: [[35, 40]] })]);
    const withinTolerance = browserReport({ sessionId: 'tab-2', sentAt: 40 - tolerance + 1, intervals: [[40 - tolerance - 2, 40 - tolerance + 1]] });
    const tooLate = browserReport({ sessionId: 'tab-3', sentAt: 40 - tolerance - 1, intervals: [[40 - tolerance - 4, 40 - tolerance - 1]] });
    expect(creditReport(newest, withinTolerance, course)).toMatchObject({ addedMs: 3 * MINUTE, outcome: 'credited' });
    expect(creditReport(newest, tooLate, course)).toMatchObject({ addedMs: 0, outcome: 'late' });
  });
});

describe('R12: bounded memory', () => {
  it('remembers at most maxSessions sessions; what a forgotten session sent before is late, a newer report starts it afresh', () => {
    const count = RULES.maxSessions + 8;
    const sends = Array.from({ length: count }, (_, i) =>
      browserReport({ sessionId: `tab-${i}`, itemId: 'wm1-spinnenweb', sentAt: i / 10 + 1, intervals: [[i / 10, i / 10 + 0.05]] }),
    );
    const state = applyAll(sends);
    expect(state.sessions).toHaveLength(RULES.maxSessions);
    expect(state.sessions.map((s) => s.id)).not.toContain('tab-0');
    expect(creditReport(state, sends[0]!, course).outcome).toBe('late');
    const newer = browserReport({ sessionId: 'tab-0', itemId: 'wm1-spinnenweb', sentAt: 10, intervals: [[9.5, 10]] });
    expect(creditReport(state, newer, course)).toMatchObject({ addedMs: 0.5 * MINUTE, outcome: 'credited' });
  });

  it('keeps at most maxRecentIntervals credited intervals, without losing credit', () => {
    // 1-second blips every 3 seconds on a reflection: 100 per report, 10 reports.
    const reports = Array.from({ length: 10 }, (_, r) => {
      const base = r * 5; // each report covers 300 s = 5 minutes of blips
      const blips = Array.from({ length: 100 }, (_, i): [number, number] => [base + (3 * i) / 60, base + (3 * i + 1) / 60]);
      return browserReport({ itemId: 'wm1-reflectie-eigen-woorden', sentAt: base + 5, intervals: blips });
    });
    const state = applyAll(reports);
    expect(state.recent.length).toBeLessThanOrEqual(RULES.maxRecentIntervals);
    expect(activeMinutes(state) * 60).toBeCloseTo(1000, 6);
  });

  it('does not grow with history: a year of daily study leaves a state no larger than two months of it', () => {
    const items = ['wm1-welkom', PAGE, OTHER_PAGE, 'wm2-zes-dimensies', 'wm3-jouw-rol'];
    const day = (d: number) =>
      honestSends([[d * 1440 + 600, d * 1440 + 660]], { sessionId: `day-${d}`, itemId: items[d % items.length]! }).map(browserReport);
    let state = emptyStudyTime();
    for (let d = 0; d < 60; d++) state = applyAll(day(d), state);
    const twoMonths = JSON.stringify(state).length;
    for (let d = 60; d < 365; d++) state = applyAll(day(d), state);
    // Only the session ids get one digit longer (day-59 → day-364).
    expect(JSON.stringify(state).length).toBeLessThanOrEqual(twoMonths + RULES.maxSessions);
    expect(state.recent.length).toBeLessThanOrEqual(5);
  });
});

describe('the state', () => {
  it('is not changed by applying a report (pure)', () => {
    const state = deepFreeze(applyAll([browserReport({ sentAt: 5, intervals: [[0, 5]] })]));
    const snapshot = structuredClone(state);
    applyAll([browserReport({ sentAt: 10, intervals: [[5, 10]] }), assignmentReport()], state);
    expect(state).toEqual(snapshot);
  });

  it('survives JSON and continues exactly as before', () => {
    const reports = [...honestSends([[0, 12]], {}).map(browserReport), assignmentReport()];
    const state = applyAll(reports.slice(0, 2));
    const revived = JSON.parse(JSON.stringify(state)) as StudyTimeState;
    expect(revived).toEqual(state);
    expect(applyAll(reports.slice(2), revived)).toEqual(applyAll(reports.slice(2), state));
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
