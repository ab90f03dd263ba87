/** Retry timing of forwarding: exponential backoff, capped, and when to give up. */

export interface RetrySettings {
  /** Attempts (sends) before a delivery goes to the dead letters. */
  maxAttempts: number;
  /** Delay after the first failed attempt; doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a worker's claim on a delivery holds (longer than one send with its timeout). */
  leaseMs: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = { maxAttempts: 8, baseDelayMs: 2_000, maxDelayMs: 5 * 60_000, leaseMs: 60_000 };

/** The delay before attempt `failedAttempts + 1`: base · 2^(failedAttempts − 1), at most maxDelayMs. */
export function backoffDelayMs(failedAttempts: number, settings: Pick<RetrySettings, 'baseDelayMs' | 'maxDelayMs'>): number {
  const exponent = Math.max(0, failedAttempts - 1);
  // 2^exponent overflows to Infinity long after the cap applies; Math.min handles it.
  return Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** exponent);
}
