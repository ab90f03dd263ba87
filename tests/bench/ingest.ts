/**
 * Ingestion through the local server (single POSTs and batches of 50, concurrency 16) beside raw
 * writes of the very same kind of DynamoDB items straight to DynamoDB Local. The raw side replays
 * the items the LRS wrote for 1,000 statements (statement item, index entries, time bucket), so
 * the ratio shows what the LRS adds: HTTP, validation, authentication, the immutability check and
 * the transaction.
 *
 * Fairness: DynamoDB Local's JVM keeps getting faster over its first tens of thousands of requests
 * (JIT). Measured in two runs before this layout, raw BatchWriteItem wrote 490-640 statements/s
 * right before the LRS's batches and 670-690/s at the end of the same runs, so whichever side ran
 * later looked better. Hence a warm-up round of every measured operation first (figures dropped),
 * and each raw figure taken twice, right before and right after its LRS run (A-B-A), so drift
 * during the section lands on both sides alike.
 */
import { randomUUID } from 'node:crypto';
import { BatchWriteItemCommand, PutItemCommand, ScanCommand, CreateTableCommand, waitUntilTableExists, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { LocalApp } from '../support/local-app.js';
import { tableInputWithoutStream } from '../support/dynamodb.js';
import { fmt, percentile, runConcurrently } from './stats.js';

const CONCURRENCY = 16;
const BATCH_SIZE = 50;

export function benchStatement(i: number, registration = randomUUID()) {
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', name: `Deelnemer ${i % 500}`, mbox: `mailto:deelnemer${i % 500}@voorbeeld.nl` },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'nl-NL': 'heeft bekeken' } },
    object: { objectType: 'Activity', id: `https://introductie-pg.nl/xapi/activities/pagina-${i % 40}`, definition: { name: { 'nl-NL': `Pagina ${i % 40}` } } },
    context: { registration, contextActivities: { parent: [{ id: 'https://introductie-pg.nl/xapi/course/introductie' }] } },
    timestamp: new Date().toISOString(),
  };
}

