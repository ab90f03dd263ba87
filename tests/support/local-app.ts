/**
 * The whole module in-process for a test file: a fresh table in the run's DynamoDB Local, the
 * local runtime's environment and demo data, and the local HTTP server serving every route of
 * the route table through the real handlers. Requests go over real HTTP.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createTestTable, type TestTable } from './dynamodb.js';
import { prepareLocalEnvironment } from '../../functions/local/environment.js';
import { seedDemoData, type DemoCredentials } from '../../functions/local/seed.js';
import { createLocalServer } from '../../functions/local/http-server.js';
import { routes, streamHandlers } from '../../functions/routes.js';
import { startStreamPoller, type StreamPoller } from '../../functions/local/stream-poller.js';
import { startForwardWorker, type ForwardWorker } from '../../functions/local/forward-worker.js';
import { getForwardingDeps } from '../../functions/composition/forwarding.js';
import { buildWebApp } from '../../infra/web-build.js';
import type { Role } from '../../functions/core/auth/principal.js';

export interface LocalApp {
  baseUrl: string;
  xapiEndpoint: string;
  table: TestTable;
  demo: DemoCredentials;
  /** `Basic ...` for the demo client (scope all). */
  basicAuth: string;
  /** A JWT for the first demo user with this role. */
  tokenFor(role: Role): Promise<string>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The table's stream → the stream handlers, as in AWS; absent with `streams: false`. */
  streams?: StreamPoller;
  /** The local forwarder draining the forwarding queue; only with `forwarding: true`. */
  forwarding?: ForwardWorker;
  close(): Promise<void>;
}

export const XAPI_HEADERS = { 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' };

export async function startLocalApp(options: { dynamoEndpoint?: string; streams?: boolean; forwarding?: boolean } = {}): Promise<LocalApp> {
  // Without the poller nothing reads the table's stream: leave it off (DynamoDB Local's stream slows writes).
  const table = await createTestTable(options.dynamoEndpoint, { stream: options.streams !== false });
  const dataDir = await mkdtemp(join(tmpdir(), 'ipg-app-'));
  // The server needs its own URL for the issuer before it listens: take the port first.
  const server: Server = createLocalServer({ routes, rootDir: process.cwd() });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, await prepareLocalEnvironment({ dataDir, baseUrl, tableName: table.tableName, dynamoEndpoint: table.endpoint }));
  const demo = await seedDemoData({ endpoint: table.endpoint, tableName: table.tableName });
  // The participant web app, as the local runtime builds it (functions/handlers/web/assets.ts serves it).
  await buildWebApp(join(dataDir, 'web'));
  process.env.WEB_ASSETS_DIR = join(dataDir, 'web');
  const streams =
    options.streams === false
      ? undefined
      : await startStreamPoller({ endpoint: table.endpoint, tableName: table.tableName, handlers: streamHandlers, rootDir: process.cwd(), log: (line) => console.error(line) });
  const forwarding = options.forwarding ? startForwardWorker({ resolveDeps: getForwardingDeps }) : undefined;
  const basicAuth = `Basic ${Buffer.from(`${demo.lrsKey}:${demo.lrsSecret}`).toString('base64')}`;
  const tokens = new Map<Role, string>();

  const app: LocalApp = {
    baseUrl,
    xapiEndpoint: `${baseUrl}/xapi`,
    table,
    demo,
    basicAuth,
    ...(streams ? { streams } : {}),
    ...(forwarding ? { forwarding } : {}),
    fetch: (path, init) => fetch(`${baseUrl}${path}`, init),
    async tokenFor(role) {
      const cached = tokens.get(role);
      if (cached) return cached;
      const user = demo.users.find((u) => u.roles.includes(role));
      if (!user) throw new Error(`No demo user with role ${role}`);
      const response = await app.fetch('/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: demo.password }),
      });
      if (response.status !== 200) throw new Error(`Login as ${role} failed: ${response.status} ${await response.text()}`);
      const { token } = (await response.json()) as { token: string };
      tokens.set(role, token);
      return token;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await streams?.stop();
      await forwarding?.stop();
      await table.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}
