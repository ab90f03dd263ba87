/**
 * DocumentStore on the single table (port: functions/core/xapi/documents/document-store.ts;
 * items: document-items.ts and activity-definition-items.ts).
 *
 * - get: GetItem, strongly consistent (a client reads its own write).
 * - put: PutItem of the whole item with the write conditions as ConditionExpression (e.g.
 *   `#etag IN (:e0)` for If-Match, `attribute_not_exists(pk)` for If-None-Match: *), so a
 *   precondition and the write are one atomic step; a failed condition comes back as false.
 * - delete: DeleteItem with the same conditions.
 * - listIds: Query pk [AND begins_with(sk, prefix)], `updated > :since` as filter, ids only.
 * - deleteAll: the same Query for the keys, then BatchWriteItem deletes.
 * - activityDefinition: GetItem pk = ACTIVITY#<id>, sk = DEFINITION.
 * No Scan anywhere.
 */
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { AppError, PayloadTooLargeError, ThrottledError } from '../../core/errors.js';
import type { DocumentIdEntry, DocumentKey, DocumentSet, DocumentStore, StoredDocument, WriteCondition } from '../../core/xapi/documents/document-store.js';
import { MAX_DOCUMENT_BYTES } from '../../core/xapi/documents/limits.js';
import { activityDefinitionKey, toActivityDefinition } from './activity-definition-items.js';
import { chunk, drain } from './batch-retry.js';
import {
  documentItemKey,
  documentSetQuery,
  itemBytes,
  MalformedDocumentItemError,
  toDocumentIdEntry,
  toDocumentItem,
  toStoredDocument,
  type Item,
  type Key,
} from './document-items.js';

export { MalformedDocumentItemError } from './document-items.js';

/** Any other failure talking to DynamoDB (a 500); the message is for logs, never for callers. */
export class DocumentStoreError extends Error {
  override readonly name = 'DocumentStoreError';
}

const ITEM_LIMIT_BYTES = 400 * 1024;
const BATCH_WRITE_SIZE = 25;
const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'TransactionConflictException']);
const BUSY = 'The document store is busy. Try again in a moment.';

