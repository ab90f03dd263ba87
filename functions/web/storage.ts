/**
 * localStorage as JSON, never throwing: private browsing, a full quota or a disabled store must
 * not break the course; the app then works without what would have been kept on this device.
 */
const PREFIX = 'ipg.';

/** localStorage, or sessionStorage for what must live only as long as the tab. */
export type StorageArea = 'local' | 'session';

function storage(area: StorageArea): Storage | undefined {
  return area === 'session' ? globalThis.sessionStorage : globalThis.localStorage;
}

export function readJson<T>(key: string, area: StorageArea = 'local'): T | undefined {
  try {
    const raw = storage(area)?.getItem(PREFIX + key);
    return raw === null || raw === undefined ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

export function writeJson(key: string, value: unknown, area: StorageArea = 'local'): boolean {
  try {
    storage(area)?.setItem(PREFIX + key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function remove(key: string, area: StorageArea = 'local'): void {
  try {
    storage(area)?.removeItem(PREFIX + key);
  } catch {
    // Nothing to do: the value is gone or was never there.
  }
}

/** The keys (without the prefix) that start with `start`. */
export function keysStartingWith(start: string): string[] {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return [];
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(PREFIX + start)) keys.push(key.slice(PREFIX.length));
    }
    return keys;
  } catch {
    return [];
  }
}

/** Removes every key that holds this person's data on this device (after an erasure). */
export function removeEverythingOf(userId: string): void {
  for (const key of keysStartingWith('')) if (key.includes(userId)) remove(key);
}
