/**
 * The local stand-in for the SQS FIFO queue of forwarding (AWS: functions/adapters/sqs/forward-queue.ts),
 * persisted in the table so a restart of `npm start` loses nothing.
 *
 * | item          | pk                       | sk                                  | attributes |
 * |---------------|--------------------------|-------------------------------------|------------|
 * | queue message | `LOCALQUEUE#forwarding`  | `<groupId>#<seq>#<statementId>`     | the message, `visibleAt` |
 *
 * Like FIFO: within a group only the oldest message is handed out, and while it waits for a retry
 * the rest of its group waits too. Enqueueing is idempotent (a condition on the key). Local use
 * only: one partition and a full Query per round are fine for a developer's machine.
 */
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import type { ForwardMessage, ForwardQueue } from '../../core/forwarding/ports.js';
import { MalformedItemError } from './auth-store-errors.js';
import { queryAllItems } from './query-all.js';

const PARTITION = 'LOCALQUEUE#forwarding';

const MessageItem = z.object({
  sk: z.string(),
  targetId: z.string(),
  statementId: z.string(),
  seq: z.string(),
  groupId: z.string(),
  replayedAt: z.optional(z.string()),
  visibleAt: z.string(),
});

export interface QueuedForwardMessage {
  /** The message's key in the queue. */
  handle: string;
  message: ForwardMessage;
}

export interface LocalForwardQueue extends ForwardQueue {
  /** The oldest message of every group that is visible at `now`. */
  receiveHeads(now: Date): Promise<QueuedForwardMessage[]>;
  /** Messages waiting, visible or not. */
  size(): Promise<number>;
  delete(handle: string): Promise<void>;
  /** Hides the message (and so its group) until `until`. */
  delay(handle: string, until: Date): Promise<void>;
}

export function createLocalForwardQueue({ doc, tableName, now }: { doc: DynamoDBDocumentClient; tableName: string; now: () => Date }): LocalForwardQueue {
  const all = async () =>
    (await queryAllItems(doc, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': PARTITION }, ConsistentRead: true })).map(toItem);
  return {
    async enqueue(messages) {
      for (const message of messages) {
        try {
          await doc.send(
            new PutCommand({
              TableName: tableName,
              Item: { pk: PARTITION, sk: `${message.groupId}#${message.seq}#${message.statementId}`, ...message, visibleAt: now().toISOString() },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
        } catch (error) {
          // Already queued (a stream batch retried): the queue deduplicates, as SQS FIFO does.
          if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
        }
      }
    },
    async receiveHeads(at) {
      const heads = new Map<string, z.infer<typeof MessageItem>>();
      for (const item of await all()) if (!heads.has(item.groupId)) heads.set(item.groupId, item);
      return [...heads.values()]
        .filter((item) => item.visibleAt <= at.toISOString())
        .map(({ sk, visibleAt: _v, ...message }) => ({ handle: sk, message }));
    },
    async size() {
      return (await all()).length;
    },
    async delete(handle) {
      await doc.send(new DeleteCommand({ TableName: tableName, Key: { pk: PARTITION, sk: handle } }));
    },
    async delay(handle, until) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: PARTITION, sk: handle },
          UpdateExpression: 'SET visibleAt = :until',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':until': until.toISOString() },
        }),
      ).catch((error: unknown) => {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      });
    },
  };
}

function toItem(item: Record<string, unknown>): z.infer<typeof MessageItem> {
  const parsed = MessageItem.safeParse(item);
  if (!parsed.success) throw new MalformedItemError('local queue message', parsed.error);
  const { replayedAt, ...rest } = parsed.data;
  return { ...rest, ...(replayedAt ? { replayedAt } : {}) };
}
