/**
 * The DynamoDB adapter of the statement store port (functions/core/xapi/statement-store.ts). The
 * items it writes are described in statement-items.ts.
 *
 * Write order: index entries first (BatchWriteItem), then the statements in one transaction. An
 * entry whose statement is missing, or holds another seq, is inert: the service drops it. So a
 * crash between the two steps leaves garbage that nobody sees, never a statement nobody can find.
 * Once the transaction has committed, the batch's activity definitions update the canonical ones
 * (activity-definition-writer.ts); never before, so a rejected statement defines nothing.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { AppError, PayloadTooLargeError, StatementConflictError, ThrottledError } from '../../core/errors.js';
import { isSeq } from '../../core/xapi/seq.js';
import type { IndexEntry, IndexPage, IndexPageRequest, NewStatement, StatementStore, StoredStatement } from '../../core/xapi/statement-store.js';
import { backoff, BUSY_MESSAGE, chunk, drain, forEachConcurrently } from './batch-retry.js';
import { createActivityDefinitionWriter } from './activity-definition-writer.js';
import {
  ALL_KEY,
  allBucketPk,
  BUCKET_REGISTRY_PK,
  bucketOfBound,
  bucketOfSeq,
  bucketRegistryItem,
  indexEntryItems,
  indexPk,
  MalformedStatementItemError,
  statementBody,
  statementItemBytes,
  statementKey,
  toBucket,
  toIndexEntry,
  toKey,
  toStoredSeq,
  toStoredStatement,
  voidMarkerBytes,
  type Item,
  type Key,
} from './statement-items.js';

export { MalformedStatementItemError } from './statement-items.js';

export interface StatementStoreDeps {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/** DynamoDB's hard limits that decide what one insert() can hold. */
export const STATEMENT_STORE_LIMITS = {
  transactionActions: 100,
  transactionBytes: 4 * 1024 * 1024,
  itemBytes: 400 * 1024,
} as const;

const BATCH_WRITE_SIZE = 25;
const BATCH_GET_SIZE = 100;
/**
 * Batch calls in flight per insert or read. A batch of 50 statements has about 22 chunks of index
 * entries; 4 at a time meant 6 rounds in a row before the transaction could start, so a request
 * held its place in line much longer than its work needed. Measured with the ingest bench (batches
 * of 50, 16 requests at a time, DynamoDB Local; one run each): batch/raw 0.63x at 4, 0.70x at 8,
 * 0.68-0.75x at 16-22, with less DynamoDB Local CPU per statement, not more.
 */
const BATCH_CONCURRENCY = 16;
const TRANSACTION_ATTEMPTS = 4;
const BUCKET_PAGE_SIZE = 100;

const THROTTLING_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
]);
/** Cancellation reasons that mean "try again", as opposed to "this can never succeed". */
const RETRYABLE_CANCELLATIONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'TransactionConflict']);

type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };

