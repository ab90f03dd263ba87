/**
 * Study time as the browser measures it (rules R1 and R2 in functions/core/progress/
 * study-time-rules.ts): time counts only while the page is visible AND the person interacted
 * within the idle timeout (pointer, keyboard, scroll, touch). Walking away costs at most the idle
 * timeout: the interval ends where the timeout ran out, not when it was noticed.
 *
 * Active intervals are collected per item on screen. The open interval is cut, and what was
 * collected is offered to the app (which sends it as an `experienced` statement), when the item
 * is left, when the page is hidden, and every FLUSH_PERIOD_MS. A statement made on the item in
 * between (a check answer, a reflection, the evaluation, the choice) takes what was collected
 * since with `take()`. Whatever was taken or sent is gone from here, so no interval is ever sent
 * twice. The collected intervals live in localStorage until they are sent, so a reload loses
 * nothing but the open interval's last moments: under a key of this tab's own (see
 * functions/web/tab-storage.ts), and a closed tab's unsent intervals are adopted by an open one.
 */
import { STUDY_TIME_RULES } from '../core/progress/study-time-rules.js';
import type { ActiveInterval } from '../core/xapi/profile/active-time.js';
import { isoAt, nowMs } from './clock.js';
import { tabSlot } from './tab-storage.js';

/** R1: no interaction for this long stops the clock (3 minutes). */
export const IDLE_TIMEOUT_MS = STUDY_TIME_RULES.idleTimeoutMs;
/** R2 asks for at least every 5 minutes; every minute keeps a closed tab's loss small. */
export const FLUSH_PERIOD_MS = 60_000;
/** How often the idle state is checked; the interval's end does not depend on it. */
const IDLE_CHECK_MS = 15_000;
/** The server credits nothing older than this before a report is sent (R4), nor reports with more intervals (R6). */
const KEEP_BACK_MS = STUDY_TIME_RULES.maxLookBackMs;
const MAX_INTERVALS = STUDY_TIME_RULES.maxIntervalsPerReport;

type Span = [number, number];

/**
 * Receives an item's collected intervals when they are offered (see the file comment). Returns
 * true when it took them (sent or dropped); false to keep them.
 */
export type IntervalSink = (itemId: string, intervals: ActiveInterval[]) => boolean;

export interface ActivityTracker {
  /** The item now on screen (undefined: no item, e.g. the overview). */
  setItem(itemId: string | undefined): void;
  /** Takes (and forgets) the item's collected intervals up to now, for a statement being built. */
  take(itemId: string): ActiveInterval[];
  /** Cuts the open interval and offers everything collected to the sink. */
  flush(): void;
  stop(): void;
}

