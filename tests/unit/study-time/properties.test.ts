/**
 * Properties of study-time crediting that must hold for any reports, honest or not
 * (functions/core/progress/study-time-rules.ts states them), and what an honest browser gets.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allItems } from '../../../functions/core/course/load.js';
import { measure, normalize, type Interval } from '../../../functions/core/progress/intervals.js';
import {
  applyReport,
  creditedMinutes,
  emptyStudyTime,
  itemCapMs,
  STUDY_TIME_RULES as RULES,
  type StudyTimeReport,
  type StudyTimeState,
} from '../../../functions/core/progress/study-time.js';
import {
  applyAll,
  ASSIGNMENT,
  browserReport,
  capMinutes,
  course,
  honestSends,
  iso,
  MINUTE,
  OTHER_PAGE,
  PAGE,
  REGISTRATION,
  T0,
  type BrowserSend,
} from './fixtures.js';

const SECOND = 1000;
const total = (state: StudyTimeState) => creditedMinutes(state, course).total;
const activeMs = (state: StudyTimeState) => Object.values(state.creditedMs).reduce((a, b) => a + b, 0);
const sumOfCaps = allItems(course).reduce((sum, i) => sum + (i.kind === 'assignment' ? i.nominalMinutes : itemCapMs(i) / MINUTE), 0);

// ---------------------------------------------------------------------------------------------
// Any reports: honest, replayed, inflated, malformed, skewed, in any order.

/** Seconds relative to the browser's send time: mostly plausible, some stretched, inflated or garbage. */
const rawInterval = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(fc.integer({ min: -11 * 60, max: 30 }), fc.integer({ min: 1, max: 10 * 60 }))
      .map(([startSec, lengthSec]) => ({ startSec, lengthSec })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: -40 * 60, max: 10 * 60 }), fc.integer({ min: -60, max: 10 * 3600 }))
      .map(([startSec, lengthSec]) => ({ startSec, lengthSec })),
  },
  { weight: 1, arbitrary: fc.constantFrom('garbage', 'no-pair') },
);

const activity = fc.record({
  kind: fc.constant('activity' as const),
  receivedSec: fc.integer({ min: 0, max: 3600 }),
  clockAheadSec: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -3 * 3600, max: 3 * 3600 })),
  sessionId: fc.constantFrom(undefined, 'tab-a', 'tab-b', 'phone'),
  itemId: fc.constantFrom(PAGE, OTHER_PAGE, 'wm1-welkom', 'wm1-reflectie-eigen-woorden', ASSIGNMENT, 'no-such-item'),
  intervals: fc.array(rawInterval, { maxLength: 5 }),
  badSendTime: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});
const assignment = fc.record({
  kind: fc.constant('assignment' as const),
  receivedSec: fc.integer({ min: 0, max: 3600 }),
  itemId: fc.constantFrom(ASSIGNMENT, 'opdracht-luisteren-en-stilte', PAGE),
});

type Spec = (typeof activity extends fc.Arbitrary<infer A> ? A : never) | (typeof assignment extends fc.Arbitrary<infer B> ? B : never);

let serial = 0;
function toReport(spec: Spec): StudyTimeReport {
  const statementId = `00000000-0000-4000-9000-${String(++serial).padStart(12, '0')}`;
  const receivedAt = T0 + spec.receivedSec * SECOND;
  if (spec.kind === 'assignment') {
    return { kind: 'assignment-reported', statementId, registration: REGISTRATION, itemId: spec.itemId, receivedAt: iso(receivedAt) };
  }
  const sentAt = receivedAt + spec.clockAheadSec * SECOND;
  return {
    statementId,
    registration: REGISTRATION,
    itemId: spec.itemId,
    sessionId: spec.sessionId,
    clientSentAt: spec.badSendTime ? 'not a time' : iso(sentAt),
    receivedAt: iso(receivedAt),
    intervals: spec.intervals.map((i) =>
      typeof i === 'string' ? ([i, i] as const) : ([iso(sentAt + i.startSec * SECOND), iso(sentAt + (i.startSec + i.lengthSec) * SECOND)] as const),
    ),
  };
}

/**
 * A sequence of reports: a pool, then picks from it with repeats (the same statement processed
 * again) and resends (the same content under a new id, later), in random or in receipt order.
 */
