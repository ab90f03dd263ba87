/**
 * Sets of time as sorted lists of half-open intervals [start, end) in epoch milliseconds.
 *
 * An `IntervalSet` is normalized: sorted by start, every interval non-empty, no two overlapping
 * or touching. Every function here takes and returns normalized sets (except `normalize`, which
 * makes one) and runs in time linear in its inputs, so the cost of study-time crediting depends
 * only on the sizes the rules bound, never on history.
 */

/** A half-open span of time [start, end) in epoch milliseconds. */
export type Interval = readonly [start: number, end: number];
/** Sorted, disjoint, non-touching, non-empty intervals. */
export type IntervalSet = readonly Interval[];

/** Sorts, drops empty or inverted intervals and merges overlapping or touching ones. */
export function normalize(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** Total length in milliseconds. */
export function measure(set: IntervalSet): number {
  let total = 0;
  for (const [start, end] of set) total += end - start;
  return total;
}

/** The part of the set within [from, to]. */
export function clip(set: IntervalSet, from: number, to: number): Interval[] {
  const out: Interval[] = [];
  for (const [start, end] of set) {
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (e > s) out.push([s, e]);
  }
  return out;
}

/** Everything in either set. */
export function union(a: IntervalSet, b: IntervalSet): Interval[] {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]![0] <= b[j]![0]) ? a[i++]! : b[j++]!;
    const last = out[out.length - 1];
    if (last && next[0] <= last[1]) last[1] = Math.max(last[1], next[1]);
    else out.push([next[0], next[1]]);
  }
  return out;
}

/** Everything in `a` that is not in `b`. */
export function subtract(a: IntervalSet, b: IntervalSet): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const [start, end] of a) {
    while (j < b.length && b[j]![1] <= start) j++;
    let cursor = start;
    for (let k = j; k < b.length && b[k]![0] < end && cursor < end; k++) {
      const [bStart, bEnd] = b[k]!;
      if (bStart > cursor) out.push([cursor, bStart]);
      cursor = Math.max(cursor, bEnd);
    }
    if (cursor < end) out.push([cursor, end]);
  }
  return out;
}

/** The earliest `amount` milliseconds of the set (all of it if it is shorter). */
export function takeFirst(set: IntervalSet, amount: number): Interval[] {
  const out: Interval[] = [];
  let left = amount;
  for (const [start, end] of set) {
    if (left <= 0) break;
    const e = Math.min(end, start + left);
    out.push([start, e]);
    left -= e - start;
  }
  return out;
}

/**
 * At most `maxCount` intervals, by filling the smallest gaps (the earliest first among equal
 * gaps). The result covers the input and more: use it only where covering more is the safe side.
 */
export function fillSmallestGaps(set: IntervalSet, maxCount: number): Interval[] {
  if (set.length <= maxCount) return [...set];
  const gaps = set.slice(1).map((interval, i) => ({ after: i, size: interval[0] - set[i]![1] }));
  gaps.sort((x, y) => x.size - y.size || x.after - y.after);
  const filled = new Set(gaps.slice(0, set.length - Math.max(1, maxCount)).map((gap) => gap.after));
  const out: [number, number][] = [];
  set.forEach(([start, end], i) => {
    const last = out[out.length - 1];
    if (last && filled.has(i - 1)) last[1] = end;
    else out.push([start, end]);
  });
  return out;
}
