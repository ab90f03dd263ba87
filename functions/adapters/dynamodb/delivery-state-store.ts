/**
 * DeliveryStateStore on the single table: one item per (target, statement).
 *
 * | item           | pk              | sk                      | gsi1pk (dead only)    | gsi1sk                      |
 * |----------------|-----------------|-------------------------|-----------------------|-----------------------------|
 * | delivery state | `FWD#<target>`  | `DELIVERY#<statementId>`| `FWDDEAD#<target>`    | `<deadAt>#<statementId>`    |
 *
 * Every transition is one UpdateItem with a condition, so concurrent workers cannot both hold a
 * delivery: claim only when absent, `pending`, or `delivering` with an expired lease (attempts
 * + 1); settle only while the state still is `delivering` with the attempt number of the claim.
 */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import type { ClaimResult, DeliveryState, DeliveryStateStore, ForwardMessage } from '../../core/forwarding/ports.js';
import { MalformedItemError } from './auth-store-errors.js';
import { queryAllItems } from './query-all.js';
import { GSI1 } from './table-definition.js';

const StateItem = z.object({
  targetId: z.string(),
  statementId: z.string(),
  status: z.enum(['pending', 'delivering', 'delivered', 'dead']),
  attempts: z.number().check(z.int(), z.nonnegative()),
  leaseUntil: z.optional(z.string()),
  lastError: z.optional(z.string()),
  updatedAt: z.string(),
  deadAt: z.optional(z.string()),
  groupId: z.string(),
  seq: z.string(),
});

export function deliveryKey(targetId: string, statementId: string): { pk: string; sk: string } {
  return { pk: `FWD#${targetId}`, sk: `DELIVERY#${statementId}` };
}

export function createDeliveryStateStore({ doc, tableName }: { doc: DynamoDBDocumentClient; tableName: string }): DeliveryStateStore {
  const get = async (targetId: string, statementId: string): Promise<DeliveryState | undefined> => {
    const result = await doc.send(new GetCommand({ TableName: tableName, Key: deliveryKey(targetId, statementId), ConsistentRead: true }));
    return result.Item ? toState(result.Item) : undefined;
  };

  /** A settling write by the claim holder; a lost claim (lease expired, taken over) is left alone. */
  const settle = async (message: ForwardMessage, attempts: number, update: string, values: Record<string, unknown>, names: Record<string, string> = {}) => {
    try {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: deliveryKey(message.targetId, message.statementId),
          UpdateExpression: update,
          ConditionExpression: '#status = :delivering AND attempts = :attempts',
          ExpressionAttributeNames: { '#status': 'status', ...names },
          ExpressionAttributeValues: { ':delivering': 'delivering', ':attempts': attempts, ...values },
        }),
      );
    } catch (error) {
      // Another worker took the delivery over after our lease ran out: its outcome counts.
      if (!isConditionFailure(error)) throw error;
    }
  };

  return {
    async claim(message, { now, leaseMs }): Promise<ClaimResult> {
      try {
        const result = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: deliveryKey(message.targetId, message.statementId),
            UpdateExpression:
              'SET #status = :delivering, attempts = if_not_exists(attempts, :zero) + :one, leaseUntil = :lease, updatedAt = :now, targetId = :target, statementId = :statement, groupId = :group, seq = :seq',
            ConditionExpression: 'attribute_not_exists(pk) OR #status = :pending OR (#status = :delivering AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':delivering': 'delivering',
              ':pending': 'pending',
              ':zero': 0,
              ':one': 1,
              ':lease': new Date(now.getTime() + leaseMs).toISOString(),
              ':now': now.toISOString(),
              ':target': message.targetId,
              ':statement': message.statementId,
              ':group': message.groupId,
              ':seq': message.seq,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { kind: 'claimed', attempts: toState(result.Attributes ?? {}).attempts };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const state = await get(message.targetId, message.statementId);
        if (state?.status === 'delivered') return { kind: 'already-delivered' };
        if (state?.status === 'dead') return { kind: 'dead' };
        return { kind: 'busy' };
      }
    },
    markDelivered(message, { now, attempts }) {
      return settle(message, attempts, 'SET #status = :delivered, updatedAt = :now REMOVE leaseUntil, lastError', { ':delivered': 'delivered', ':now': now.toISOString() });
    },
    markFailed(message, { now, attempts, error }) {
      return settle(message, attempts, 'SET #status = :pending, updatedAt = :now, lastError = :error REMOVE leaseUntil', {
        ':pending': 'pending',
        ':now': now.toISOString(),
        ':error': error.slice(0, 1000),
      });
    },
    markDead(message, { now, attempts, error }) {
      const at = now.toISOString();
      return settle(
        message,
        attempts,
        'SET #status = :dead, updatedAt = :now, deadAt = :now, lastError = :error, #gpk = :gpk, #gsk = :gsk REMOVE leaseUntil',
        { ':dead': 'dead', ':now': at, ':error': error.slice(0, 1000), ':gpk': `FWDDEAD#${message.targetId}`, ':gsk': `${at}#${message.statementId}` },
        { '#gpk': GSI1.partitionKey, '#gsk': GSI1.sortKey },
      );
    },
    get,
    async listDead(targetId) {
      const items = await queryAllItems(doc, {
        TableName: tableName,
        IndexName: GSI1.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSI1.partitionKey },
        ExpressionAttributeValues: { ':pk': `FWDDEAD#${targetId}` },
      });
      // The index is eventually consistent: a just-revived item may still show up; keep only the dead.
      return items.map(toState).filter((s) => s.status === 'dead');
    },
    async revive(targetId, statementId, now) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: deliveryKey(targetId, statementId),
            UpdateExpression: 'SET #status = :pending, attempts = :zero, updatedAt = :now REMOVE deadAt, #gpk, #gsk',
            ConditionExpression: '#status = :dead',
            ExpressionAttributeNames: { '#status': 'status', '#gpk': GSI1.partitionKey, '#gsk': GSI1.sortKey },
            ExpressionAttributeValues: { ':pending': 'pending', ':dead': 'dead', ':zero': 0, ':now': now.toISOString() },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}

function toState(item: Record<string, unknown>): DeliveryState {
  const parsed = StateItem.safeParse(item);
  if (!parsed.success) throw new MalformedItemError('delivery state', parsed.error);
  const { leaseUntil, lastError, deadAt, ...rest } = parsed.data;
  return { ...rest, ...(leaseUntil ? { leaseUntil } : {}), ...(lastError ? { lastError } : {}), ...(deadAt ? { deadAt } : {}) };
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
