/**
 * What a participant (and later their coach) sees of a progress state: items done, each learning
 * outcome with what is still missing in plain Dutch, the final test, study time, and the gate.
 *
 * The gate (DESIGN.md): the contact moment unlocks when credited study time reaches the course's
 * threshold, every outcome due before the contact moment has its evidence, and the final test is
 * passed. Outcomes due only before completion (e.g. the follow-up choice) do not hold the gate.
 */
import { allItems, itemById } from '../course/load.js';
import type { Course, Item, Outcome } from '../course/schema.js';
import type { ProgressState, TestResult } from './progress.js';
import { creditedMinutes, studyTimeSummary } from './study-time.js';

export interface OutcomeView {
  number: number;
  title: string;
  met: boolean;
  /** Dutch, one line per missing piece of evidence. */
  missing: string[];
}

export interface FinalTestView {
  status: 'not-started' | 'passed' | 'failed';
  attempts: number;
  lastScorePercent?: number;
  canAttempt: boolean;
  nextAttemptAt?: string;
  /** Dutch, when no attempt is possible now. */
  message?: string;
}

export interface ProgressView {
  registration: string | null;
  studyTime: { creditedMinutes: number; thresholdMinutes: number; line: string; perItem: Record<string, number> };
  items: Record<string, { done: boolean }>;
  outcomes: OutcomeView[];
  finalTest: FinalTestView;
  gate: { open: boolean; missing: string[] };
  resumeItemId?: string;
}

export function isItemDone(state: ProgressState, item: Item): boolean {
  switch (item.kind) {
    case 'page':
      return state.pagesSeen.includes(item.id);
    case 'check':
      return item.questions.every((q) => state.checkAnswers[item.id]?.includes(q.id));
    case 'reflection':
      return item.prompts.every((p) => state.reflectionAnswers[item.id]?.includes(p.id));
    case 'spinnenweb':
    case 'assignment':
    case 'evaluation':
    case 'package':
      return state.completed.includes(item.id);
    case 'choice':
      return state.followUpChoice !== null;
    case 'test':
      return state.finalTest.results.some((r) => r.passed);
  }
}

export function outcomeView(state: ProgressState, course: Course, outcome: Outcome): OutcomeView {
  const missing = outcome.evidence
    .filter((evidence) => {
      const item = itemById(course, evidence.itemId);
      return !item || !isItemDone(state, item);
    })
    .map((evidence) => `leeruitkomst ${outcome.number}: ${evidence.label} ontbreekt nog`);
  return { number: outcome.number, title: outcome.title, met: missing.length === 0, missing };
}

export function finalTestView(state: ProgressState, course: Course, now: Date): FinalTestView {
  const { results } = state.finalTest;
  const rules = course.finalTest.retries;
  const last: TestResult | undefined = results.at(-1);
  const passed = results.some((r) => r.passed);
  const base = {
    status: passed ? ('passed' as const) : last ? ('failed' as const) : ('not-started' as const),
    attempts: results.length,
    ...(last ? { lastScorePercent: last.scorePercent } : {}),
  };
  if (passed) return { ...base, canAttempt: false, message: 'Je hebt de eindtoets gehaald.' };
  if (results.length >= rules.maxAttempts) return { ...base, canAttempt: false, message: rules.exhaustedMessage };
  if (last) {
    const next = new Date(Date.parse(last.at) + rules.waitMinutesBetweenAttempts * 60_000);
    if (next > now) {
      return { ...base, canAttempt: false, nextAttemptAt: next.toISOString(), message: `Je kunt de eindtoets opnieuw maken vanaf ${formatDutchTime(next)}.` };
    }
  }
  return { ...base, canAttempt: true };
}

export function summarizeProgress(state: ProgressState, course: Course, now: Date): ProgressView {
  const time = studyTimeSummary(state.studyTime, course);
  const outcomes = course.outcomes.map((outcome) => outcomeView(state, course, outcome));
  const finalTest = finalTestView(state, course, now);
  const gateMissing = [
    ...(time.reached ? [] : [time.message]),
    ...course.outcomes
      .filter((o) => o.evidenceDue === 'before-contact')
      .flatMap((o) => outcomes.find((v) => v.number === o.number)!.missing),
    ...(finalTest.status === 'passed' ? [] : ['de eindtoets is nog niet gehaald']),
  ];
  const items = Object.fromEntries(allItems(course).map((item) => [item.id, { done: isItemDone(state, item) }]));
  const resumeItemId = resumeItem(state, course);
  return {
    registration: state.registration,
    studyTime: { creditedMinutes: time.creditedMinutes, thresholdMinutes: time.thresholdMinutes, line: time.message, perItem: creditedMinutes(state.studyTime, course).perItem },
    items,
    outcomes,
    finalTest,
    gate: { open: gateMissing.length === 0, missing: gateMissing },
    ...(resumeItemId ? { resumeItemId } : {}),
  };
}

/** The first item not done from where the participant last worked, else the first not done. */
function resumeItem(state: ProgressState, course: Course): string | undefined {
  const items = allItems(course);
  const from = state.lastItem ? Math.max(0, items.findIndex((i) => i.id === state.lastItem!.itemId)) : 0;
  const open = (i: Item) => !isItemDone(state, i);
  return (items.slice(from).find(open) ?? items.find(open))?.id;
}

function formatDutchTime(date: Date): string {
  return date.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
}
