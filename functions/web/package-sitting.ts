/**
 * Reporting one sitting of a package to the server: PUT /api/me/packages/{itemId}/sittings/{id}
 * with each event (initialize, commit, terminate) and the run-time data at that moment.
 *
 * Events go one at a time, in order, because the server keeps them in order (after "terminate" a
 * sitting takes nothing more). A request that could not reach the server, or that the server
 * could not handle (5xx, 429), is retried a few times with growing pauses; the PUT is idempotent,
 * so a retry never counts twice. If it still fails, the sitting waits with that event at the head
 * of the queue, so nothing is lost or reordered: the next event, `retry()` or the browser coming
 * back online tries again. Every event carries the whole run-time data, so a commit that is
 * still waiting when a newer one arrives is replaced by the newer one.
 *
 * When the page goes away (pagehide) there is no time to wait: `terminateNow` sends the
 * terminate at once with fetch keepalive, so the browser delivers it after the page is gone.
 */
import { api, NetworkError, type RawResponse } from './api.js';
import type { PackageRecord, Runtime, SittingEvent } from './package-types.js';

export interface SittingCallbacks {
  /** The server's record after an event it took. */
  onRecord(record: PackageRecord, event: SittingEvent): void;
  /** Something went wrong: `retrying` tells whether the event is still waiting to be sent. */
  onFailure(failure: { status: number | undefined; body: unknown; retrying: boolean }): void;
  /** Every waiting event has been sent (after a failure: the sitting is in order again). */
  onSettled(): void;
}

export interface SittingReporter {
  readonly sittingId: string;
  send(event: SittingEvent, runtime: Runtime): void;
  /** Terminate at once, for a page that is going away (fetch keepalive; no retries possible). */
  terminateNow(runtime: Runtime): void;
  /** Try the waiting event again now. */
  retry(): void;
  /** Whether a terminate has been sent or queued. */
  terminated(): boolean;
  /** Stops listening to the browser's online event; queued events are still sent. */
  dispose(): void;
}

type Put = (body: { event: SittingEvent; runtime: Runtime }, keepalive: boolean) => Promise<RawResponse>;

export interface SittingOptions {
  itemId: string;
  sittingId: string;
  callbacks: SittingCallbacks;
  /** Pauses before each retry; their number is the number of retries. */
  retryDelaysMs?: readonly number[];
  /** The request (tests replace it). */
  put?: Put;
}

const RETRY_DELAYS_MS = [1_000, 3_000, 8_000];

interface Pending {
  event: SittingEvent;
  runtime: Runtime;
}

/** Worth trying again: the server was not reached, or it failed for now. */
function transient(response: RawResponse | undefined): boolean {
  return response === undefined || response.status >= 500 || response.status === 429 || response.status === 408;
}

function recordOf(body: unknown): PackageRecord | undefined {
  const record = typeof body === 'object' && body !== null ? (body as { record?: unknown }).record : undefined;
  return typeof record === 'object' && record !== null ? (record as PackageRecord) : undefined;
}

export function createSittingReporter(options: SittingOptions): SittingReporter {
  const { itemId, sittingId, callbacks } = options;
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const put: Put = options.put ?? ((body, keepalive) => api.putSitting(itemId, sittingId, body, keepalive));
  const queue: Pending[] = [];
  let sending = false;
  let stalled = false;
  let ended = false;
  let wakeUp: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      // retry() and coming back online cut a pause short.
      wakeUp = done;
    });

  const attempt = async (item: Pending, keepalive = false): Promise<RawResponse | undefined> => {
    try {
      return await put({ event: item.event, runtime: item.runtime }, keepalive);
    } catch (error) {
      if (error instanceof NetworkError) return undefined;
      throw error;
    }
  };

  const drain = async () => {
    if (sending) return;
    sending = true;
    stalled = false;
    try {
      while (queue.length > 0) {
        const item = queue[0]!;
        let response = await attempt(item);
        for (let retry = 0; transient(response) && retry < delays.length; retry++) {
          callbacks.onFailure({ status: response?.status, body: response?.body, retrying: true });
          await pause(delays[retry]!);
          response = await attempt(queue[0] ?? item);
        }
        if (transient(response)) {
          // Keep the event at the head; the next event, retry() or 'online' tries again.
          stalled = true;
          callbacks.onFailure({ status: response?.status, body: response?.body, retrying: false });
          return;
        }
        queue.shift();
        const ok = response!.status >= 200 && response!.status < 300;
        const record = ok ? recordOf(response!.body) : undefined;
        if (record) callbacks.onRecord(record, item.event);
        // 409 after our own terminate (a keepalive terminate got there first) is expected.
        else if (!ok && !(response!.status === 409 && ended)) callbacks.onFailure({ status: response!.status, body: response!.body, retrying: false });
      }
      callbacks.onSettled();
    } finally {
      sending = false;
    }
  };

  const kick = () => {
    if (wakeUp) wakeUp();
    else void drain();
  };

  const online = () => {
    if (stalled) kick();
  };
  globalThis.addEventListener?.('online', online);

  return {
    sittingId,
    send(event, runtime) {
      if (ended) return;
      if (event === 'terminate') ended = true;
      const last = queue[queue.length - 1];
      // A waiting commit is replaced by a newer one (not the head while it is being sent).
      if (event === 'commit' && last?.event === 'commit' && !(sending && queue.length === 1)) queue[queue.length - 1] = { event, runtime };
      else queue.push({ event, runtime });
      kick();
    },
    terminateNow(runtime) {
      if (ended) return;
      ended = true;
      // What is still waiting is older than this; the terminate carries everything.
      const waiting = queue.splice(sending ? 1 : 0).filter((item) => item.event === 'initialize');
      // keepalive takes at most 64 KB of body; a bigger one is refused at once, and then a plain
      // request is the best chance left.
      const sendNow = (item: Pending) => void attempt(item, true).then((response) => (response === undefined ? attempt(item) : response));
      for (const item of waiting) sendNow(item);
      sendNow({ event: 'terminate', runtime });
    },
    retry: kick,
    terminated: () => ended,
    dispose() {
      globalThis.removeEventListener?.('online', online);
    },
  };
}
