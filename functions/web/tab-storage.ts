/**
 * localStorage that one tab owns. Tabs of one origin share localStorage, but a browser that runs
 * them in separate processes syncs it between them only after the fact: two tabs that each read,
 * change and write back one shared key can overwrite each other's change, and a statement or a
 * minute of study time is gone. So each tab keeps what must not be lost (the outbox, collected
 * study time) in memory and mirrors it under a key of its own. Nobody else writes that key.
 *
 * What a closed or reloaded tab left behind is adopted by a tab that is still open: it takes the
 * value over into its own memory and removes the orphan's key. Each tab holds a Web Lock of its
 * own (navigator.locks) while it lives; the browser releases it when the tab goes, and a tab that
 * waits for that lock is then handed the orphan at once. Where Web Locks are missing, keys not
 * saved for ORPHAN_AFTER_MS count as orphans.
 * Adopting a live tab's value by mistake can only make something be sent twice, which the server
 * treats as a no-op (statement ids) or credits once (overlapping study time); it never loses it.
 */
import { uuid } from './ids.js';
import { keysStartingWith, readJson, remove, writeJson } from './storage.js';

/** This page load's id: one per tab, new on every reload. */
export const TAB_ID = uuid();
/** Without Web Locks: a key nobody saved for this long belongs to a tab that is gone. */
export const ORPHAN_AFTER_MS = 10 * 60_000;
const LOCK_PREFIX = 'ipg.tab.';

interface Stored<T> {
  savedAt: number;
  value: T;
}

export interface TabSlot<T> {
  /** This tab's own value, as last saved (by this page, e.g. before a sign-out and in again). */
  load(): T | undefined;
  /** Mirrors this tab's value; undefined removes it. */
  save(value: T | undefined): void;
  /**
   * Hands each value another tab left behind to `adopt` (and removes its key) once that tab is
   * gone: a closed tab's at once, an open tab's when it closes. The key every tab used to share
   * (before values were kept per tab) is adopted at once. Call again to notice tabs opened since.
   */
  watchOrphans(adopt: (value: T) => void): void;
}

type LockManager = {
  request(name: string, callback: (lock: unknown) => Promise<unknown> | unknown): Promise<unknown>;
};

const locks = (): LockManager | undefined => (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;

// Held for as long as the page lives; the browser releases it when the tab closes or reloads.
locks()?.request(LOCK_PREFIX + TAB_ID, () => new Promise(() => undefined)).catch(() => undefined);

/**
 * `baseKey` is the key every tab used to share (e.g. `outbox.<user>`); this tab's own key is
 * `<baseKey>.tab.<TAB_ID>`.
 */
export function tabSlot<T>(baseKey: string): TabSlot<T> {
  const tabPrefix = `${baseKey}.tab.`;
  const ownKey = tabPrefix + TAB_ID;
  /** Tabs whose lock this slot waits for already. */
  const waiting = new Set<string>();

  const take = (key: string, adopt: (value: T) => void) => {
    const stored = readJson<Stored<T>>(key);
    remove(key);
    if (stored !== undefined) adopt(stored.value);
  };

  return {
    load: () => readJson<Stored<T>>(ownKey)?.value,
    save(value) {
      if (value === undefined) remove(ownKey);
      else writeJson(ownKey, { savedAt: Date.now(), value } satisfies Stored<T>);
    },
    watchOrphans(adopt) {
      const legacy = readJson<T>(baseKey);
      remove(baseKey);
      if (legacy !== undefined) adopt(legacy);
      const manager = locks();
      for (const key of keysStartingWith(tabPrefix)) {
        const tabId = key.slice(tabPrefix.length);
        if (tabId === TAB_ID || waiting.has(tabId)) continue;
        if (!manager) {
          const savedAt = readJson<Stored<T>>(key)?.savedAt ?? 0;
          if (Date.now() - savedAt > ORPHAN_AFTER_MS) take(key, adopt);
          continue;
        }
        // Granted once the tab that holds it is gone: at once for a closed tab.
        waiting.add(tabId);
        manager.request(LOCK_PREFIX + tabId, () => take(key, adopt)).catch(() => waiting.delete(tabId));
      }
    },
  };
}
