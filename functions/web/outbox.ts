/**
 * The statement outbox: every learning event goes into localStorage first and is sent from there,
 * so nothing is lost offline, on a flaky train connection or when the tab is closed.
 *
 * - Statement ids are fixed when a statement is built, so sending one again after a lost answer
 *   is a no-op on the server (same id, same content).
 * - Sent in order, one request at a time, a few statements per request.
 * - Network errors, 5xx, 404, 408 and 429: retried with exponential backoff (1 s up to a minute, with
 *   jitter), and at once when the browser says it is online again.
 * - 200: the statements are removed.
 * - 400, 403, 409 and the other 4xx: the statement itself is wrong, a bug; retrying cannot help. A
 *   batch is then resent one by one to find the culprit, which is dropped, logged to the console
 *   and reported to the person as a small notice.
 * - 401: the session is over; sending pauses until the person has signed in again.
 *
 * The queue lives in this tab's memory and is mirrored in localStorage under a key of this tab's
 * own (functions/web/tab-storage.ts): two tabs writing one shared queue could overwrite each
 * other's statements. What a closed or reloaded tab left unsent is adopted by an open tab and
 * sent from there.
 */
import type { Statement } from '../core/xapi/statement-schema.js';
import { NetworkError, type RawResponse } from './api.js';
import { tabSlot } from './tab-storage.js';

export interface OutboxStatus {
  /** Statements waiting to be sent. */
  pending: number;
  /** The last attempt failed for a reason that retrying may fix (offline, server trouble). */
  failing: boolean;
  /** Statements dropped because the server refused them (a bug), since the page loaded. */
  dropped: number;
}

export interface Outbox {
  add(statements: Statement[]): void;
  status(): OutboxStatus;
  /** Whether this statement is still waiting to be sent. */
  isPending(statementId: string): boolean;
  subscribe(listener: (status: OutboxStatus) => void): () => void;
  /** Try now (e.g. after sign-in or when the browser is online again). */
  kick(): void;
  /** Resolves when nothing is pending (or sending fails); for "wait until saved" moments. */
  drained(): Promise<void>;
  stop(): void;
}

const MAX_BATCH = 10;
/** Worth retrying: a timeout, too many requests, or no such route (yet: a deployment in progress). */
const RETRYABLE = new Set([404, 408, 429]);
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;
/** How often an open tab looks for tabs opened since, whose statements it adopts when they close. */
const ADOPT_PERIOD_MS = 60_000;

export function createOutbox(options: { storageKey: string; post: (statements: Statement[]) => Promise<RawResponse> }): Outbox {
  const { storageKey, post } = options;
  const listeners = new Set<(status: OutboxStatus) => void>();
  let sending = false;
  let failing = false;
  let paused = false;
  let stopped = false;
  let failures = 0;
  let dropped = 0;
  /** After a refused batch: how many statements to send one at a time to find the bad one. */
  let oneByOne = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let waiters: Array<() => void> = [];

  const slot = tabSlot<Statement[]>(storageKey);
  // An earlier outbox in this very tab (signed out and in again) may have left statements here.
  let queue: Statement[] = slot.load() ?? [];
  const read = (): Statement[] => queue;
  const write = (next: Statement[]) => {
    queue = next;
    slot.save(next.length > 0 ? next : undefined);
  };
  /** Appends what is not queued yet (statement ids are fixed, so the id says). */
  const append = (statements: readonly Statement[]) => {
    const known = new Set(queue.map((s) => s.id));
    const fresh: Statement[] = [];
    for (const statement of statements) {
      if (known.has(statement.id)) continue;
      known.add(statement.id);
      fresh.push(statement);
    }
    if (fresh.length > 0) write([...queue, ...fresh]);
  };
  const status = (): OutboxStatus => ({ pending: read().length, failing, dropped });
  const emit = () => {
    const current = status();
    for (const listener of listeners) listener(current);
    if (current.pending === 0 || current.failing) {
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
    }
  };
  const removeSent = (ids: Set<string | undefined>) => write(read().filter((s) => !ids.has(s.id)));

  const scheduleRetry = () => {
    failures += 1;
    failing = true;
    const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void pump(), base * (0.75 + Math.random() * 0.5));
  };

  async function pump(): Promise<void> {
    if (sending || paused || stopped) return;
    sending = true;
    clearTimeout(retryTimer);
    try {
      for (;;) {
        const queue = read();
        if (queue.length === 0) {
          failing = false;
          failures = 0;
          break;
        }
        const batch = queue.slice(0, oneByOne > 0 ? 1 : MAX_BATCH);
        let response: RawResponse;
        try {
          response = await post(batch);
        } catch (error) {
          if (!(error instanceof NetworkError)) throw error;
          scheduleRetry();
          break;
        }
        if (stopped) break;
        if (response.status >= 200 && response.status < 300) {
          removeSent(new Set(batch.map((s) => s.id)));
          failing = false;
          failures = 0;
          if (oneByOne > 0) oneByOne -= 1;
          emit();
          continue;
        }
        if (response.status === 401) {
          // The app shows sign-in; the statements wait for the same person to come back.
          paused = true;
          failing = false;
          break;
        }
        if (response.status >= 500 || RETRYABLE.has(response.status)) {
          scheduleRetry();
          break;
        }
        if (batch.length > 1) {
          oneByOne = batch.length;
          continue;
        }
        const bad = batch[0]!;
        console.error(`Statement ${bad.id} was refused by the server (HTTP ${response.status}) and is dropped. This is a bug.`, response.body, bad);
        removeSent(new Set([bad.id]));
        dropped += 1;
        if (oneByOne > 0) oneByOne -= 1;
        emit();
      }
    } finally {
      sending = false;
      emit();
    }
  }

  const online = () => {
    failures = 0;
    void pump();
  };
  globalThis.addEventListener?.('online', online);

  // Kept even when signed out meanwhile: the mirror holds them for this person's next sign-in.
  const adopt = () =>
    slot.watchOrphans((statements) => {
      append(statements);
      emit();
      void pump();
    });
  adopt();
  if (queue.length > 0) void pump();
  const adoptTimer = setInterval(adopt, ADOPT_PERIOD_MS);

  return {
    add(statements) {
      if (statements.length === 0) return;
      append(statements);
      emit();
      void pump();
    },
    status,
    isPending: (statementId) => read().some((s) => s.id === statementId),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    kick() {
      paused = false;
      void pump();
    },
    drained() {
      const current = status();
      if (current.pending === 0 || current.failing) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(adoptTimer);
      globalThis.removeEventListener?.('online', online);
    },
  };
}