const reportSequence = fc
  .tuple(
    fc.array(fc.oneof({ weight: 8, arbitrary: activity }, { weight: 1, arbitrary: assignment }), { minLength: 1, maxLength: 30 }),
    fc.array(fc.tuple(fc.nat(), fc.option(fc.integer({ min: 1, max: 3600 }), { freq: 4 })), { maxLength: 30 }),
    fc.boolean(),
  )
  .map(([specs, picks, inReceiptOrder]) => {
    const pool = specs.map(toReport);
    const sequence = [
      ...pool,
      ...picks.map(([index, resendAfterSec]) => {
        const report = pool[index % pool.length]!;
        if (resendAfterSec === null) return report;
        const receivedAt = iso(Date.parse(report.receivedAt) + resendAfterSec * SECOND);
        return { ...report, statementId: `${report.statementId}-again-${resendAfterSec}`, receivedAt };
      }),
    ];
    if (inReceiptOrder) sequence.sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
    return sequence;
  });

/** Every state along the way: states[k] is the state after the first k reports. */
function statesAlong(reports: readonly StudyTimeReport[]): StudyTimeState[] {
  const states = [emptyStudyTime()];
  for (const report of reports) states.push(applyReport(states[states.length - 1]!, report, course));
  return states;
}

const receipts = (reports: readonly StudyTimeReport[]) => reports.filter((r) => r.kind !== 'assignment-reported').map((r) => Date.parse(r.receivedAt));