interface Expression {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/** The conditions as one ConditionExpression (all must hold); none gives an unconditional write. */
export function conditionExpression(conditions: readonly WriteCondition[]): Expression {
  if (conditions.length === 0) return {};
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  let next = 0;
  const tagList = (etags: readonly string[]) =>
    etags
      .map((etag) => {
        const placeholder = `:etag${next++}`;
        values[placeholder] = etag;
        return placeholder;
      })
      .join(', ');
  const parts = conditions.map((condition) => {
    switch (condition.kind) {
      case 'absent':
        names['#pk'] = 'pk';
        return 'attribute_not_exists(#pk)';
      case 'present':
        names['#pk'] = 'pk';
        return 'attribute_exists(#pk)';
      case 'etagIn':
        names['#etag'] = 'etag';
        return `#etag IN (${tagList(condition.etags)})`;
      case 'absentOrEtagNotIn':
        names['#pk'] = 'pk';
        names['#etag'] = 'etag';
        return `(attribute_not_exists(#pk) OR NOT (#etag IN (${tagList(condition.etags)})))`;
    }
  });
  return {
    ConditionExpression: parts.join(' AND '),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

export function createDocumentStore(deps: { doc: DynamoDBDocumentClient; tableName: string }): DocumentStore {
  const { doc, tableName } = deps;

  function translate(error: unknown, action: string): Error {
    if (error instanceof AppError || error instanceof MalformedDocumentItemError) return error;
    const name = error instanceof Error ? error.name : '';
    if (THROTTLING.has(name)) return new ThrottledError(BUSY, { cause: error });
    return new DocumentStoreError(`Could not ${action} on ${tableName}: ${name || 'unknown error'}`, { cause: error });
  }

  async function call<T>(action: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw translate(error, action);
    }
  }

  /** Runs a conditional write; false when its condition failed (nothing was written). */
  async function conditional(action: string, send: () => Promise<unknown>): Promise<boolean> {
    try {
      await send();
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw translate(error, action);
    }
  }

  async function* queryItems(set: DocumentSet, input: Omit<QueryCommandInput, 'TableName' | 'KeyConditionExpression' | 'ExclusiveStartKey'>): AsyncGenerator<Item> {
    const { pk, skPrefix } = documentSetQuery(set);
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await call('query documents', () =>
        doc.send(
          new QueryCommand({
            ...input,
            TableName: tableName,
            KeyConditionExpression: skPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
            ExpressionAttributeNames: { ...input.ExpressionAttributeNames, '#pk': 'pk', ...(skPrefix ? { '#sk': 'sk' } : {}) },
            ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ':pk': pk, ...(skPrefix ? { ':prefix': skPrefix } : {}) },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      yield* page.Items ?? [];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  return {
    async get(key: DocumentKey): Promise<StoredDocument | undefined> {
      const output = await call('read a document', () => doc.send(new GetCommand({ TableName: tableName, Key: documentItemKey(key), ConsistentRead: true })));
      return output.Item ? toStoredDocument(output.Item) : undefined;
    },

    async put(key, document, conditions) {
      const item = toDocumentItem(key, document);
      const size = itemBytes(item);
      if (size > ITEM_LIMIT_BYTES) {
        // Only ids of several KB get here: the content itself is limited by the service.
        throw new PayloadTooLargeError(
          `This document takes ${size} bytes with its ids and attributes; one document is stored in at most 400 KB ` +
            `(DynamoDB's item limit), of which at most ${MAX_DOCUMENT_BYTES / 1024} KB content. Use shorter ids or a smaller document.`,
        );
      }
      return conditional('store a document', () => doc.send(new PutCommand({ TableName: tableName, Item: item, ...conditionExpression(conditions) })));
    },

    async delete(key, conditions) {
      return conditional('delete a document', () =>
        doc.send(new DeleteCommand({ TableName: tableName, Key: documentItemKey(key), ...conditionExpression(conditions) })),
      );
    },

    async listIds(set, since) {
      const entries: DocumentIdEntry[] = [];
      const input = {
        ProjectionExpression: '#documentId, #updated',
        ExpressionAttributeNames: { '#documentId': 'documentId', '#updated': 'updated' } as Record<string, string>,
        ...(since ? { FilterExpression: '#updated > :since', ExpressionAttributeValues: { ':since': since } } : {}),
      };
      for await (const item of queryItems(set, input)) entries.push(toDocumentIdEntry(item));
      return entries;
    },

    async deleteAll(set) {
      const keys: Key[] = [];
      for await (const item of queryItems(set, { ProjectionExpression: '#pk, #sk', ExpressionAttributeNames: { '#sk': 'sk' } })) {
        keys.push({ pk: String(item.pk), sk: String(item.sk) });
      }
      for (const part of chunk(keys, BATCH_WRITE_SIZE)) {
        await drain(part.map((key) => ({ DeleteRequest: { Key: key } })), 'BatchWriteItem', async (pending) => {
          const output = await call('delete documents', () => doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } })));
          return (output.UnprocessedItems?.[tableName] ?? []).map((request) => ({ DeleteRequest: { Key: toKey(request.DeleteRequest?.Key) } }));
        });
      }
    },

    async activityDefinition(activityId) {
      const output = await call('read an activity definition', () =>
        doc.send(new GetCommand({ TableName: tableName, Key: activityDefinitionKey(activityId), ConsistentRead: true })),
      );
      return output.Item ? toActivityDefinition(output.Item) : undefined;
    },
  };
}

function toKey(key: Item | undefined): Key {
  if (typeof key?.pk !== 'string' || typeof key.sk !== 'string') throw new Error('DynamoDB handed back a delete request without string pk and sk.');
  return { pk: key.pk, sk: key.sk };
}
