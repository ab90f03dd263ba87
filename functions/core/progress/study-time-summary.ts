/**
 * Reading study time: minutes per item and in total, and the participant's line for the gate
 * ("nog 47 minuten studietijd" / "studietijd gehaald"). See study-time-rules.ts.
 */
import type { Course } from '../course/schema.js';
import { allItems } from '../course/load.js';
import { itemCapMs } from './study-time-rules.js';
import type { StudyTimeState } from './study-time-state.js';

const MINUTE = 60_000;

export interface CreditedMinutes {
  /** All credited minutes (exact, not rounded). Time shared by two items counts once (R8). */
  readonly total: number;
  /** Credited minutes for every item of the course, in course order (0 when none). */
  readonly perItem: Record<string, number>;
}

/**
 * Credited minutes per item and in total, for the course as it is now: each item within its cap
 * (R9, applied again here so a state built under older nominal minutes cannot exceed today's),
 * assignments at their nominal minutes once reported (R10). Items no longer in the course count
 * nothing. The total is the sum of the items: time shared between items was credited to one of
 * them only (R8).
 */
export function creditedMinutes(state: StudyTimeState, course: Course): CreditedMinutes {
  return toMinutes(creditedMsPerItem(state, course));
}

export interface StudyTimeSummary {
  /** Credited study time needed before the contact moment (the course's gateThresholdMinutes). */
  readonly thresholdMinutes: number;
  /** Credited study time in whole minutes, rounded down. */
  readonly creditedMinutes: number;
  /** Minutes still to go, rounded up; 0 once the threshold is reached. */
  readonly remainingMinutes: number;
  readonly reached: boolean;
  /** Plain Dutch for the participant: "nog 47 minuten studietijd" or "studietijd gehaald". */
  readonly message: string;
}

/** Where the enrolment stands against the gate's study-time threshold. */
export function studyTimeSummary(state: StudyTimeState, course: Course): StudyTimeSummary {
  const totalMs = sum(Object.values(creditedMsPerItem(state, course)));
  const thresholdMs = course.gateThresholdMinutes * MINUTE;
  const reached = totalMs >= thresholdMs;
  const remainingMinutes = reached ? 0 : Math.ceil((thresholdMs - totalMs) / MINUTE);
  return {
    thresholdMinutes: course.gateThresholdMinutes,
    creditedMinutes: Math.floor(totalMs / MINUTE),
    remainingMinutes,
    reached,
    message: reached ? 'studietijd gehaald' : `nog ${remainingMinutes} ${remainingMinutes === 1 ? 'minuut' : 'minuten'} studietijd`,
  };
}

/** Integer milliseconds per item, so totals are exact; minutes only at the end. */
function creditedMsPerItem(state: StudyTimeState, course: Course): Record<string, number> {
  const perItem: Record<string, number> = {};
  for (const item of allItems(course)) {
    if (item.kind === 'assignment') {
      perItem[item.id] = Object.hasOwn(state.assignments, item.id) ? item.nominalMinutes * MINUTE : 0;
    } else {
      perItem[item.id] = Math.min(Object.hasOwn(state.creditedMs, item.id) ? state.creditedMs[item.id]! : 0, itemCapMs(item));
    }
  }
  return perItem;
}

function toMinutes(perItemMs: Record<string, number>): CreditedMinutes {
  const perItem: Record<string, number> = {};
  for (const [id, ms] of Object.entries(perItemMs)) perItem[id] = ms / MINUTE;
  return { total: sum(Object.values(perItemMs)) / MINUTE, perItem };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