export function createStatementStore(deps: StatementStoreDeps): StatementStore {
  const { doc, tableName } = deps;
  // Hours this instance has registered already. The registry item is the same for every statement
  // of an hour; writing it once per warm container keeps it from becoming a hot key.
  const registeredBuckets = new Set<string>();
  // The canonical activity definitions (GET /xapi/activities), updated once a batch has committed.
  const recordActivityDefinitions = createActivityDefinitionWriter(deps);

  async function getByIds(ids: readonly string[]): Promise<Map<string, StoredStatement>> {
    const items = await batchGet([...new Set(ids)].map(statementKey), 'pk, seq, body, indexKeys, voidedBy');
    const found = new Map<string, StoredStatement>();
    for (const item of items) {
      const stored = toStoredStatement(item);
      if (stored) found.set(stored.id, stored);
    }
    return found;
  }

  async function insert(statements: readonly NewStatement[]): Promise<void> {
    if (statements.length === 0) return;
    assertConsistentBatch(statements);
    const plan = planInsert(statements);
    assertWithinLimits(plan);

    const newBuckets = [...new Set(statements.map((s) => bucketOfSeq(s.seq)))].filter((bucket) => !registeredBuckets.has(bucket));
    await batchWrite([
      ...statements.flatMap(indexEntryItems).map((item) => ({ PutRequest: { Item: item } })),
      ...newBuckets.map((bucket) => ({ PutRequest: { Item: bucketRegistryItem(bucket) } })),
    ]);
    for (const bucket of newBuckets) registeredBuckets.add(bucket);

    try {
      await transact(plan);
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw translate(error, 'TransactWriteItems');
      // A canceled transaction wrote nothing, so the entries written for it are garbage.
      await removeInertEntries(statements);
      throw cancellationError(error, statements);
    }
    await recordActivityDefinitions(statements.map((s) => s.statement));
  }

  async function readIndex(request: IndexPageRequest): Promise<IndexPage> {
    if (!Number.isInteger(request.limit) || request.limit < 1) {
      throw new RangeError(`readIndex needs a positive integer limit, got ${request.limit}.`);
    }
    const { afterSeq, beforeSeq } = request;
    if (afterSeq !== undefined && beforeSeq !== undefined && afterSeq >= beforeSeq) return { entries: [], exhausted: true };
    if (request.key !== ALL_KEY) {
      const page = await queryEntries(indexPk(request.key), request, request.limit);
      return { entries: page.entries, exhausted: !page.more };
    }
    const entries: IndexEntry[] = [];
    for await (const bucket of walkBuckets(request)) {
      // Once the page is full this asks for zero entries, i.e. peeks whether a later hour has more.
      const page = await queryEntries(allBucketPk(bucket), request, request.limit - entries.length);
      entries.push(...page.entries);
      if (page.more) return { entries, exhausted: false };
    }
    return { entries, exhausted: true };
  }

  /**
   * Up to `want` entries of one partition within the exclusive bounds, and whether more exist. It
   * asks for one entry beyond `want`: DynamoDB returns a LastEvaluatedKey whenever Limit is reached,
   * even at the very end, so that alone cannot tell a full last page from a full middle one.
   */
  async function queryEntries(pk: string, request: IndexPageRequest, want: number): Promise<{ entries: IndexEntry[]; more: boolean }> {
    const { afterSeq, beforeSeq } = request;
    const values: Record<string, string> = { ':pk': pk };
    if (afterSeq !== undefined) values[':after'] = afterSeq;
    if (beforeSeq !== undefined) values[':before'] = beforeSeq;
    // DynamoDB has no exclusive BETWEEN: with both bounds the bound entries themselves are skipped below.
    const condition = keyCondition(afterSeq !== undefined ? '> :after' : undefined, beforeSeq !== undefined ? '< :before' : undefined);

    const entries: IndexEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const input: QueryCommandInput = {
        TableName: tableName,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: { '#pk': 'pk', ...(condition.includes('#sk') ? { '#sk': 'sk' } : {}) },
        ExpressionAttributeValues: values,
        ScanIndexForward: request.ascending,
        // Strongly consistent, so a client that reads right after its own POST finds it.
        ConsistentRead: true,
        Limit: want + 1 - entries.length,
        ExclusiveStartKey: startKey,
      };
      const output = await call('Query', () => doc.send(new QueryCommand(input)));
      for (const item of output.Items ?? []) {
        const entry = toIndexEntry(item, pk);
        if (entry.seq !== afterSeq && entry.seq !== beforeSeq) entries.push(entry);
      }
      if (entries.length > want) return { entries: entries.slice(0, want), more: true };
      startKey = output.LastEvaluatedKey;
    } while (startKey);
    return { entries, more: false };
  }

  /** The registered hours the bounds allow, in walking order, read a page at a time. */
  async function* walkBuckets(request: IndexPageRequest): AsyncGenerator<string> {
    const low = request.afterSeq === undefined ? undefined : bucketOfBound(request.afterSeq);
    const high = request.beforeSeq === undefined ? undefined : bucketOfBound(request.beforeSeq);
    if (low !== undefined && high !== undefined && low > high) return;
    const values: Record<string, string> = { ':pk': BUCKET_REGISTRY_PK };
    if (low !== undefined) values[':after'] = low;
    if (high !== undefined) values[':before'] = high;
    // The hours of the bounds themselves may hold entries within the bounds: inclusive here.
    const condition = keyCondition(low !== undefined ? '>= :after' : undefined, high !== undefined ? '<= :before' : undefined);

    let startKey: Record<string, unknown> | undefined;
    do {
      const input: QueryCommandInput = {
        TableName: tableName,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: { '#pk': 'pk', ...(condition.includes('#sk') ? { '#sk': 'sk' } : {}) },
        ExpressionAttributeValues: values,
        ScanIndexForward: request.ascending,
        ConsistentRead: true,
        Limit: BUCKET_PAGE_SIZE,
        ExclusiveStartKey: startKey,
      };
      const output = await call('Query', () => doc.send(new QueryCommand(input)));
      for (const item of output.Items ?? []) yield toBucket(item);
      startKey = output.LastEvaluatedKey;
    } while (startKey);
  }

  async function transact(plan: InsertPlan): Promise<void> {
    const statementUpdates = plan.statements.map((statement) => {
      const id = statement.statement.id;
      const voidedBy = plan.voidedInBatch.get(id);
      const voiding = voidedBy === undefined ? undefined : { name: { '#voidedBy': 'voidedBy' }, value: { ':voidedBy': voidedBy } };
      return {
        Update: {
          TableName: tableName,
          Key: statementKey(id),
          // SET, not Put: a voidedBy left by a voiding statement that arrived first must survive.
          UpdateExpression:
            'SET #seq = :seq, #body = :body, #indexKeys = :indexKeys' + (voiding ? ', #voidedBy = if_not_exists(#voidedBy, :voidedBy)' : ''),
          ConditionExpression: 'attribute_not_exists(#body)',
          ExpressionAttributeNames: { '#seq': 'seq', '#body': 'body', '#indexKeys': 'indexKeys', ...voiding?.name },
          ExpressionAttributeValues: {
            ':seq': statement.seq,
            ':body': plan.bodies.get(id),
            ':indexKeys': statement.indexKeys,
            ...voiding?.value,
          },
        },
      };
    });
    // No condition: the target may arrive later and is then stored already voided. if_not_exists
    // keeps the first voiding statement's id should a second one void the same target.
    const targetUpdates = [...plan.voidedOutside].map(([targetId, voidingId]) => ({
      Update: {
        TableName: tableName,
        Key: statementKey(targetId),
        UpdateExpression: 'SET #voidedBy = if_not_exists(#voidedBy, :voidedBy)',
        ExpressionAttributeNames: { '#voidedBy': 'voidedBy' },
        ExpressionAttributeValues: { ':voidedBy': voidingId },
      },
    }));

    for (let attempt = 1; ; attempt++) {
      try {
        // Statement updates first, so cancellation reason i belongs to plan.statements[i].
        await doc.send(new TransactWriteCommand({ TransactItems: [...statementUpdates, ...targetUpdates] }));
        return;
      } catch (error) {
        const retryable =
          (error instanceof TransactionCanceledException && isRetryableCancellation(error)) || THROTTLING_ERRORS.has(errorName(error));
        if (!retryable || attempt >= TRANSACTION_ATTEMPTS) throw error;
        await backoff(attempt);
      }
    }
  }

  /**
   * Deletes the entries an insert wrote, except those of a statement stored under exactly the
   * seq of this insert: that is an earlier attempt of this very insert that did commit (a retry
   * after a timeout), and its entries are the live ones. Best effort: leftovers are inert anyway.
   */
  async function removeInertEntries(statements: readonly NewStatement[]): Promise<void> {
    try {
      const items = await batchGet(statements.map((s) => statementKey(s.statement.id)), 'pk, seq, body');
      const storedSeqs = new Map(items.map(toStoredSeq).flatMap((stored) => (stored ? [[stored.id, stored.seq] as const] : [])));
      const garbage = statements.filter((s) => storedSeqs.get(s.statement.id) !== s.seq);
      await batchWrite(garbage.flatMap(indexEntryItems).map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })));
    } catch {
      // Left behind, the entries cost a little storage and a skipped candidate on reads; the
      // caller's error (conflict or throttling) is what matters.
    }
  }

  async function batchWrite(requests: readonly WriteRequest[]): Promise<void> {
    await forEachConcurrently(chunk(requests, BATCH_WRITE_SIZE), BATCH_CONCURRENCY, async (part) => {
      await drain(part, 'BatchWriteItem', async (pending) => {
        const output = await call('BatchWriteItem', () => doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } })));
        return (output.UnprocessedItems?.[tableName] ?? []).map(toWriteRequest);
      });
    });
  }

  async function batchGet(keys: readonly Key[], projection: string): Promise<Item[]> {
    const items: Item[] = [];
    await forEachConcurrently(chunk(keys, BATCH_GET_SIZE), BATCH_CONCURRENCY, async (part) => {
      await drain(part, 'BatchGetItem', async (pending) => {
        const input = { RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true, ProjectionExpression: projection } } };
        const output = await call('BatchGetItem', () => doc.send(new BatchGetCommand(input)));
        items.push(...(output.Responses?.[tableName] ?? []));
        return (output.UnprocessedKeys?.[tableName]?.Keys ?? []).map(toKey);
      });
    });
    return items;
  }

  function translate(error: unknown, operation: string): Error {
    if (error instanceof AppError || error instanceof MalformedStatementItemError) return error;
    if (THROTTLING_ERRORS.has(errorName(error))) return new ThrottledError(BUSY_MESSAGE, { cause: error });
    return new Error(`DynamoDB ${operation} on ${tableName} failed: ${errorName(error) || 'unknown error'}.`, { cause: error });
  }

  async function call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw translate(error, operation);
    }
  }

  return { getByIds, insert, readIndex };
}

