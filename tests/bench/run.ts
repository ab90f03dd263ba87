/**
 * The benchmark (npm run bench): one DynamoDB Local, the module in-process behind the local
 * server, and figures printed side by side with their ratios. Ratios measured in one run are what
 * to compare across machines; absolute times vary.
 */
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { freePort } from '../setup/dynamodb-local.js';
import { startLocalApp } from '../support/local-app.js';
import { benchIngest } from './ingest.js';
import { benchQuery } from './query.js';
import { benchBundles, formatBundleTable } from './bundles.js';
import { benchReadiness, formatReadiness } from './readiness.js';
import { fmt } from './stats.js';

const quick = process.argv.includes('--quick');

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Each section gets its own DynamoDB Local: a JVM filled by one section would slow the next.
  // Within a section, the LRS and the raw baseline share one instance, so their ratio is fair.
  await withDynamoDbLocal(async (endpoint) => {
    console.log('\n== Ingestion (concurrency 16, through the local server vs straight to DynamoDB Local)');
    // Without the stream poller: in AWS the stream's Lambda does not share the API's capacity.
    const app = await startLocalApp({ dynamoEndpoint: endpoint, streams: false });
    const ingest = await benchIngest(app, quick ? { single: 200, batches: 10 } : undefined);
    await app.close();
    for (const row of ingest) {
      const latency = Number.isNaN(row.p50) ? '(items written independently)' : `p50 ${fmt(row.p50).padStart(7)} ms   p99 ${fmt(row.p99).padStart(7)} ms per request`;
      console.log(`  ${row.label.padEnd(32)} ${fmt(row.perSecond, 0).padStart(7)} statements/s   ${latency}`);
    }
    const [single, rawPut, batch, rawBatch] = ingest;
    console.log(`  ratio single POST / raw PutItem:          ${fmt(single!.perSecond / rawPut!.perSecond, 2)}x (target >= 0.7)`);
    console.log(`  ratio batch POST / raw BatchWriteItem:    ${fmt(batch!.perSecond / rawBatch!.perSecond, 2)}x (target >= 0.7)`);
  });

  await withDynamoDbLocal(async (endpoint) => {
    const sizes = quick ? { small: 1_000, large: 5_000 } : { small: 1_000, large: 50_000 };
    console.log(`\n== GET query latency, median of 30, with ${sizes.small} and ${sizes.large} statements stored`);
    const app = await startLocalApp({ dynamoEndpoint: endpoint, streams: false });
    const query = await benchQuery(app, sizes, console.log);
    await app.close();
    for (const row of query) console.log(`  ${row.label.padEnd(24)} ${fmt(row.small).padStart(7)} ms  ${fmt(row.large).padStart(7)} ms   ratio ${fmt(row.large / row.small, 2)} (target <= 1.5)`);
  });

  await withDynamoDbLocal(async (endpoint) => {
    const sizes = quick ? { small: 10, large: 2_000, participants: 1_000 } : { small: 10, large: 10_000, participants: 1_000 };
    console.log(`\n== Readiness projection: cost per new statement (${sizes.small} vs ${sizes.large} prior statements), a coach's list of ${sizes.participants}`);
    for (const line of formatReadiness(await benchReadiness(endpoint, sizes, console.log))) console.log(line);
  });

  console.log('\n== Lambda bundles: size and module-load time in a fresh Node process');
  console.log(formatBundleTable(await benchBundles()));
}

async function withDynamoDbLocal(work: (endpoint: string) => Promise<void>): Promise<void> {
  const db = await startDynamoDbLocal({ port: await freePort() });
  try {
    await work(db.endpoint);
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
