/**
 * Active time as the browser measures it: [start, end] pairs of ISO 8601 timestamps, carried in
 * the active-intervals context extension, and result.duration as the length of their union.
 * Crediting study time (caps, overlap between statements, server receive times) is not done here.
 */
import { ValidationError, type ErrorIssue } from '../../errors.js';
import { timestampToMs } from '../data-formats.js';

/** One stretch of active time: [startIso, endIso], end after start. */
export type ActiveInterval = readonly [start: string, end: string];

export interface ActiveTime {
  /** The intervals in UTC ISO form (`toISOString`), sorted by start. */
  intervals: [string, string][];
  /** Length of the union of the intervals, in milliseconds. */
  activeMs: number;
}

/** Validates and normalizes intervals; throws ValidationError naming each bad pair. */
export function activeTime(intervals: readonly ActiveInterval[], path = 'activeIntervals'): ActiveTime {
  const issues: ErrorIssue[] = [];
  if (intervals.length === 0) issues.push({ path, message: 'needs at least one [start, end] interval of active time' });
  const spans: [number, number][] = [];
  intervals.forEach((pair, index) => {
    const start = typeof pair?.[0] === 'string' ? timestampToMs(pair[0]) : undefined;
    const end = typeof pair?.[1] === 'string' ? timestampToMs(pair[1]) : undefined;
    if (!Array.isArray(pair) || pair.length !== 2 || start === undefined || end === undefined) {
      issues.push({ path: `${path}[${index}]`, message: 'must be a pair of ISO 8601 timestamps [start, end]' });
    } else if (end <= start) {
      issues.push({ path: `${path}[${index}]`, message: 'must end after it starts' });
    } else {
      spans.push([start, end]);
    }
  });
  if (issues.length > 0) throw new ValidationError(`${issues[0]!.path}: ${issues[0]!.message}`, { issues });
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    intervals: spans.map(([start, end]) => [new Date(start).toISOString(), new Date(end).toISOString()]),
    activeMs: unionLength(spans),
  };
}

/** Length of the union of sorted [start, end] spans: overlapping time counts once. */
function unionLength(sorted: readonly [number, number][]): number {
  let total = 0;
  let coveredUntil = -Infinity;
  for (const [start, end] of sorted) {
    if (end <= coveredUntil) continue;
    total += end - Math.max(start, coveredUntil);
    coveredUntil = end;
  }
  return total;
}

/**
 * An ISO 8601 duration for a number of milliseconds, in hundredths of a second (the precision an
 * LRS keeps, xAPI-Data 4.6): 0 -> "PT0S", 90_500 -> "PT1M30.5S", 5 h -> "PT5H".
 */
export function isoDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a duration must be a non-negative number of milliseconds, not ${ms}`);
  const hundredths = Math.round(ms / 10);
  const hours = Math.floor(hundredths / 360_000);
  const minutes = Math.floor((hundredths % 360_000) / 6_000);
  const secondHundredths = hundredths % 6_000;
  let out = 'PT';
  if (hours > 0) out += `${hours}H`;
  if (minutes > 0) out += `${minutes}M`;
  if (secondHundredths > 0 || out === 'PT') {
    const whole = Math.floor(secondHundredths / 100);
    const fraction = secondHundredths % 100;
    out += fraction === 0 ? `${whole}S` : `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}S`;
  }
  return out;
}