// ---- The write plan and its limits ----

interface InsertPlan {
  statements: readonly NewStatement[];
  /** The body attribute of each statement, by id. */
  bodies: Map<string, string>;
  /** Voided target id → voiding statement id, for targets inside the batch. */
  voidedInBatch: Map<string, string>;
  /** Voided target id → voiding statement id, for targets stored earlier or arriving later. */
  voidedOutside: Map<string, string>;
}

function planInsert(statements: readonly NewStatement[]): InsertPlan {
  const ids = new Set(statements.map((s) => s.statement.id));
  const voidedInBatch = new Map<string, string>();
  const voidedOutside = new Map<string, string>();
  for (const statement of statements) {
    if (statement.voids === undefined) continue;
    // A transaction may not touch one item twice: a target in the batch is voided in its own update.
    const targets = ids.has(statement.voids) ? voidedInBatch : voidedOutside;
    if (!targets.has(statement.voids)) targets.set(statement.voids, statement.statement.id);
  }
  const bodies = new Map(statements.map((s) => [s.statement.id, statementBody(s.statement)]));
  return { statements, bodies, voidedInBatch, voidedOutside };
}

/** Mistakes of the caller that DynamoDB would otherwise report as an opaque ValidationException. */
function assertConsistentBatch(statements: readonly NewStatement[]): void {
  const ids = new Set<string>();
  const seqs = new Set<string>();
  for (const { statement, seq, indexKeys } of statements) {
    if (ids.has(statement.id)) throw new Error(`insert() got statement id ${statement.id} twice; a batch needs distinct ids.`);
    if (!isSeq(seq)) throw new Error(`insert() got statement ${statement.id} with seq "${seq}", which is not a seq (see seq.ts).`);
    if (seqs.has(seq)) throw new Error(`insert() got seq ${seq} twice; every statement needs its own seq.`);
    const reserved = indexKeys.find((key) => key.startsWith(`${ALL_KEY}#`));
    if (reserved !== undefined) throw new Error(`Index key "${reserved}" of statement ${statement.id} is reserved for the time buckets of "all".`);
    bucketOfSeq(seq);
    ids.add(statement.id);
    seqs.add(seq);
  }
}

