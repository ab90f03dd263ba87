/**
 * ClientStore on the single table.
 *
 * | item        | pk             | sk       | gsi1pk    | gsi1sk  |
 * |-------------|----------------|----------|-----------|---------|
 * | xAPI client | `CLIENT#<key>` | `CLIENT` | `CLIENTS` | `<key>` |
 *
 * `accreditationCourseIds` (a list) marks an accreditation body's client.
 *
 * - getByKey: GetItem pk = CLIENT#<key>, sk = CLIENT (strongly consistent: a new client works at once).
 * - list: Query gsi1 where gsi1pk = CLIENTS, ordered by key. One partition holds every client;
 *   that is fine for the handful of credentials an admin manages and keeps list() off Scan.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import type { ClientStore, XapiClientRecord } from '../../core/auth/ports.js';
import { XAPI_SCOPES, type XapiScope } from '../../core/auth/principal.js';
import { GSI1 } from './table-definition.js';
import { MalformedItemError, translateAuthStoreError } from './auth-store-errors.js';
import { queryAllItems } from './query-all.js';

const SORT_KEY = 'CLIENT';
const LIST_PARTITION = 'CLIENTS';
const ITEM_TYPE = 'XapiClient';

export function clientPk(key: string): string {
  return `CLIENT#${key}`;
}

const ClientItem = z.object({
  key: z.string().check(z.minLength(1)),
  secretHash: z.string().check(z.minLength(1)),
  name: z.string(),
  scopes: z.array(z.string()),
  accreditationCourseIds: z.optional(z.array(z.string())),
  createdAt: z.string(),
  revokedAt: z.optional(z.string()),
});

const KNOWN_SCOPES = new Set<string>(XAPI_SCOPES);

function toRecord(item: Record<string, unknown>): XapiClientRecord {
  const parsed = ClientItem.safeParse(item);
  if (!parsed.success) throw new MalformedItemError(`xAPI client item ${String(item['pk'])}`, parsed.error);
  const data = parsed.data;
  return {
    key: data.key,
    secretHash: data.secretHash,
    name: data.name,
    // A scope this version does not know (e.g. written by a newer one) grants nothing here.
    scopes: data.scopes.filter((scope): scope is XapiScope => KNOWN_SCOPES.has(scope)),
    ...(data.accreditationCourseIds !== undefined ? { accreditation: { courseIds: data.accreditationCourseIds } } : {}),
    createdAt: data.createdAt,
    ...(data.revokedAt !== undefined ? { revokedAt: data.revokedAt } : {}),
  };
}

function toItem(record: XapiClientRecord): Record<string, unknown> {
  return {
    pk: clientPk(record.key),
    sk: SORT_KEY,
    [GSI1.partitionKey]: LIST_PARTITION,
    [GSI1.sortKey]: record.key,
    type: ITEM_TYPE,
    key: record.key,
    secretHash: record.secretHash,
    name: record.name,
    scopes: [...record.scopes],
    ...(record.accreditation ? { accreditationCourseIds: [...record.accreditation.courseIds] } : {}),
    createdAt: record.createdAt,
    ...(record.revokedAt !== undefined ? { revokedAt: record.revokedAt } : {}),
  };
}

export function createClientStore(deps: { doc: DynamoDBDocumentClient; tableName: string }): ClientStore {
  const { doc, tableName } = deps;
  return {
    async getByKey(key) {
      try {
        const result = await doc.send(
          new GetCommand({ TableName: tableName, Key: { pk: clientPk(key), sk: SORT_KEY }, ConsistentRead: true }),
        );
        return result.Item ? toRecord(result.Item) : undefined;
      } catch (error) {
        throw translateAuthStoreError(error, 'read an xAPI client');
      }
    },

    async put(record) {
      try {
        await doc.send(new PutCommand({ TableName: tableName, Item: toItem(record) }));
      } catch (error) {
        throw translateAuthStoreError(error, 'store an xAPI client');
      }
    },

    async list() {
      try {
        const items = await queryAllItems(doc, {
          TableName: tableName,
          IndexName: GSI1.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': GSI1.partitionKey },
          ExpressionAttributeValues: { ':pk': LIST_PARTITION },
        });
        return items.map(toRecord);
      } catch (error) {
        throw translateAuthStoreError(error, 'list xAPI clients');
      }
    },
  };
}
