/**
 * localStorage as JSON, never throwing: private browsing, a full quota or a disabled store must
 * not break the course; the app then works without what would have been kept on this device.
 */
const PREFIX = 'ipg.';

export function readJson<T>(key: string): T | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + key);
    return raw === null || raw === undefined ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

export function writeJson(key: string, value: unknown): boolean {
  try {
    globalThis.localStorage?.setItem(PREFIX + key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function remove(key: string): void {
  try {
    globalThis.localStorage?.removeItem(PREFIX + key);
  } catch {
    // Nothing to do: the value is gone or was never there.
  }
}