function assertWithinLimits(plan: InsertPlan): void {
  const limits = STATEMENT_STORE_LIMITS;
  const outside = plan.voidedOutside.size;
  if (plan.statements.length + outside > limits.transactionActions) {
    throw new PayloadTooLargeError(
      `This request holds ${plan.statements.length} statements` +
        (outside > 0 ? ` and voids ${outside} statements that are not in it` : '') +
        `; the LRS stores at most ${limits.transactionActions} of those together. ` +
        `Send at most ${Math.max(1, limits.transactionActions - outside)} statements per request ` +
        '(each voided statement that is not in the request counts as one more).',
    );
  }
  let total = 0;
  for (const statement of plan.statements) {
    const size = statementItemBytes(statement, plan.bodies.get(statement.statement.id) ?? '');
    if (size > limits.itemBytes) {
      throw new PayloadTooLargeError(
        `Statement ${statement.statement.id} is larger than the ${limits.itemBytes / 1024} KB the LRS can store for one statement ` +
          `(${size} bytes as stored). Make it smaller, e.g. move large extension values into an attachment or a document elsewhere.`,
      );
    }
    total += size;
  }
  for (const [targetId, voidingId] of plan.voidedOutside) total += voidMarkerBytes(targetId, voidingId);
  if (total > limits.transactionBytes) {
    throw new PayloadTooLargeError(
      `The statements in this request take ${total} bytes together; the LRS stores at most ` +
        `${limits.transactionBytes / (1024 * 1024)} MB in one request. Send fewer statements per request.`,
    );
  }
}

