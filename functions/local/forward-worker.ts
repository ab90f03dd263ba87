/**
 * The local stand-in for the forwarder's SQS event source: drains the local forwarding queue
 * (functions/adapters/dynamodb/local-forward-queue.ts, persisted in the table) with the very same
 * domain operation the AWS forwarder runs (deliverForward). Each round takes the head message of
 * every group that is visible; groups run side by side, a group's messages one after the other.
 * A message to retry is hidden for its backoff delay, and its group waits, as in SQS FIFO.
 */
import { deliverForward } from '../core/forwarding/deliver.js';
import type { ForwardingDeps } from '../composition/forwarding.js';

export interface ForwardWorker {
  /** Resolves when the queue is empty (or rejects after timeoutMs). */
  drained(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function startForwardWorker(options: { resolveDeps: () => ForwardingDeps; intervalMs?: number; log?: (line: string) => void }): ForwardWorker {
  const intervalMs = options.intervalMs ?? 250;
  const log = options.log ?? ((line: string) => console.error(line));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function round(): Promise<boolean> {
    const deps = options.resolveDeps();
    const queue = deps.localQueue;
    if (!queue) return false;
    const heads = await queue.receiveHeads(deps.now());
    const deliver = deliverForward(deps);
    await Promise.all(
      heads.map(async ({ handle, message }) => {
        try {
          const decision = await deliver(message);
          if (decision.kind === 'done') await queue.delete(handle);
          else await queue.delay(handle, new Date(deps.now().getTime() + decision.delayMs));
        } catch (error) {
          log(`forwarding: ${message.statementId} to ${message.targetId} failed, trying again: ${error instanceof Error ? error.message : String(error)}`);
          await queue.delay(handle, new Date(deps.now().getTime() + deps.retry.baseDelayMs)).catch(() => undefined);
        }
      }),
    );
    return heads.length > 0;
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round()
        .catch((error: unknown) => {
          if (!stopped) log(`forwarding: polling the local queue failed, trying again: ${error instanceof Error ? error.message : String(error)}`);
          return false;
        })
        .then((busy) => {
          running = undefined;
          // Work found: look again at once, so a group's next message follows without a pause.
          schedule(busy ? 0 : intervalMs);
        });
    }, delay);
  }
  schedule(intervalMs);

  return {
    async drained(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const queue = options.resolveDeps().localQueue;
        if (!queue || (await queue.size()) === 0) return;
        if (Date.now() > deadline) throw new Error(`The forwarding queue did not drain within ${timeoutMs} ms.`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