async function post(app: LocalApp, body: unknown): Promise<void> {
  const response = await app.fetch('/xapi/statements', {
    method: 'POST',
    headers: { authorization: app.basicAuth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`POST failed: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

type Item = Record<string, AttributeValue>;

/** Every item the LRS wrote, grouped by statement (bench only: a Scan is fine here, never on a request path). */
async function itemsByStatement(app: LocalApp): Promise<Item[][]> {
  const items: Item[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await app.table.client.send(new ScanCommand({ TableName: app.table.tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const groups = new Map<string, Item[]>();
  const statementItems = items.filter((item) => item.pk?.S?.startsWith('STATEMENT#'));
  const bySeq = new Map(statementItems.map((item) => [item.seq?.S ?? '', item.pk!.S!]));
  for (const item of items) {
    const owner = item.pk?.S?.startsWith('STATEMENT#') ? item.pk.S : bySeq.get(item.sk?.S ?? '');
    if (!owner) continue; // users, clients, bucket registry
    groups.set(owner, [...(groups.get(owner) ?? []), item]);
  }
  return [...groups.values()];
}

/** Defined like the LRS's table (the bench app's table has no stream either, see tableInputWithoutStream). */
async function freshTable(app: LocalApp): Promise<string> {
  const name = `bench-raw-${randomUUID()}`;
  await app.table.client.send(new CreateTableCommand(tableInputWithoutStream(name)));
  await waitUntilTableExists({ client: app.table.client, maxWaitTime: 30 }, { TableName: name });
  return name;
}

export interface IngestFigures {
  label: string;
  statements: number;
  perSecond: number;
  p50: number;
  p99: number;
}

interface Run {
  statements: number;
  seconds: number;
  latencies: number[];
}

function figures(label: string, runs: readonly Run[]): IngestFigures {
  const statements = runs.reduce((sum, run) => sum + run.statements, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const latencies = runs.flatMap((run) => run.latencies);
  return { label, statements, perSecond: statements / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function timed(statements: number, fn: () => Promise<number[]>): Promise<Run> {
  const start = performance.now();
  const latencies = await fn();
  return { statements, seconds: (performance.now() - start) / 1000, latencies };
}

/** Single statements through the local server, CONCURRENCY requests in flight. */
function lrsSingles(app: LocalApp, count: number, offset: number): Promise<Run> {
  const statements = Array.from({ length: count }, (_, i) => benchStatement(offset + i));
  return timed(count, () => runConcurrently(statements, CONCURRENCY, (s) => post(app, s)));
}

/** Batches of BATCH_SIZE through the local server, CONCURRENCY requests in flight. */
function lrsBatches(app: LocalApp, count: number, offset: number): Promise<Run> {
  const batches = Array.from({ length: count }, (_, b) => Array.from({ length: BATCH_SIZE }, (_, i) => benchStatement(offset + b * BATCH_SIZE + i)));
  return timed(count * BATCH_SIZE, () => runConcurrently(batches, CONCURRENCY, (batch) => post(app, batch)));
}

/** The items of `groups` into a fresh table, one PutItem each, all independent, CONCURRENCY in flight. */
async function rawPuts(app: LocalApp, groups: readonly Item[][]): Promise<Run> {
  const table = await freshTable(app);
  const items = groups.flat();
  return timed(groups.length, async () => {
    await runConcurrently(items, CONCURRENCY, async (Item) => void (await app.table.client.send(new PutItemCommand({ TableName: table, Item }))));
    return [];
  });
}

/** The items of `groups` into a fresh table in BatchWriteItem calls of 25, CONCURRENCY in flight. */
async function rawBatchWrites(app: LocalApp, groups: readonly Item[][]): Promise<Run> {
  const table = await freshTable(app);
  const items = groups.flat();
  const chunks: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  return timed(groups.length, async () => {
    await runConcurrently(chunks, CONCURRENCY, async (part) => {
      let request: Record<string, { PutRequest: { Item: Item } }[]> | undefined = { [table]: part.map((Item) => ({ PutRequest: { Item } })) };
      while (request && Object.keys(request).length > 0) {
        const result = await app.table.client.send(new BatchWriteItemCommand({ RequestItems: request }));
        request = result.UnprocessedItems as typeof request;
      }
    });
    return [];
  });
}

export async function benchIngest(app: LocalApp, counts = { single: 1_000, batches: 60 }): Promise<IngestFigures[]> {
  // Warm-up round of every operation measured below (figures dropped). The batches get the full
  // volume: DynamoDB Local's transaction path is the last to be compiled, and with a quarter of
  // it the JIT compiler threads still took about 1.8 s of CPU during the measured batches.
  // The raw runs replay the items of the warm-up's statements.
  const warmSingles = Math.ceil(counts.single / 2);
  await lrsSingles(app, warmSingles, 0);
  await lrsBatches(app, counts.batches, warmSingles);
  const groups = (await itemsByStatement(app)).slice(0, counts.single);
  await rawPuts(app, groups);
  await rawBatchWrites(app, groups);

  let offset = warmSingles + counts.batches * BATCH_SIZE;
  const rawPutBefore = await rawPuts(app, groups);
  const single = await lrsSingles(app, counts.single, offset);
  const rawPutAfter = await rawPuts(app, groups);
  offset += counts.single;
  const rawBatchBefore = await rawBatchWrites(app, groups);
  const batched = await lrsBatches(app, counts.batches, offset);
  const rawBatchAfter = await rawBatchWrites(app, groups);

  const itemsPerStatement = groups.reduce((sum, g) => sum + g.length, 0) / groups.length;
  console.log(`  (the LRS writes ${fmt(itemsPerStatement)} items per statement; the raw runs write the items of ${groups.length} of its statements,`);
  console.log('   once right before and once right after the LRS run they stand beside, after a warm-up round of everything)');
  return [
    figures('LRS single POST', [single]),
    figures('raw PutItem, same items', [rawPutBefore, rawPutAfter]),
    figures('LRS batch of 50', [batched]),
    figures('raw BatchWriteItem, same items', [rawBatchBefore, rawBatchAfter]),
  ];
}
