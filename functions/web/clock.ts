/**
 * The web app's only access to the time. Everything that reads the clock goes through here, so
 * tests can drive it with playwright's clock API (which replaces Date and the timers).
 */
export function nowMs(): number {
  return Date.now();
}

export function nowIso(): string {
  return new Date(nowMs()).toISOString();
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
