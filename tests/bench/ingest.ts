/**
 * Ingestion through the local server (single POSTs and batches of 50, concurrency 16) beside raw
 * writes of the very same DynamoDB items straight to DynamoDB Local. The raw side replays the
 * items the LRS wrote (statement item, index entries, time bucket), so the ratio shows what the
 * LRS adds: HTTP, validation, authentication, the immutability check and the transaction.
 */
import { randomUUID } from 'node:crypto';
import { BatchWriteItemCommand, PutItemCommand, ScanCommand, CreateTableCommand, waitUntilTableExists, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { LocalApp } from '../support/local-app.js';
import { tableInputWithoutStream } from '../support/dynamodb.js';
import { fmt, percentile, runConcurrently } from './stats.js';

const CONCURRENCY = 16;

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

function figures(label: string, statements: number, seconds: number, latencies: number[]): IngestFigures {
  return { label, statements, perSecond: statements / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function timed(fn: () => Promise<number[]>): Promise<{ seconds: number; latencies: number[] }> {
  const start = performance.now();
  const latencies = await fn();
  return { seconds: (performance.now() - start) / 1000, latencies };
}

export async function benchIngest(app: LocalApp, counts = { single: 1_000, batches: 60 }): Promise<IngestFigures[]> {
  // DynamoDB Local's JVM is several times faster once warm: warm it before the first measured run,
  // so neither side pays for the warm-up.
  const warmTable = await freshTable(app);
  await runConcurrently(Array.from({ length: 2_000 }, (_, i) => i), CONCURRENCY, async (i) => {
    await app.table.client.send(new PutItemCommand({ TableName: warmTable, Item: { pk: { S: `WARM#${i % 50}` }, sk: { S: String(i) } } }));
  });
  const singles = Array.from({ length: counts.single }, (_, i) => benchStatement(i));
  const single = await timed(() => runConcurrently(singles, CONCURRENCY, (s) => post(app, s)));
  const groups = await itemsByStatement(app);

  const batches = Array.from({ length: counts.batches }, (_, b) => Array.from({ length: 50 }, (_, i) => benchStatement(b * 50 + i)));
  const batched = await timed(() => runConcurrently(batches, CONCURRENCY, (batch) => post(app, batch)));

  // The raw baselines write every item the LRS wrote, as fast as DynamoDB Local takes them:
  // all items independent of each other, 16 requests in flight.
  const allItems = groups.flat();
  const rawPutTable = await freshTable(app);
  const rawPut = await timed(() => runConcurrently(allItems, CONCURRENCY, async (Item) => void (await app.table.client.send(new PutItemCommand({ TableName: rawPutTable, Item })))));
  const rawBatchTable = await freshTable(app);
  const chunks: Item[][] = [];
  for (let i = 0; i < allItems.length; i += 25) chunks.push(allItems.slice(i, i + 25));
  const rawBatch = await timed(() =>
    runConcurrently(chunks, CONCURRENCY, async (items) => {
      let request: Record<string, { PutRequest: { Item: Item } }[]> | undefined = { [rawBatchTable]: items.map((Item) => ({ PutRequest: { Item } })) };
      while (request && Object.keys(request).length > 0) {
        const result = await app.table.client.send(new BatchWriteItemCommand({ RequestItems: request }));
        request = result.UnprocessedItems as typeof request;
      }
    }),
  );
  const itemsPerStatement = groups.reduce((sum, g) => sum + g.length, 0) / groups.length;
  console.log(`  (the LRS writes ${fmt(itemsPerStatement)} items per statement; the raw runs write the same items)`);
  return [
    figures('LRS single POST', singles.length, single.seconds, single.latencies),
    figures('raw PutItem, same items', groups.length, rawPut.seconds, []),
    figures('LRS batch of 50', counts.batches * 50, batched.seconds, batched.latencies),
    figures('raw BatchWriteItem, same items', groups.length, rawBatch.seconds, []),
  ];
}