export function createActivityTracker(options: { storageKey: string; sink: IntervalSink; doc?: Document }): ActivityTracker {
  const doc = options.doc ?? document;
  const { storageKey, sink } = options;
  let itemId: string | undefined;
  let openSince: number | undefined;
  let lastInteraction = Number.NEGATIVE_INFINITY;
  const slot = tabSlot<Record<string, Span[]>>(storageKey);
  const collected: Record<string, Span[]> = slot.load() ?? {};

  const visible = () => doc.visibilityState === 'visible';
  const save = () => slot.save(Object.keys(collected).length > 0 ? collected : undefined);
  /** Takes over what closed tabs collected; it is offered with the next flush. */
  const adopt = () =>
    slot.watchOrphans((orphan) => {
      for (const [id, spans] of Object.entries(orphan)) {
        const merged = [...(collected[id] ?? []), ...spans];
        collected[id] = merged.sort((a, b) => a[0] - b[0]);
      }
      save();
    });

  /** Ends the open interval at `at` (or where the idle timeout ran out); reopens it if still active. */
  const cut = (at: number) => {
    if (openSince === undefined || itemId === undefined) return;
    const end = Math.min(at, lastInteraction + IDLE_TIMEOUT_MS);
    if (end > openSince) (collected[itemId] ??= []).push([openSince, end]);
    openSince = end === at && visible() ? at : undefined;
    save();
  };

  const open = (at: number) => {
    if (openSince === undefined && itemId !== undefined && visible() && at - lastInteraction < IDLE_TIMEOUT_MS) openSince = at;
  };

  const offer = () => {
    const cutoff = nowMs() - KEEP_BACK_MS;
    for (const [id, spans] of Object.entries(collected)) {
      const recent = spans.filter(([, end]) => end > cutoff).slice(-MAX_INTERVALS);
      if (recent.length === 0 || sink(id, recent.map(toIso))) delete collected[id];
      else collected[id] = recent;
    }
    save();
  };

  const flush = () => {
    cut(nowMs());
    offer();
  };

  const interaction = () => {
    const at = nowMs();
    // Coming back after the idle timeout: what was open ended where the timeout ran out.
    if (openSince !== undefined && at - lastInteraction >= IDLE_TIMEOUT_MS) cut(at);
    lastInteraction = at;
    open(at);
  };

  const visibility = () => {
    if (visible()) {
      open(nowMs());
    } else {
      flush();
      openSince = undefined;
    }
  };

  const idleCheck = () => {
    if (openSince !== undefined && nowMs() - lastInteraction >= IDLE_TIMEOUT_MS) cut(nowMs());
  };

  const events = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll', 'input'] as const;
  for (const type of events) doc.addEventListener(type, interaction, { passive: true, capture: true });
  doc.addEventListener('visibilitychange', visibility);
  globalThis.addEventListener?.('pagehide', flush);
  const idleTimer = setInterval(idleCheck, IDLE_CHECK_MS);
  const flushTimer = setInterval(() => {
    flush();
    adopt();
  }, FLUSH_PERIOD_MS);
  adopt();

  return {
    setItem(next) {
      if (next === itemId) return;
      flush();
      openSince = undefined;
      itemId = next;
      open(nowMs());
    },
    take(id) {
      if (id === itemId) cut(nowMs());
      const cutoff = nowMs() - KEEP_BACK_MS;
      const spans = (collected[id] ?? []).filter(([, end]) => end > cutoff).slice(-MAX_INTERVALS);
      delete collected[id];
      save();
      return spans.map(toIso);
    },
    flush,
    stop() {
      flush();
      for (const type of events) doc.removeEventListener(type, interaction, { capture: true });
      doc.removeEventListener('visibilitychange', visibility);
      globalThis.removeEventListener?.('pagehide', flush);
      clearInterval(idleTimer);
      clearInterval(flushTimer);
    },
  };
}

function toIso([start, end]: Span): ActiveInterval {
  return [isoAt(start), isoAt(end)];
}

/**
 * Splits active time into `parts` consecutive shares of (nearly) equal length, so a submission
 * made of several statements (one per reflection prompt) reports every moment exactly once.
 * Every share is non-empty when there is at least `parts` milliseconds of time.
 */
export function splitIntervals(intervals: readonly ActiveInterval[], parts: number): ActiveInterval[][] {
  const spans = intervals.map(([s, e]): Span => [Date.parse(s), Date.parse(e)]).sort((a, b) => a[0] - b[0]);
  const total = spans.reduce((sum, [s, e]) => sum + (e - s), 0);
  /** Where share k ends, in milliseconds of active time from the start. */
  const boundaries = Array.from({ length: parts - 1 }, (_, k) => Math.round((total * (k + 1)) / parts));
  const shares: Span[][] = Array.from({ length: parts }, () => []);
  let share = 0;
  let done = 0;
  for (const [start, end] of spans) {
    let cursor = start;
    while (cursor < end) {
      const room = share < parts - 1 ? boundaries[share]! - done : Infinity;
      if (room <= 0) {
        share += 1;
        continue;
      }
      const take = Math.min(end - cursor, room);
      shares[share]!.push([cursor, cursor + take]);
      cursor += take;
      done += take;
    }
  }
  return shares.map((list) => list.map(toIso));
}
