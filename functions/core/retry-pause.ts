/**
 * A short, jittered pause before an optimistic write tries again after losing a race: the jitter
 * keeps writers that collided from colliding again in lockstep, and the pause grows with each
 * attempt (up to 10 · 2^attempt ms).
 */
export function retryPause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
}
