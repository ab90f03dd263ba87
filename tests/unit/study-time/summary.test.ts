/**
 * Reading study time: minutes per item, the total, and the participant's line for the gate.
 */
import { describe, expect, it } from 'vitest';
import { allItems } from '../../../functions/core/course/load.js';
import {
  creditedMinutes,
  emptyStudyTime,
  itemCapMs,
  studyTimeSummary,
  type StudyTimeState,
} from '../../../functions/core/progress/study-time.js';
import { applyAll, ASSIGNMENT, assignmentReport, browserReport, capMinutes, course, MINUTE, nominalMinutes, PAGE } from './fixtures.js';

const threshold = course.gateThresholdMinutes;

/** A state with the given credited active minutes per item (as a projection could hold). */
function withActive(minutesPerItem: Record<string, number>, assignments: string[] = []): StudyTimeState {
  const creditedMs = Object.fromEntries(Object.entries(minutesPerItem).map(([id, minutes]) => [id, Math.round(minutes * MINUTE)]));
  return {
    ...emptyStudyTime(),
    creditedMs,
    assignments: Object.fromEntries(assignments.map((id) => [id, { statementId: 's', receivedAt: 0 }])),
  };
}

/** Every non-assignment item at its cap, every assignment reported. */
function everythingDone(): StudyTimeState {
  const items = allItems(course);
  return withActive(
    Object.fromEntries(items.filter((i) => i.kind !== 'assignment').map((i) => [i.id, itemCapMs(i) / MINUTE])),
    items.filter((i) => i.kind === 'assignment').map((i) => i.id),
  );
}

describe('creditedMinutes', () => {
  it('lists every item of the course in course order, with 0 for items without credit', () => {
    const { total, perItem } = creditedMinutes(emptyStudyTime(), course);
    expect(total).toBe(0);
    expect(Object.keys(perItem)).toEqual(allItems(course).map((i) => i.id));
    expect(new Set(Object.values(perItem))).toEqual(new Set([0]));
  });

  it('adds active time and reported assignments', () => {
    const state = applyAll([browserReport({ sentAt: 5, intervals: [[0, 5]] }), assignmentReport()]);
    expect(creditedMinutes(state, course)).toMatchObject({
      total: 5 + nominalMinutes(ASSIGNMENT),
      perItem: { [PAGE]: 5, [ASSIGNMENT]: nominalMinutes(ASSIGNMENT) },
    });
  });

  it('applies today’s cap to a state built when an item had more nominal minutes, and ignores items no longer in the course', () => {
    const state = withActive({ [PAGE]: 60, 'removed-page': 30 });
    expect(creditedMinutes(state, course).total).toBe(capMinutes(PAGE));
    expect(creditedMinutes(state, course).perItem).not.toHaveProperty('removed-page');
  });

  it('credits at most the sum of the caps', () => {
    const caps = allItems(course).reduce((sum, i) => sum + (i.kind === 'assignment' ? i.nominalMinutes : itemCapMs(i) / MINUTE), 0);
    expect(creditedMinutes(everythingDone(), course).total).toBe(caps);
  });
});

describe('studyTimeSummary', () => {
  it('tells a new participant the whole threshold is still to go', () => {
    expect(studyTimeSummary(emptyStudyTime(), course)).toEqual({
      thresholdMinutes: threshold,
      creditedMinutes: 0,
      remainingMinutes: threshold,
      reached: false,
      message: `nog ${threshold} minuten studietijd`,
    });
  });

  it('says "nog 47 minuten studietijd" with 47 minutes to go', () => {
    expect(studyTimeSummary(withActive(spread(threshold - 47)), course).message).toBe('nog 47 minuten studietijd');
  });

  it('rounds what is credited down and what is missing up, so it never shows the threshold as reached too early', () => {
    const summary = studyTimeSummary(withActive(spread(threshold - 0.2)), course);
    expect(summary).toMatchObject({ creditedMinutes: threshold - 1, remainingMinutes: 1, reached: false, message: 'nog 1 minuut studietijd' });
  });

  it('says "studietijd gehaald" from the threshold on', () => {
    expect(studyTimeSummary(withActive(spread(threshold)), course)).toMatchObject({ reached: true, remainingMinutes: 0, message: 'studietijd gehaald' });
    expect(studyTimeSummary(everythingDone(), course)).toMatchObject({ reached: true, message: 'studietijd gehaald' });
  });
});

/** `minutes` of active time spread over the items in course order, each within its cap. */
function spread(minutes: number): Record<string, number> {
  const out: Record<string, number> = {};
  let left = minutes;
  for (const item of allItems(course)) {
    if (item.kind === 'assignment' || left <= 0) continue;
    const take = Math.min(left, itemCapMs(item) / MINUTE);
    out[item.id] = take;
    left -= take;
  }
  if (left > 0) throw new Error(`cannot spread ${minutes} minutes within the caps`);
  return out;
}
