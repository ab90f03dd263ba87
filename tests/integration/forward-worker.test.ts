/**
 * The local forwarder on DynamoDB Local: what is queued survives a restart of the worker (the
 * queue lives in the table), each statement reaches the sender once after its failures, in order
 * per group, with groups not holding each other up.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDeliveryStateStore } from '../../functions/adapters/dynamodb/delivery-state-store.js';
import { createForwardingTargetStore } from '../../functions/adapters/dynamodb/forwarding-target-store.js';
import { createLocalForwardQueue } from '../../functions/adapters/dynamodb/local-forward-queue.js';
import type { ForwardingDeps } from '../../functions/composition/forwarding.js';
import type { ForwardMessage, SendOutcome, XapiSender } from '../../functions/core/forwarding/ports.js';
import { ACTIVITY_TYPES, VERBS } from '../../functions/core/xapi/profile/vocabulary.js';
import type { StatementJson } from '../../functions/core/xapi/statement-store.js';
import { startForwardWorker } from '../../functions/local/forward-worker.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { targetFixture } from '../support/memory-forwarding.js';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable(undefined, { stream: false });
});
afterAll(async () => {
  await table?.drop();
});

const statement = (id: string): StatementJson => ({
  id,
  stored: '2026-03-01T10:00:00.000Z',
  actor: { mbox: 'mailto:p@example.nl' },
  verb: { id: VERBS.completed },
  object: { id: 'https://x/course', definition: { type: ACTIVITY_TYPES.course } },
});
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function depsWith(sender: XapiSender): ForwardingDeps {
  const tableName = table.tableName;
  const now = () => new Date();
  const localQueue = createLocalForwardQueue({ doc: table.doc, tableName, now });
  return {
    config: {} as ForwardingDeps['config'],
    now,
    targets: createForwardingTargetStore({ doc: table.doc, tableName }),
    deliveries: createDeliveryStateStore({ doc: table.doc, tableName }),
    queue: localQueue,
    localQueue,
    sender,
    statements: { get: async (statementId) => statement(statementId) },
    retry: { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 200, leaseMs: 30_000 },
  };
}

it('drains the queue across a restart, each statement once, in order per group', async () => {
  const sent: string[] = [];
  const failuresLeft = new Map([[id(1), 2], [id(11), 1]]);
  const sender: XapiSender = {
    async send(_target, s): Promise<SendOutcome> {
      sent.push(s.id);
      const left = failuresLeft.get(s.id) ?? 0;
      if (left > 0) {
        failuresLeft.set(s.id, left - 1);
        return { kind: 'retryable', reason: 'HTTP 503' };
      }
      return { kind: 'delivered', status: 204 };
    },
  };
  const deps = depsWith(sender);
  await deps.targets.put(targetFixture());
  const messages: ForwardMessage[] = [
    ...[1, 2, 3].map((n) => ({ targetId: 'target-1', statementId: id(n), seq: String(n).padStart(3, '0'), groupId: 'ga' })),
    ...[11, 12].map((n) => ({ targetId: 'target-1', statementId: id(n), seq: String(n).padStart(3, '0'), groupId: 'gb' })),
  ];
  await deps.queue.enqueue(messages);

  // A worker that stops (a restart of npm start) before it could finish…
  const first = startForwardWorker({ resolveDeps: () => deps, intervalMs: 20 });
  await new Promise((resolve) => setTimeout(resolve, 60));
  await first.stop();
  expect(await deps.localQueue!.size()).toBeGreaterThan(0);
  // …and a new one, with new adapters on the same table, finishes the job.
  const second = startForwardWorker({ resolveDeps: () => ({ ...depsWith(sender) }), intervalMs: 20 });
  await second.drained(20_000);
  await second.stop();

  const delivered = (ids: string[]) => ids.filter((x, i) => ids.lastIndexOf(x) === i);
  const groupA = sent.filter((x) => [id(1), id(2), id(3)].includes(x));
  const groupB = sent.filter((x) => [id(11), id(12)].includes(x));
  expect(groupA).toEqual([id(1), id(1), id(1), id(2), id(3)]);
  expect(groupB).toEqual([id(11), id(11), id(12)]);
  expect(delivered(sent).sort()).toEqual(messages.map((m) => m.statementId).sort());
  for (const m of messages) expect((await deps.deliveries.get(m.targetId, m.statementId))?.status).toBe('delivered');
});
