/**
 * The forwarding queue in AWS: an SQS FIFO queue (infra/stack.ts). MessageGroupId = the message's
 * group (a participant at a target, hashed) keeps order per participant; the deduplication id
 * (target, statement, and the replay time if any) drops the copies a retried stream batch makes.
 */
import { createHash } from 'node:crypto';
import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ForwardMessage, ForwardQueue } from '../../core/forwarding/ports.js';

/** SQS: at most 10 entries per SendMessageBatch; a visibility timeout of at most 12 hours. */
const BATCH = 10;
const MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

export class ForwardQueueError extends Error {
  override readonly name = 'ForwardQueueError';
}

export function createSqsForwardQueue({ sqs, queueUrl }: { sqs: SQSClient; queueUrl: string }): ForwardQueue {
  return {
    async enqueue(messages) {
      for (let start = 0; start < messages.length; start += BATCH) {
        const chunk = messages.slice(start, start + BATCH);
        const result = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((message, index) => ({
              Id: String(index),
              MessageBody: JSON.stringify(message),
              MessageGroupId: message.groupId,
              MessageDeduplicationId: deduplicationId(message),
            })),
          }),
        );
        if ((result.Failed ?? []).length > 0) {
          throw new ForwardQueueError(`SQS refused ${result.Failed!.length} forwarding message(s): ${result.Failed!.map((f) => f.Code).join(', ')}`);
        }
      }
    },
  };
}

export function deduplicationId(message: ForwardMessage): string {
  return createHash('sha256').update(`${message.targetId}|${message.statementId}|${message.replayedAt ?? ''}`).digest('hex');
}

/** A message to retry later: hidden for `delayMs` (its group waits meanwhile, FIFO). */
export async function delaySqsMessage(sqs: SQSClient, queueUrl: string, receiptHandle: string, delayMs: number): Promise<void> {
  const seconds = Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
  await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
}
