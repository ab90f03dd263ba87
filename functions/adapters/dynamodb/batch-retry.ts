/**
 * Retry helpers for DynamoDB's batch calls, which succeed while handing back what they did not get
 * to (UnprocessedItems, UnprocessedKeys) and leave it to the caller to try again.
 */
import { ThrottledError } from '../../core/errors.js';

/** Rounds in a row without progress before a batch call gives up. */
const MAX_IDLE_ROUNDS = 8;
const BACKOFF_BASE_MS = 25;
const BACKOFF_CAP_MS = 2_000;

export const BUSY_MESSAGE = 'The statement store is busy. Try again in a moment.';

/**
 * Sends `pending` until DynamoDB has processed all of it, backing off with jitter. Gives up after
 * MAX_IDLE_ROUNDS rounds in a row that made no progress: the table is then throttled, not merely
 * busy. Rounds that make progress do not count, as BatchGetItem also hands back keys when a
 * response reaches 16 MB.
 */
export async function drain<T>(pending: T[], operation: string, round: (batch: T[]) => Promise<T[]>): Promise<void> {
  let idleRounds = 0;
  while (pending.length > 0) {
    const left = await round(pending);
    if (left.length === 0) return;
    idleRounds = left.length < pending.length ? 0 : idleRounds + 1;
    if (idleRounds >= MAX_IDLE_ROUNDS) {
      throw new ThrottledError(BUSY_MESSAGE, {
        cause: new Error(`DynamoDB ${operation} left ${left.length} requests unprocessed after ${MAX_IDLE_ROUNDS} rounds.`),
      });
    }
    await backoff(idleRounds);
    pending = left;
  }
}

/** Exponential backoff with full jitter, so writers retrying together do not collide again. */
export function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

/** Runs `work` on every item, at most `concurrency` at a time. */
export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