// ---- Errors ----

function cancellationError(error: TransactionCanceledException, statements: readonly NewStatement[]): Error {
  const reasons = error.CancellationReasons ?? [];
  const taken = statements.filter((_, index) => reasons[index]?.Code === 'ConditionalCheckFailed').map((s) => s.statement.id);
  if (taken.length > 0) return new StatementConflictError(taken, { cause: error });
  if (isRetryableCancellation(error)) return new ThrottledError(BUSY_MESSAGE, { cause: error });
  const codes = reasons.map((reason) => reason.Code ?? 'None').join(', ');
  return new Error(`DynamoDB canceled the statement transaction (reasons: ${codes}).`, { cause: error });
}

function isRetryableCancellation(error: TransactionCanceledException): boolean {
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None').filter((code) => code !== 'None');
  return codes.length > 0 && codes.every((code) => RETRYABLE_CANCELLATIONS.has(code));
}

/** The key condition for `#pk = :pk` and optional bounds on `#sk` (values `:after`, `:before`). */
function keyCondition(lower: string | undefined, upper: string | undefined): string {
  if (lower !== undefined && upper !== undefined) return '#pk = :pk AND #sk BETWEEN :after AND :before';
  if (lower !== undefined) return `#pk = :pk AND #sk ${lower}`;
  if (upper !== undefined) return `#pk = :pk AND #sk ${upper}`;
  return '#pk = :pk';
}

function toWriteRequest(request: { PutRequest?: { Item?: Item }; DeleteRequest?: { Key?: Item } }): WriteRequest {
  if (request.PutRequest?.Item) return { PutRequest: { Item: request.PutRequest.Item } };
  if (request.DeleteRequest?.Key) return { DeleteRequest: { Key: toKey(request.DeleteRequest.Key) } };
  throw new Error('DynamoDB handed back an unprocessed write request that is neither a put nor a delete.');
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}
