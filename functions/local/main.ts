/**
 * `npm start`: the local composition root. Runs the very same Lambda handlers behind a local
 * API Gateway stand-in (http-server.ts), with DynamoDB Local as the database and demo data seeded.
 * Order matters: cheap checks first (port, Java, lock), so a doomed start fails in a second with
 * one line; every resource is registered for cleanup the moment it exists.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../adapters/dynamodb/ensure-table.js';
import { ConfigError } from '../composition/config.js';
import { routes, streamHandlers } from '../routes.js';
import { buildWebApp } from '../../infra/web-build.js';
import { DynamoDbLocalStartError, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { prepareLocalEnvironment } from './environment.js';
import { createLocalServer } from './http-server.js';
import { startStreamPoller } from './stream-poller.js';
import { startForwardWorker } from './forward-worker.js';
import { getForwardingDeps } from '../composition/forwarding.js';
import { acquireInstanceLock } from './instance-lock.js';
import { assertJavaAvailable, assertPortFree, findFreePort, PortInUseError } from './preflight.js';
import { formatDemoCredentials, seedDemoData } from './seed.js';
import { readLocalSettings, type LocalSettings } from './settings.js';
import { createCleanup, onStopSignal, type Cleanup } from './shutdown.js';
import { LocalStartupError } from './startup-error.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOST = 'localhost';
const TABLE_NAME = 'introductie-pg-local';

// Before the first SDK client exists: Node 20 works, the warning would only confuse.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const cleanup = createCleanup();
let stopRequested = false;
const startup = start();

onStopSignal(() => {
  stopRequested = true;
  console.log('\nStopping…');
  // A start still under way finishes (or fails) first, so whatever it started is known and undone.
  void startup
    .catch(() => undefined)
    .then(() => cleanup.run())
    .then(() => process.exit(0));
});
startup.catch(async (error: unknown) => {
  if (stopRequested) return; // e.g. Ctrl-C also reached Java; the stop handler takes it from here.
  await cleanup.run();
  reportStartupFailure(error);
  process.exit(1);
});
process.on('uncaughtException', (error) => void failHard(error));
process.on('unhandledRejection', (error) => void failHard(error));

async function start(): Promise<void> {
  const settings = readLocalSettings(process.env, REPO_ROOT);
  await assertPortFree(settings.port, HOST);
  assertJavaAvailable();
  const lock = acquireInstanceLock(settings.dataDir);
  cleanup.add('release the instance lock', () => lock.release());
  const db = await startDatabase(settings, cleanup);
  const tableState = await ensureTableAt(db.endpoint);
  const baseUrl = `http://localhost:${settings.port}`;
  Object.assign(process.env, await prepareLocalEnvironment({ dataDir: settings.dataDir, baseUrl, tableName: TABLE_NAME, dynamoEndpoint: db.endpoint }));
  const credentials = await seedDemoData({
    endpoint: db.endpoint,
    tableName: TABLE_NAME,
    ...(settings.lrsKey ? { lrsKey: settings.lrsKey } : {}),
    ...(settings.lrsSecret ? { lrsSecret: settings.lrsSecret } : {}),
  });
  if (stopRequested) return;
  // The participant web app, built from functions/web at every start (served by functions/handlers/web/assets.ts).
  const web = await buildWebApp(join(settings.dataDir, 'web'));
  process.env.WEB_ASSETS_DIR = join(settings.dataDir, 'web');
  await serveRoutes(settings.port, cleanup);
  // The table's stream → the same stream handlers as in AWS (e.g. statements → readiness).
  const poller = await startStreamPoller({ endpoint: db.endpoint, tableName: TABLE_NAME, handlers: streamHandlers, rootDir: REPO_ROOT });
  cleanup.add('stop the stream poller', () => poller.stop());
  // The forwarding queue (persisted in the table) → the same forwarder as in AWS.
  const forwarder = startForwardWorker({ resolveDeps: getForwardingDeps, log: (line) => console.log(line) });
  cleanup.add('stop the forwarder', () => forwarder.stop());
  console.log(
    [
      `DynamoDB Local: ${db.endpoint}  (${settings.dbPath ? `data in ${displayPath(settings.dbPath)}` : 'in memory: gone when stopped'}; table ${TABLE_NAME} ${tableState})`,
      `App:            ${baseUrl}  (web app ${(web.jsGzipBytes / 1024).toFixed(1)} KB gzipped)`,
      `xAPI endpoint:  ${baseUrl}/xapi`,
      '',
      formatDemoCredentials(credentials, baseUrl),
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

async function startDatabase(settings: LocalSettings, cleanup: Cleanup): Promise<DynamoDbLocal> {
  if (settings.dbPath) mkdirSync(settings.dbPath, { recursive: true });
  const db = await startDynamoDbLocal({ port: await findFreePort(), ...(settings.dbPath ? { dbPath: settings.dbPath } : {}) });
  cleanup.add('stop DynamoDB Local', () => db.stop());
  return db;
}

async function ensureTableAt(endpoint: string): Promise<'created' | 'existed'> {
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    return await ensureTable(client, TABLE_NAME);
  } finally {
    client.destroy();
  }
}

/** Every route of the table, localOnly ones included: locally there is no Cognito to stand in for them. */
async function serveRoutes(port: number, cleanup: Cleanup): Promise<Server> {
  const server = createLocalServer({ routes, rootDir: REPO_ROOT, log: (line) => console.log(line) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error));
    server.listen(port, HOST, () => resolve());
  });
  cleanup.add('close the HTTP server', () => closeServer(server));
  return server;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Browsers keep idle connections open; without this, close() would wait for them.
    server.closeAllConnections();
  });
}

function reportStartupFailure(error: unknown): void {
  const expected = error instanceof LocalStartupError || error instanceof DynamoDbLocalStartError || error instanceof ConfigError;
  if (expected) console.error(error.message);
  else console.error('The local runtime failed to start:', error);
}

async function failHard(error: unknown): Promise<void> {
  console.error('The local runtime crashed:', error);
  await cleanup.run();
  process.exit(1);
}

function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd.startsWith('..') ? path : fromCwd;
}