describe('for any reports', () => {
  it('active credit never exceeds the server wall-clock time from the first receipt (minus maxLookBackMs) to the last', () => {
    fc.assert(
      fc.property(reportSequence, (reports) => {
        const states = statesAlong(reports);
        states.forEach((state, k) => {
          const seen = receipts(reports.slice(0, k));
          const bound = seen.length === 0 ? 0 : Math.max(...seen) - Math.min(...seen) + RULES.maxLookBackMs;
          expect(activeMs(state)).toBeLessThanOrEqual(bound);
        });
      }),
    );
  });

  it('credit never exceeds a cap per item, nor the sum of the caps', () => {
    fc.assert(
      fc.property(reportSequence, (reports) => {
        const state = applyAll(reports);
        for (const [itemId, ms] of Object.entries(state.creditedMs)) expect(ms / MINUTE).toBeLessThanOrEqual(capMinutes(itemId));
        expect(total(state)).toBeLessThanOrEqual(sumOfCaps);
      }),
    );
  });

  it('credit is monotone: no report lowers the total or any item', () => {
    fc.assert(
      fc.property(reportSequence, (reports) => {
        const states = statesAlong(reports);
        for (let k = 1; k < states.length; k++) {
          const before = creditedMinutes(states[k - 1]!, course);
          const after = creditedMinutes(states[k]!, course);
          expect(after.total).toBeGreaterThanOrEqual(before.total);
          for (const [id, minutes] of Object.entries(before.perItem)) expect(after.perItem[id]).toBeGreaterThanOrEqual(minutes);
        }
      }),
    );
  });

  it('is idempotent: applying a report twice equals applying it once, right away or after any later reports', () => {
    fc.assert(
      fc.property(reportSequence, (reports) => {
        const states = statesAlong(reports);
        reports.forEach((report, k) => expect(applyReport(states[k + 1]!, report, course)).toEqual(states[k + 1]));
        const final = states[states.length - 1]!;
        for (const report of reports) expect(applyReport(final, report, course)).toEqual(final);
      }),
    );
  });

  it('keeps a bounded, normalized, JSON-safe state', () => {
    fc.assert(
      fc.property(reportSequence, (reports) => {
        for (const state of statesAlong(reports)) {
          expect(state.sessions.length).toBeLessThanOrEqual(RULES.maxSessions);
          expect(state.recent.length).toBeLessThanOrEqual(RULES.maxRecentIntervals);
          expect(normalize(state.recent)).toEqual(state.recent);
          expect(JSON.parse(JSON.stringify(state))).toEqual(state);
        }
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Honest browsers (R1, R2): any clock, several tabs or devices, sends in receipt order.

/** Disjoint active intervals (whole seconds, in minutes) within [0, spanMinutes]. */
const activeIntervals = (spanMinutes: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: spanMinutes * 60 }), { maxLength: 12 }).map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const out: [number, number][] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push([sorted[i]! / 60, sorted[i + 1]! / 60]);
    return out;
  });

/** Items whose cap (2 x 12 minutes) is at least 24 minutes. */
const ROOMY_ITEMS = ['wm1-reflectie-eigen-woorden', 'wm1-spinnenweb', 'wm2-reflectie-zingeving'];

const honestSessions = (spanMinutes: number) =>
  fc.array(
    fc.record({
      active: activeIntervals(spanMinutes),
      itemId: fc.constantFrom(...ROOMY_ITEMS),
      clockAheadMin: fc.integer({ min: -180 * 60, max: 180 * 60 }).map((s) => s / 60),
    }),
    { minLength: 1, maxLength: 3 },
  );

function sendsOf(sessions: { active: [number, number][]; itemId: string; clockAheadMin: number }[], latencyMs: number): BrowserSend[][] {
  return sessions.map((s, i) => honestSends(s.active, { sessionId: `tab-${i}`, itemId: s.itemId, clockAheadMin: s.clockAheadMin, latencyMs }));
}

const activeUnionMs = (sessions: { active: [number, number][] }[]) =>
  measure(normalize(sessions.flatMap((s) => s.active.map(([a, b]): Interval => [Math.round(a * MINUTE), Math.round(b * MINUTE)]))));

const byReceipt = (sends: BrowserSend[][]) =>
  sends
    .flat()
    .map(browserReport)
    .sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));

describe('an honest browser', () => {
  const ROOMY_SPAN = ROOMY_ITEMS.map(capMinutes).reduce((a, b) => Math.min(a, b));

  it('is credited exactly its active time, counted once across tabs and devices, whatever the clocks say', () => {
    fc.assert(
      fc.property(honestSessions(ROOMY_SPAN), fc.integer({ min: 0, max: 2000 }), (sessions, latencyMs) => {
        const state = applyAll(byReceipt(sendsOf(sessions, latencyMs)));
        expect(activeMs(state)).toBe(activeUnionMs(sessions));
      }),
    );
  });

  it('is credited its active time on a page up to the cap, over a whole day', () => {
    fc.assert(
      fc.property(activeIntervals(8 * 60), fc.integer({ min: -180, max: 180 }), (active, clockAheadMin) => {
        const state = applyAll(honestSends(active, { itemId: PAGE, clockAheadMin }).map(browserReport));
        expect(activeMs(state)).toBe(Math.min(capMinutes(PAGE) * MINUTE, activeUnionMs([{ active }])));
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Order: which commutativity holds.

describe('order of reports from different sessions', () => {
  /** Receipts within lateReportToleranceMs of each other; caps out of reach. */
  const span = Math.min(RULES.lateReportToleranceMs / MINUTE - 1, ...ROOMY_ITEMS.map(capMinutes));

  /** An interleaving of the sessions' reports that keeps each session's own order. */
  function interleave<T>(queues: T[][], choices: number[]): T[] {
    const rest = queues.map((q) => [...q]);
    const out: T[] = [];
    for (const choice of choices) {
      const open = rest.filter((q) => q.length > 0);
      if (open.length === 0) break;
      out.push(open[choice % open.length]!.shift()!);
    }
    return [...out, ...rest.flat()];
  }

  it('does not change the total while no cap is reached and receipts are within lateReportToleranceMs', () => {
    fc.assert(
      fc.property(honestSessions(span), fc.array(fc.nat(), { maxLength: 60 }), (sessions, choices) => {
        const queues = sendsOf(sessions, 200).map((sends) => sends.map(browserReport));
        const state = applyAll(interleave(queues, choices));
        expect(activeMs(state)).toBe(activeUnionMs(sessions));
      }),
    );
  });

  it('can change the total once a cap is reached: shared time goes to the report applied first (R8)', () => {
    const cap = capMinutes(PAGE);
    const warmUp = honestSends([[0, cap - 5]], { sessionId: 'tab-1', itemId: PAGE }).map(browserReport); // PAGE has 5 minutes of room left
    const pageTogether = browserReport({ sessionId: 'tab-1', itemId: PAGE, sentAt: 30, intervals: [[25, 30]] });
    const otherTogether = browserReport({ sessionId: 'tab-2', itemId: OTHER_PAGE, sentAt: 30, intervals: [[25, 30]] });
    const pageAlone = browserReport({ sessionId: 'tab-1', itemId: PAGE, sentAt: 35, intervals: [[30, 35]] });
    const pageFirst = applyAll([...warmUp, pageTogether, otherTogether, pageAlone]);
    const otherFirst = applyAll([...warmUp, otherTogether, pageTogether, pageAlone]);
    expect(total(pageFirst)).toBe(cap);
    expect(total(otherFirst)).toBe(cap + 5);
  });
});
