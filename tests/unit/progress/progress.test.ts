/**
 * The progress projection: a participant who works through the course meets every outcome and
 * opens the gate; what is missing is said in plain Dutch; the fold is idempotent and ignores
 * statements of other enrolments; spinnenweb grades never gate anything.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { loadCourse } from '../../../functions/core/course/load.js';
import { applyStatement, emptyProgress, type ProgressState } from '../../../functions/core/progress/progress.js';
import { summarizeProgress, finalTestView } from '../../../functions/core/progress/progress-summary.js';
import * as build from '../../../functions/core/xapi/profile/builders.js';
import type { StatementJson } from '../../../functions/core/xapi/statement-store.js';
import { courseWalkthrough, longText, type TimedStatement } from '../../support/course-walkthrough.js';

const course = loadCourse();
const participant = { userId: 'carla', name: 'Carla Jansen' };
const START = Date.parse('2026-11-02T09:00:00Z');

const stored = (t: TimedStatement): StatementJson => ({ ...(t.statement as object), id: t.statement.id!, stored: new Date(t.at).toISOString() }) as StatementJson;
const fold = (statements: StatementJson[], state: ProgressState = emptyProgress()) => statements.reduce((s, st) => applyStatement(s, st, course), state);

function walk(options: Partial<Parameters<typeof courseWalkthrough>[0]> = {}) {
  const registration = options.registration ?? randomUUID();
  return { registration, statements: courseWalkthrough({ participant, registration, startMs: START, includeFinalTest: true, ...options }).map(stored) };
}

describe('a participant who works through the whole course', () => {
  const { statements } = walk();
  const view = summarizeProgress(fold(statements), course, new Date(START + 30 * 86_400_000));

  it('meets every learning outcome and passes the final test', () => {
    expect(view.outcomes.map((o) => [o.number, o.met, o.missing])).toEqual(course.outcomes.map((o) => [o.number, true, []]));
    expect(view.finalTest.status).toBe('passed');
    expect(Object.values(view.items).every((i) => i.done)).toBe(true);
  });

  it('earns the study time, and the gate opens', () => {
    expect(view.studyTime.creditedMinutes).toBeGreaterThanOrEqual(course.gateThresholdMinutes);
    expect(view.studyTime.line).toBe('studietijd gehaald');
    expect(view.gate).toEqual({ open: true, missing: [] });
  });
});

describe('what is missing, in plain Dutch', () => {
  it('names a missing reflection per outcome, and the gate stays closed', () => {
    const { statements } = walk({ skip: ['wm2-reflectie-zingeving'] });
    const view = summarizeProgress(fold(statements), course, new Date());
    const four = view.outcomes.find((o) => o.number === 4)!;
    expect(four.met).toBe(false);
    expect(four.missing).toContain('leeruitkomst 4: je reflectie over zingeving ontbreekt nog');
    expect(view.gate.open).toBe(false);
    expect(view.gate.missing).toContain('leeruitkomst 4: je reflectie over zingeving ontbreekt nog');
    expect(view.resumeItemId).toBe('wm2-reflectie-zingeving');
  });

  it('says how many minutes of study time are still needed when someone rushed through', () => {
    const { statements } = walk({ pace: 0.5 });
    const view = summarizeProgress(fold(statements), course, new Date());
    expect(view.outcomes.every((o) => o.met)).toBe(true);
    expect(view.gate.open).toBe(false);
    const missingMinutes = course.gateThresholdMinutes - view.studyTime.creditedMinutes;
    expect(missingMinutes).toBeGreaterThan(0);
    expect(view.gate.missing[0]).toMatch(/^nog \d+ minuten studietijd$/);
  });

  it('does not count a reflection shorter than the minimum words', () => {
    const registration = randomUUID();
    const item = course.workMoments[0]!.items.find((i) => i.kind === 'reflection')!;
    if (item.kind !== 'reflection') throw new Error('fixture');
    const prompt = item.prompts[0]!;
    const short = build.reflectionWritten({ course, participant, registration, itemId: item.id, promptId: prompt.id, text: longText(prompt.minWords - 1), activeIntervals: [[new Date(START - 60_000).toISOString(), new Date(START).toISOString()]] });
    const state = fold([stored({ statement: short, at: START })]);
    expect(state.reflectionAnswers[item.id] ?? []).not.toContain(prompt.id);
  });
});

describe('the fold', () => {
  it('is idempotent: every statement applied twice gives the same state', () => {
    const { statements } = walk();
    const once = fold(statements);
    const twice = statements.reduce((s, st) => applyStatement(applyStatement(s, st, course), st, course), emptyProgress());
    expect(twice).toEqual(once);
  });

  it('keeps a state whose size does not grow with the number of statements', () => {
    const { statements } = walk();
    const state = fold(statements);
    const rereads = walk({ registration: state.registration!, startMs: START + 86_400_000 }).statements;
    const after = fold(rereads, state);
    expect(JSON.stringify(after).length).toBeLessThan(JSON.stringify(state).length * 1.5);
  });

  it('ignores statements of another enrolment', () => {
    const mine = walk();
    const state = fold(mine.statements);
    const other = walk().statements;
    expect(fold(other, state)).toEqual(state);
  });

  it('never lets spinnenweb grades gate anything: all zeros count as filled in', () => {
    const registration = randomUUID();
    const spinnenweb = course.workMoments.flatMap((m) => m.items).find((i) => i.kind === 'spinnenweb')!;
    const zeros = Object.fromEntries(course.spinnenweb.dimensions.map((d) => [d.id, 0])) as build.SpinnenwebScores;
    const statement = build.spinnenwebFilledIn({ course, participant, registration, itemId: spinnenweb.id, scores: zeros });
    expect(fold([stored({ statement, at: START })]).completed).toContain(spinnenweb.id);
  });
});

describe('final test retries', () => {
  const rules = course.finalTest.retries;
  const failedAttempt = (registration: string, at: number): StatementJson[] => {
    const id = randomUUID();
    const common = { course, participant, registration, timestamp: new Date(at).toISOString() };
    return [
      stored({ statement: build.finalTestAttempted({ ...common, id }), at }),
      stored({ statement: build.finalTestSubmitted({ ...common, attemptStatementId: id, correctCount: 0 }), at: at + 1000 }),
    ];
  };

  it('waits between attempts and stops after the last one', () => {
    const registration = randomUUID();
    let state = fold(failedAttempt(registration, START));
    const justAfter = finalTestView(state, course, new Date(START + 2000));
    expect(justAfter).toMatchObject({ status: 'failed', canAttempt: false, lastScorePercent: 0 });
    expect(justAfter.message).toMatch(/^Je kunt de eindtoets opnieuw maken vanaf /);
    expect(finalTestView(state, course, new Date(START + 1000 + rules.waitMinutesBetweenAttempts * 60_000 + 1)).canAttempt).toBe(true);
    for (let i = 1; i < rules.maxAttempts; i++) state = fold(failedAttempt(registration, START + i * 86_400_000), state);
    const exhausted = finalTestView(state, course, new Date(START + 365 * 86_400_000));
    expect(exhausted).toMatchObject({ canAttempt: false, attempts: rules.maxAttempts, message: rules.exhaustedMessage });
  });
});
