/**
 * AttachmentStore on the single table (port: functions/core/xapi/attachment-store.ts).
 *
 * | item       | pk                   | sk           | attributes                        |
 * |------------|----------------------|--------------|-----------------------------------|
 * | attachment | `ATTACHMENT#<sha2>`  | `ATTACHMENT` | contentType (S), data (B), length |
 *
 * - put: BatchWriteItem. Content-addressed (sha2 lowercase), so a rewrite stores the same bytes:
 *   writes are idempotent and need no condition.
 * - getMany: BatchGetItem, strongly consistent so a read right after the POST finds the data.
 * One item holds one attachment, so an attachment must fit DynamoDB's 400 KB item limit.
 */
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError, PayloadTooLargeError, ThrottledError } from '../../core/errors.js';
import type { AttachmentContent, AttachmentStore, StoredAttachment } from '../../core/xapi/attachment-store.js';
import { BUSY_MESSAGE, chunk, drain, forEachConcurrently } from './batch-retry.js';

export interface AttachmentStoreDeps {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/** The largest attachment one item holds: DynamoDB's 400 KB minus room for the key and attributes. */
export const MAX_ATTACHMENT_BYTES = 350 * 1024;

const PK_PREFIX = 'ATTACHMENT#';
const SORT_KEY = 'ATTACHMENT';
/** BatchWriteItem takes 25 items and 16 MB; 25 attachments at the limit stay well under that. */
const BATCH_WRITE_SIZE = 25;
/** BatchGetItem takes 100 keys; a response over 16 MB comes back in rounds (UnprocessedKeys). */
const BATCH_GET_SIZE = 100;
const BATCH_CONCURRENCY = 4;

const THROTTLING_ERRORS = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };
type PutRequest = { PutRequest: { Item: Item } };

/** A stored item does not have the shape this adapter writes: a bug or a manual edit (a 500). */
export class MalformedAttachmentItemError extends Error {
  override readonly name = 'MalformedAttachmentItemError';
  constructor(pk: string, problem: string) {
    super(`Stored attachment item ${pk}/${SORT_KEY} is malformed: ${problem}.`);
  }
}

export function attachmentKey(sha2: string): Key {
  return { pk: `${PK_PREFIX}${sha2.toLowerCase()}`, sk: SORT_KEY };
}

export function toAttachmentItem(attachment: AttachmentContent): Item {
  return { ...attachmentKey(attachment.sha2), contentType: attachment.contentType, data: attachment.data, length: attachment.data.length };
}

export function toStoredAttachment(item: Item): { sha2: string } & StoredAttachment {
  const pk = item.pk;
  if (typeof pk !== 'string' || !pk.startsWith(PK_PREFIX)) throw new MalformedAttachmentItemError(String(pk), `pk is not ${PK_PREFIX}<sha2>`);
  const { contentType, data } = item;
  if (typeof contentType !== 'string') throw new MalformedAttachmentItemError(pk, 'contentType is not a string');
  if (!(data instanceof Uint8Array)) throw new MalformedAttachmentItemError(pk, 'data is not binary');
  return { sha2: pk.slice(PK_PREFIX.length), contentType, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
}

export function createAttachmentStore(deps: AttachmentStoreDeps): AttachmentStore {
  const { doc, tableName } = deps;

  async function put(attachments: readonly AttachmentContent[]): Promise<void> {
    const unique = [...new Map(attachments.map((a) => [a.sha2.toLowerCase(), a])).values()];
    // All checked before anything is written, so a rejected request leaves nothing behind.
    const tooLarge = unique.find((a) => a.data.length > MAX_ATTACHMENT_BYTES);
    if (tooLarge) {
      throw new PayloadTooLargeError(
        `Attachment ${tooLarge.sha2} is ${tooLarge.data.length} bytes; the LRS stores attachments of at most ` +
          `${MAX_ATTACHMENT_BYTES / 1024} KB (${MAX_ATTACHMENT_BYTES} bytes). Make it smaller, or host it elsewhere and give the attachment a fileUrl instead.`,
      );
    }
    const requests: PutRequest[] = unique.map((attachment) => ({ PutRequest: { Item: toAttachmentItem(attachment) } }));
    await forEachConcurrently(chunk(requests, BATCH_WRITE_SIZE), BATCH_CONCURRENCY, async (part) => {
      await drain(part, 'BatchWriteItem', async (pending) => {
        const output = await call('BatchWriteItem', () => doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } })));
        return (output.UnprocessedItems?.[tableName] ?? []).map(toPutRequest);
      });
    });
  }

  async function getMany(sha2s: readonly string[]): Promise<Map<string, StoredAttachment>> {
    const keys = [...new Set(sha2s.map((sha2) => sha2.toLowerCase()))].map(attachmentKey);
    const found = new Map<string, StoredAttachment>();
    await forEachConcurrently(chunk(keys, BATCH_GET_SIZE), BATCH_CONCURRENCY, async (part) => {
      await drain(part, 'BatchGetItem', async (pending) => {
        const request = { Keys: pending, ConsistentRead: true, ProjectionExpression: 'pk, contentType, #data', ExpressionAttributeNames: { '#data': 'data' } };
        const output = await call('BatchGetItem', () => doc.send(new BatchGetCommand({ RequestItems: { [tableName]: request } })));
        for (const item of output.Responses?.[tableName] ?? []) {
          const { sha2, ...stored } = toStoredAttachment(item);
          found.set(sha2, stored);
        }
        return (output.UnprocessedKeys?.[tableName]?.Keys ?? []).map(toKey);
      });
    });
    return found;
  }

  async function call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof AppError) throw error;
      const name = error instanceof Error ? error.name : '';
      if (THROTTLING_ERRORS.has(name)) throw new ThrottledError(BUSY_MESSAGE, { cause: error });
      throw new Error(`DynamoDB ${operation} of attachments on ${tableName} failed: ${name || 'unknown error'}.`, { cause: error });
    }
  }

  return { put, getMany };
}

function toPutRequest(request: { PutRequest?: { Item?: Item } }): PutRequest {
  if (request.PutRequest?.Item) return { PutRequest: { Item: request.PutRequest.Item } };
  throw new Error('DynamoDB handed back an unprocessed attachment write that is not a put.');
}

function toKey(key: Item): Key {
  if (typeof key.pk !== 'string' || typeof key.sk !== 'string') throw new Error('DynamoDB handed back a key without string pk and sk.');
  return { pk: key.pk, sk: key.sk };
}
