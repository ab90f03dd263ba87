/**
 * The SQS forwarder handler keeps FIFO order: once a message of a group must wait, every later
 * message of that group in the batch is reported failed too; other groups go on.
 */
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createForwarderHandler } from '../../../functions/handlers/queues/forwarder.js';
import type { ForwardingDeps } from '../../../functions/composition/forwarding.js';
import type { StatementJson } from '../../../functions/core/xapi/statement-store.js';
import { ACTIVITY_TYPES, VERBS } from '../../../functions/core/xapi/profile/vocabulary.js';
import { memoryDeliveries, memoryQueue, memoryTargets, targetFixture } from '../../support/memory-forwarding.js';

const statement = (id: string): StatementJson => ({
  id,
  stored: '2026-03-01T10:00:00.000Z',
  actor: { mbox: 'mailto:p@example.nl' },
  verb: { id: VERBS.completed },
  object: { id: 'https://x/course', definition: { type: ACTIVITY_TYPES.course } },
});
const ids = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c'];

function record(messageId: string, group: string, statementId: string) {
  return { messageId, receiptHandle: `r-${messageId}`, body: JSON.stringify({ targetId: 'target-1', statementId, seq: messageId, groupId: group }), attributes: { MessageGroupId: group } };
}

describe('forwarder handler', () => {
  it('holds back the rest of a group after a message that must wait, and delivers other groups', async () => {
    const sent: string[] = [];
    const deps = {
      targets: memoryTargets([targetFixture()]),
      deliveries: memoryDeliveries(),
      statements: { get: async (id: string) => statement(id) },
      sender: {
        send: async (_t: unknown, s: StatementJson) => {
          sent.push(s.id);
          return s.id === ids[0] ? { kind: 'retryable' as const, reason: 'HTTP 503' } : { kind: 'delivered' as const, status: 204 };
        },
      },
      now: () => new Date('2026-03-01T10:00:00.000Z'),
      retry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 10_000, leaseMs: 30_000 },
      queue: memoryQueue(),
    } as unknown as ForwardingDeps;
    const event = { Records: [record('1', 'g1', ids[0]!), record('2', 'g1', ids[1]!), record('3', 'g2', ids[2]!)] } as unknown as SQSEvent;
    const response = await createForwarderHandler(() => deps)(event);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '1' }, { itemIdentifier: '2' }]);
    expect(sent).toEqual([ids[0], ids[2]]);
  });
});
