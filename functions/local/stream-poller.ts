/**
 * The local stand-in for Lambda's event source mapping on the table's DynamoDB stream: polls the
 * stream of DynamoDB Local (DescribeTable → LatestStreamArn, DescribeStream → shards,
 * GetShardIterator, GetRecords every ~250 ms), keeps only the records each stream handler's filter
 * passes (functions/routes.ts, streamHandlers) and invokes the very same handler module with a
 * DynamoDBStreamEvent, as AWS would.
 *
 * Like the event source mapping: records of a shard are handed over in order; a batch whose
 * handler reports item failures (or throws) is retried from the first failed record, a few times
 * with a pause, and then skipped with a log line (AWS would send it to the on-failure queue).
 * Shards open at start-up are read from LATEST (what happened before the start is history, see
 * `npm run rebuild-projections`); shards that appear later (DynamoDB rolls shards over) from
 * TRIM_HORIZON, so nothing written while the poller runs is missed.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as SdkRecord,
  type AttributeValue as SdkAttributeValue,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamHandlerDef } from '../routes.js';
import { createLambdaContext, functionNameFor } from './lambda-context.js';

export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void>;

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  handlers: readonly StreamHandlerDef[];
  /** Repository root; handler paths are relative to it. */
  rootDir: string;
  /** Defaults to a dynamic import of the module file (works under tsx). */
  loadHandler?: (handlerPath: string) => Promise<StreamHandler>;
  region?: string;
  intervalMs?: number;
  /** Invocations of a failing batch before it is skipped. */
  maxAttempts?: number;
  log?: (line: string) => void;
}

