/**
 * The forwarder in AWS: the SQS FIFO queue's event source mapping hands over messages in order per
 * group (a participant at a target). Each goes through deliverForward; a message to retry is hidden
 * for its backoff delay (ChangeMessageVisibility) and reported failed together with every later
 * message of its group in this batch, so the group keeps its order. After FORWARD_MAX_ATTEMPTS the
 * domain moves the delivery to the dead letters in the table (admin: list, replay); the queue's
 * own DLQ only catches messages that keep crashing the function.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { getForwardingDeps, type ForwardingDeps } from '../../composition/forwarding.js';
import { delaySqsMessage } from '../../adapters/sqs/forward-queue.js';
import { deliverForward } from '../../core/forwarding/deliver.js';

export const ForwardMessageBody = z.object({
  targetId: z.string().check(z.minLength(1)),
  statementId: z.string().check(z.minLength(1)),
  seq: z.string().check(z.minLength(1)),
  groupId: z.string().check(z.minLength(1)),
  replayedAt: z.optional(z.string()),
});

export function createForwarderHandler(resolveDeps: () => ForwardingDeps) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const deps = resolveDeps();
    const deliver = deliverForward(deps);
    const blockedGroups = new Set<string>();
    const failures: string[] = [];
    for (const record of event.Records) {
      const group = record.attributes.MessageGroupId ?? '';
      if (blockedGroups.has(group)) {
        failures.push(record.messageId);
        continue;
      }
      const parsed = ForwardMessageBody.safeParse(safeJson(record.body));
      if (!parsed.success) {
        console.error(JSON.stringify({ level: 'error', message: 'dropping a malformed forwarding message', messageId: record.messageId }));
        continue;
      }
      const { replayedAt, ...rest } = parsed.data;
      const message = { ...rest, ...(replayedAt ? { replayedAt } : {}) };
      try {
        const decision = await deliver(message);
        if (decision.kind === 'done') continue;
        if (deps.sqs) await delaySqsMessage(deps.sqs.client, deps.sqs.queueUrl, record.receiptHandle, decision.delayMs);
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', message: 'forwarding failed', statementId: message.statementId, error: error instanceof Error ? error.message : String(error) }));
      }
      blockedGroups.add(group);
      failures.push(record.messageId);
    }
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

export const handler = createForwarderHandler(getForwardingDeps);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
