/**
 * Interval-set arithmetic (functions/core/progress/intervals.ts) against a brute-force model: a
 * set of whole milliseconds on a small range.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clip,
  fillSmallestGaps,
  measure,
  normalize,
  subtract,
  takeFirst,
  union,
  type Interval,
  type IntervalSet,
} from '../../../functions/core/progress/intervals.js';

const RANGE = 60;
const interval = fc.tuple(fc.integer({ min: -5, max: RANGE }), fc.integer({ min: -5, max: RANGE })).map(([a, b]): Interval => [a, b]);
const set = fc.array(interval, { maxLength: 8 }).map(normalize);

/** The whole milliseconds covered by a set. */
function points(s: IntervalSet): Set<number> {
  const out = new Set<number>();
  for (const [start, end] of s) for (let t = start; t < end; t++) out.add(t);
  return out;
}

function isNormalized(s: IntervalSet): boolean {
  return s.every(([start, end], i) => end > start && (i === 0 || start > s[i - 1]![1]));
}

const sorted = (p: Set<number>) => [...p].sort((a, b) => a - b);

describe('interval sets', () => {
  it('normalize sorts, merges touching and overlapping intervals and drops empty ones', () => {
    expect(normalize([[5, 7], [1, 3], [3, 4], [6, 9], [10, 10], [12, 11]])).toEqual([[1, 4], [5, 9]]);
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 8 }), (raw) => {
        const n = normalize(raw);
        expect(isNormalized(n)).toBe(true);
        expect(sorted(points(n))).toEqual(sorted(points(raw.filter(([s, e]) => e > s))));
      }),
    );
  });

  it('union, subtract and clip agree with the model and stay normalized', () => {
    fc.assert(
      fc.property(set, set, fc.integer({ min: -5, max: RANGE }), fc.integer({ min: -5, max: RANGE }), (a, b, from, to) => {
        const pa = points(a);
        const pb = points(b);
        const u = union(a, b);
        const d = subtract(a, b);
        const c = clip(a, from, to);
        expect(isNormalized(u) && isNormalized(d) && isNormalized(c)).toBe(true);
        expect(sorted(points(u))).toEqual(sorted(new Set([...pa, ...pb])));
        expect(sorted(points(d))).toEqual([...pa].filter((t) => !pb.has(t)).sort((x, y) => x - y));
        expect(sorted(points(c))).toEqual([...pa].filter((t) => t >= from && t < to).sort((x, y) => x - y));
        expect(measure(a)).toBe(pa.size);
      }),
    );
  });

  it('takeFirst keeps the earliest amount of time', () => {
    expect(takeFirst([[0, 3], [5, 10]], 5)).toEqual([[0, 3], [5, 7]]);
    fc.assert(
      fc.property(set, fc.integer({ min: -3, max: 80 }), (a, amount) => {
        const first = takeFirst(a, amount);
        expect(sorted(points(first))).toEqual(sorted(points(a)).slice(0, Math.max(0, amount)));
      }),
    );
  });

  it('fillSmallestGaps returns at most maxCount intervals covering the input, filling only gaps', () => {
    expect(fillSmallestGaps([[0, 1], [5, 6], [7, 8], [20, 21]], 3)).toEqual([[0, 1], [5, 8], [20, 21]]);
    fc.assert(
      fc.property(set, fc.integer({ min: 1, max: 6 }), (a, max) => {
        const filled = fillSmallestGaps(a, max);
        expect(isNormalized(filled)).toBe(true);
        expect(filled.length).toBe(Math.min(a.length, max));
        const pf = points(filled);
        for (const t of points(a)) expect(pf.has(t)).toBe(true);
        if (a.length > 0) expect([filled[0]![0], filled[filled.length - 1]![1]]).toEqual([a[0]![0], a[a.length - 1]![1]]);
      }),
    );
  });
});