export interface StreamPoller {
  streamArn: string;
  /** Resolves after a full poll round that started after the call found nothing new and nothing is being retried. */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A table without a stream, or a stream that cannot be read. */
export class StreamPollerError extends Error {
  override readonly name = 'StreamPollerError';
}

interface ShardCursor {
  shardId: string;
  iterator: string | undefined;
  lastSequenceNumber: string | undefined;
  /** Records read but not yet handed over successfully (a failed batch waits here). */
  pending: DynamoDBRecord[];
  attempts: number;
  retryAt: number;
}

const DEFAULT_INTERVAL_MS = 250;
const DISCOVERY_EVERY_ROUNDS = 8;
const RECORDS_PER_CALL = 1000;
const HANDLER_TIMEOUT_MS = 60_000;

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const region = options.region ?? 'local';
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const dynamo = new DynamoDBClient({ endpoint: options.endpoint, region, credentials });
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region, credentials });
  const log = options.log ?? ((line: string) => console.log(line));
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const maxAttempts = options.maxAttempts ?? 3;
  const load = options.loadHandler ?? importStreamHandlerFrom(options.rootDir);
  const handlers = await Promise.all(options.handlers.map(async (def) => ({ def, handle: await load(def.handler) })));

  let streamArn: string;
  try {
    const table = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
    const arn = table.Table?.LatestStreamArn;
    if (!arn || !table.Table?.StreamSpecification?.StreamEnabled) throw new StreamPollerError(`Table ${options.tableName} has no stream; table-definition.ts enables one.`);
    streamArn = arn;
  } catch (error) {
    dynamo.destroy();
    streams.destroy();
    throw error instanceof StreamPollerError ? error : new StreamPollerError(`Could not find the stream of table ${options.tableName}.`, { cause: error });
  }

  const cursors = new Map<string, ShardCursor>();
  const seenShards = new Set<string>();

  async function discoverShards(startAt: ShardIteratorType): Promise<void> {
    let exclusiveStartShardId: string | undefined;
    do {
      const described = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(exclusiveStartShardId ? { ExclusiveStartShardId: exclusiveStartShardId } : {}) }));
      for (const shard of described.StreamDescription?.Shards ?? []) {
        const shardId = shard.ShardId;
        if (!shardId || seenShards.has(shardId)) continue;
        seenShards.add(shardId);
        // At start-up a closed shard is history; later, a new shard (even one closed already) holds records written since.
        if (startAt === 'LATEST' && shard.SequenceNumberRange?.EndingSequenceNumber) continue;
        const iterator = await shardIterator(shardId, startAt);
        cursors.set(shardId, { shardId, iterator, lastSequenceNumber: undefined, pending: [], attempts: 0, retryAt: 0 });
      }
      exclusiveStartShardId = described.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
  }

  async function shardIterator(shardId: string, type: ShardIteratorType, sequenceNumber?: string): Promise<string | undefined> {
    const result = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, ...(sequenceNumber ? { SequenceNumber: sequenceNumber } : {}) }),
    );
    return result.ShardIterator;
  }

  /** One GetRecords on a shard; true when it brought records. */
  async function readShard(cursor: ShardCursor): Promise<boolean> {
    if (!cursor.iterator) return false;
    let result;
    try {
      result = await streams.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: RECORDS_PER_CALL }));
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'ExpiredIteratorException') {
        cursor.iterator = await shardIterator(cursor.shardId, cursor.lastSequenceNumber ? 'AFTER_SEQUENCE_NUMBER' : 'LATEST', cursor.lastSequenceNumber);
        return false;
      }
      if (name === 'TrimmedDataAccessException') {
        cursor.iterator = await shardIterator(cursor.shardId, 'TRIM_HORIZON');
        return false;
      }
      throw error;
    }
    cursor.iterator = result.NextShardIterator;
    const records = result.Records ?? [];
    for (const record of records) cursor.pending.push(toLambdaRecord(record, streamArn, region));
    if (records.length > 0) cursor.lastSequenceNumber = records.at(-1)?.dynamodb?.SequenceNumber;
    return records.length > 0;
  }

  /** Hands the shard's pending records to every handler whose filter passes them; keeps the failed rest. */
  async function deliver(cursor: ShardCursor): Promise<void> {
    if (cursor.pending.length === 0 || Date.now() < cursor.retryAt) return;
    let firstFailed = cursor.pending.length;
    for (const { def, handle } of handlers) {
      const records = cursor.pending.filter((record) => passesFilter(def, record));
      if (records.length === 0) continue;
      for (let start = 0; start < records.length; start += def.batchSize) {
        const batch = records.slice(start, start + def.batchSize);
        const failedAt = await invoke(def, handle, batch);
        if (failedAt !== undefined) {
          firstFailed = Math.min(firstFailed, cursor.pending.indexOf(batch[failedAt]!));
          break;
        }
      }
    }
    if (firstFailed === cursor.pending.length) {
      cursor.pending = [];
      cursor.attempts = 0;
      return;
    }
    cursor.attempts += 1;
    if (cursor.attempts >= maxAttempts) {
      const skipped = cursor.pending.slice(firstFailed);
      log(`stream: skipping ${skipped.length} record(s) from ${skipped[0]?.dynamodb?.SequenceNumber} after ${cursor.attempts} failed attempts (AWS would send them to the on-failure queue)`);
      cursor.pending = [];
      cursor.attempts = 0;
      return;
    }
    // Like the event source mapping, the shard waits: the failed record and everything after it again.
    cursor.pending = cursor.pending.slice(firstFailed);
    cursor.retryAt = Date.now() + 500 * 2 ** cursor.attempts;
  }

  /** The index of the first failed record of the batch, or undefined when all went through. */
  async function invoke(def: StreamHandlerDef, handle: StreamHandler, batch: DynamoDBRecord[]): Promise<number | undefined> {
    const context = createLambdaContext({ functionName: functionNameFor(def.handler), awsRequestId: randomUUID(), timeoutMs: HANDLER_TIMEOUT_MS });
    try {
      const response = await handle({ Records: batch }, context);
      const failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
      if (failed.size === 0) return undefined;
      const index = batch.findIndex((record) => failed.has(record.dynamodb?.SequenceNumber ?? ''));
      return index === -1 ? 0 : index;
    } catch (error) {
      log(`stream: ${def.handler} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return 0;
    }
  }

  let stopped = false;
  let rounds = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const waiters: Array<{ afterRound: number; resolve: () => void }> = [];

  async function round(): Promise<void> {
    rounds += 1;
    const thisRound = rounds;
    let busy = false;
    try {
      if (thisRound % DISCOVERY_EVERY_ROUNDS === 0 || [...cursors.values()].some((c) => !c.iterator)) {
        for (const [id, cursor] of cursors) if (!cursor.iterator && cursor.pending.length === 0) cursors.delete(id);
        await discoverShards('TRIM_HORIZON');
      }
      for (const cursor of cursors.values()) {
        if (stopped) return;
        if (cursor.pending.length === 0 && (await readShard(cursor))) busy = true;
        if (cursor.pending.length > 0) {
          busy = true;
          await deliver(cursor);
        }
      }
    } catch (error) {
      busy = true;
      if (!stopped) log(`stream: polling failed, trying again: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!busy) {
      for (const waiter of waiters.splice(0)) {
        if (waiter.afterRound < thisRound) waiter.resolve();
        else waiters.push(waiter);
      }
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(() => {
        running = undefined;
        schedule();
      });
    }, intervalMs);
  }

  try {
    await discoverShards('LATEST');
  } catch (error) {
    dynamo.destroy();
    streams.destroy();
    throw new StreamPollerError(`Could not read the shards of stream ${streamArn}.`, { cause: error });
  }
  schedule();

  return {
    streamArn,
    settled(timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const waiter = { afterRound: rounds, resolve: () => (clearTimeout(deadline), resolve()) };
        const deadline = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new StreamPollerError(`The stream did not settle within ${timeoutMs} ms.`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      dynamo.destroy();
      streams.destroy();
    },
  };
}

