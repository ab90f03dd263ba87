/**
 * ForwardingTargetStore on the single table.
 *
 * | item              | pk                  | sk          | gsi1pk       | gsi1sk       |
 * |-------------------|---------------------|-------------|--------------|--------------|
 * | forwarding target | `FWDTARGET#<id>`    | `FWDTARGET` | `FWDTARGETS` | `<id>`       |
 *
 * - get: GetItem, consistent. list: Query gsi1 `gsi1pk = FWDTARGETS` (a handful of targets).
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import type { ForwardingTarget, ForwardingTargetStore } from '../../core/forwarding/ports.js';
import { MalformedItemError } from './auth-store-errors.js';
import { queryAllItems } from './query-all.js';
import { GSI1 } from './table-definition.js';

const SORT_KEY = 'FWDTARGET';
const LIST_PARTITION = 'FWDTARGETS';

const TargetItem = z.object({
  targetId: z.string().check(z.minLength(1)),
  accreditationBody: z.string(),
  endpoint: z.string(),
  key: z.string(),
  secret: z.string(),
  verbs: z.array(z.string()),
  activityTypes: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function createForwardingTargetStore({ doc, tableName }: { doc: DynamoDBDocumentClient; tableName: string }): ForwardingTargetStore {
  return {
    async put(target) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: `FWDTARGET#${target.targetId}`,
            sk: SORT_KEY,
            [GSI1.partitionKey]: LIST_PARTITION,
            [GSI1.sortKey]: target.targetId,
            targetId: target.targetId,
            accreditationBody: target.accreditationBody,
            endpoint: target.endpoint,
            key: target.key,
            secret: target.secret,
            verbs: [...target.filter.verbs],
            activityTypes: [...target.filter.activityTypes],
            enabled: target.enabled,
            createdAt: target.createdAt,
            updatedAt: target.updatedAt,
          },
        }),
      );
    },
    async get(targetId) {
      const result = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: `FWDTARGET#${targetId}`, sk: SORT_KEY }, ConsistentRead: true }));
      return result.Item ? toTarget(result.Item) : undefined;
    },
    async list() {
      const items = await queryAllItems(doc, {
        TableName: tableName,
        IndexName: GSI1.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSI1.partitionKey },
        ExpressionAttributeValues: { ':pk': LIST_PARTITION },
      });
      return items.map(toTarget);
    },
  };
}

function toTarget(item: Record<string, unknown>): ForwardingTarget {
  const parsed = TargetItem.safeParse(item);
  if (!parsed.success) throw new MalformedItemError('forwarding target', parsed.error);
  const { verbs, activityTypes, ...rest } = parsed.data;
  return { ...rest, filter: { verbs, activityTypes } };
}