/** The event source mapping's filter, as infra/stack.ts gives it to AWS. */
export function passesFilter(def: Pick<StreamHandlerDef, 'pkPrefix' | 'newImageAttribute'>, record: DynamoDBRecord): boolean {
  const pk = record.dynamodb?.Keys?.pk?.S;
  return pk !== undefined && pk.startsWith(def.pkPrefix) && record.dynamodb?.NewImage?.[def.newImageAttribute] !== undefined;
}

export function importStreamHandlerFrom(rootDir: string): (handlerPath: string) => Promise<StreamHandler> {
  return async (handlerPath) => {
    const module = (await import(pathToFileURL(resolve(rootDir, handlerPath)).href)) as { handler?: unknown };
    if (typeof module.handler !== 'function') throw new StreamPollerError(`${handlerPath} does not export a function named "handler"`);
    return module.handler as StreamHandler;
  };
}

/** A record as GetRecords returns it → as Lambda hands it to a handler. */
export function toLambdaRecord(record: SdkRecord, streamArn: string, region: string): DynamoDBRecord {
  const stream = record.dynamodb ?? {};
  const image = (value: Record<string, SdkAttributeValue> | undefined) => (value ? mapValues(value, toLambdaValue) : undefined);
  const keys = image(stream.Keys);
  const newImage = image(stream.NewImage);
  const oldImage = image(stream.OldImage);
  return {
    eventID: record.eventID ?? randomUUID(),
    ...(record.eventName ? { eventName: record.eventName } : {}),
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(stream.ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(stream.ApproximateCreationDateTime.getTime() / 1000) } : {}),
      ...(keys ? { Keys: keys } : {}),
      ...(newImage ? { NewImage: newImage } : {}),
      ...(oldImage ? { OldImage: oldImage } : {}),
      ...(stream.SequenceNumber ? { SequenceNumber: stream.SequenceNumber } : {}),
      ...(stream.SizeBytes !== undefined ? { SizeBytes: stream.SizeBytes } : {}),
      ...(stream.StreamViewType ? { StreamViewType: stream.StreamViewType } : {}),
    },
  };
}

/** The SDK's attribute value (binary as bytes) → the Lambda event's (binary as base64). */
function toLambdaValue(value: SdkAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  if (value.M !== undefined) return { M: mapValues(value.M, toLambdaValue) };
  return { NULL: true };
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
