/**
 * Statement forwarding survives an outage of the accreditation body's LRS. The target is a second
 * instance of this module's own LRS (`npm start` as a process, its data in a folder so a restart
 * keeps it). The source is the module in-process with its stream poller and local forwarder. An
 * admin configures forwarding; participants' statements go in, accreditation-relevant and health
 * data mixed; the target is stopped mid-way while statements keep coming, then started again.
 * Every accreditation-relevant statement must arrive exactly once, in order per participant, and
 * no health-data statement may arrive at all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../setup/dynamodb-local.js';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';
import { cases } from '../unit/profile/arbitraries.js';
import { isForwardable } from '../../functions/core/forwarding/policy.js';
import { getForwardingDeps } from '../../functions/composition/forwarding.js';
import type { TemplateName } from '../../functions/core/xapi/profile/vocabulary.js';
import type { StatementJson } from '../../functions/core/xapi/statement-store.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
const TARGET_KEY = 'accreditation-target';
const TARGET_SECRET = 'target-secret-0123456789';

interface Target {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

let dataDir: string;
let port: number;
let target: Target | undefined;
let app: LocalApp;
let proxy: Server;
let proxyUrl: string;

/**
 * What the forwarder sent and what it was answered, seen from a pass-through proxy in front of the
 * target (which stays up while the target is down, answering 502 then). The target LRS itself
 * would hide a duplicate (same id: a no-op), so this is where "never sent again once delivered"
 * shows.
 */
const wire: Array<{ event: 'request' | 'answered'; statementId: string; status?: number }> = [];

function startProxy(): Promise<void> {
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const statementId = new URL(req.url ?? '/', 'http://x').searchParams.get('statementId') ?? '';
      if (req.method === 'PUT') wire.push({ event: 'request', statementId });
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => ['authorization', 'content-type', 'x-experience-api-version'].includes(name))) as Record<string, string>;
      fetch(`http://localhost:${port}${req.url}`, { method: req.method ?? 'GET', headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) })
        .then(async (answer) => ({ status: answer.status, body: await answer.text() }))
        .catch(() => ({ status: 502, body: 'target down' }))
        .then(({ status, body }) => {
          res.once('finish', () => req.method === 'PUT' && wire.push({ event: 'answered', statementId, status }));
          res.writeHead(status, { 'content-type': 'application/json' }).end(body);
        });
    });
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => {
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/xapi`;
    resolve();
  }));
}

async function startTarget(): Promise<Target> {
  const child = spawn(TSX, ['functions/local/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), LOCAL_DATA_DIR: dataDir, LRS_DEMO_KEY: TARGET_KEY, LRS_DEMO_SECRET: TARGET_SECRET, DYNAMO_IN_MEMORY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started: Target = { child, output: () => output, exited };
  const deadline = Date.now() + 120_000;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!output.includes('Press Ctrl-C to stop.')) {
    if (gone || Date.now() > deadline) throw new Error(`The target LRS did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return started;
}

async function stopTarget(): Promise<void> {
  if (!target) return;
  target.child.kill('SIGINT');
  await target.exited;
  target = undefined;
}

const targetAuth = `Basic ${Buffer.from(`${TARGET_KEY}:${TARGET_SECRET}`).toString('base64')}`;
const targetUrl = () => `http://localhost:${port}/xapi`;

async function targetGet(query: string): Promise<Response> {
  return fetch(`${targetUrl()}/statements?${query}`, { headers: { authorization: targetAuth, 'x-experience-api-version': '1.0.3' } });
}

/** Every statement the target holds for this query, following `more`. */
async function targetAll(query: string): Promise<StatementJson[]> {
  const all: StatementJson[] = [];
  let url = `${targetUrl()}/statements?${query}`;
  for (;;) {
    const response = await fetch(url, { headers: { authorization: targetAuth, 'x-experience-api-version': '1.0.3' } });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { statements: StatementJson[]; more?: string };
    all.push(...page.statements);
    if (!page.more) return all;
    url = new URL(page.more, `http://localhost:${port}`).href;
  }
}

interface Participant {
  userId: string;
  registration: string;
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } };
}

const participants: Participant[] = Array.from({ length: 3 }, (_, i) => {
  const userId = `fwd-${i}-${randomUUID().slice(0, 8)}`;
  return { userId, registration: randomUUID(), actor: { objectType: 'Agent', account: { homePage: 'https://introductie-pg.nl', name: userId } } };
});

/** Built by the module's own builders (the profile's templates), re-addressed to a participant. */
function statementFor(participant: Participant, template: TemplateName): StatementJson {
  const [built] = fc.sample(cases[template], { numRuns: 1, seed: Math.floor(Math.random() * 1e9) });
  const statement = structuredClone(built!.statement) as unknown as StatementJson & { context?: { registration?: string } };
  statement.id = randomUUID();
  statement.actor = participant.actor;
  if (statement.context) statement.context.registration = participant.registration;
  return statement;
}

const sent: StatementJson[] = [];
const sentBy = new Map<string, StatementJson[]>();

async function produce(round: readonly TemplateName[]): Promise<void> {
  // Participants side by side, each in order: one statement per participant at a time.
  for (const template of round) {
    await Promise.all(
      participants.map(async (participant) => {
        const statement = statementFor(participant, template);
        const response = await app.fetch(`/xapi/statements?statementId=${statement.id}`, {
          method: 'PUT',
          headers: { ...XAPI_HEADERS, authorization: app.basicAuth },
          body: JSON.stringify(statement),
        });
        expect(response.status, await response.text()).toBe(204);
        sent.push({ ...statement, stored: '' });
        sentBy.set(participant.userId, [...(sentBy.get(participant.userId) ?? []), statement as StatementJson]);
      }),
    );
  }
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ipg-target-'));
  port = await freePort();
  target = await startTarget();
  await startProxy();
  // Quick retries for the test; enough attempts that the outage never dead-letters.
  Object.assign(process.env, { FORWARD_BASE_DELAY_MS: '200', FORWARD_MAX_DELAY_MS: '1000', FORWARD_MAX_ATTEMPTS: '1000', FORWARD_SEND_TIMEOUT_MS: '3000' });
  app = await startLocalApp({ forwarding: true });
}, 240_000);

afterAll(async () => {
  await app?.close();
  await stopTarget();
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
  for (const name of ['FORWARD_BASE_DELAY_MS', 'FORWARD_MAX_DELAY_MS', 'FORWARD_MAX_ATTEMPTS', 'FORWARD_SEND_TIMEOUT_MS']) delete process.env[name];
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

describe('forwarding through an outage of the target LRS', () => {
  it('delivers every accreditation-relevant statement exactly once, in order per participant, and no health data', async () => {
    const admin = { authorization: `Bearer ${await app.tokenFor('admin')}`, 'content-type': 'application/json' };
    const created = await app.fetch('/api/admin/forwarding-targets', {
      method: 'POST',
      headers: admin,
      // A broad filter on purpose: health data must still never leave.
      body: JSON.stringify({ accreditationBody: 'Kwaliteitsregister (test)', endpoint: proxyUrl, key: TARGET_KEY, secret: TARGET_SECRET }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { targetId } = (await created.json()) as { targetId: string };
    const listed = await (await app.fetch('/api/admin/forwarding-targets', { headers: admin })).text();
    expect(listed).toContain(targetId);
    expect(listed).not.toContain(TARGET_SECRET);

    // Before the outage.
    await produce(['reflectionWritten', 'finalTestFailed', 'spinnenwebFilledIn', 'finalTestPassed']);
    await waitFor(async () => (await targetAll('limit=100')).length > 0, 60_000, 'the first statements at the target');

    // The target goes down mid-way, while statements keep coming.
    await produce(['contactMomentAttended', 'assignmentReported']);
    await stopTarget();
    await produce(['evaluationSubmitted', 'courseCompleted', 'pageExperienced', 'finalTestPassed']);
    // Retries happen meanwhile (and fail): the queue holds what could not be delivered.
    await app.streams!.settled(60_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await getForwardingDeps().localQueue!.size()).toBeGreaterThan(0);

    // Back up, same data.
    target = await startTarget();
    await app.streams!.settled(60_000);
    await app.forwarding!.drained(120_000);

    const expected = sent.filter((s) => isForwardable(s, { verbs: [], activityTypes: [] }));
    const healthIds = sent.filter((s) => !expected.includes(s)).map((s) => s.id);
    expect(expected.length).toBe(participants.length * 5);
    expect(healthIds.length).toBe(participants.length * 5);

    // Exactly the expected statements, nothing else, none twice.
    const everything = await targetAll('limit=100');
    expect(everything.map((s) => s.id).sort()).toEqual(expected.map((s) => s.id).sort());
    for (const statement of expected) expect((await targetGet(`statementId=${statement.id}`)).status).toBe(200);
    for (const id of healthIds) expect((await targetGet(`statementId=${id}`)).status).toBe(404);

    // In order per participant: the target stored them in the order they were made.
    for (const participant of participants) {
      const mine = (sentBy.get(participant.userId) ?? []).filter((s) => isForwardable(s, { verbs: [], activityTypes: [] }));
      const atTarget = await targetAll(`agent=${encodeURIComponent(JSON.stringify(participant.actor))}&ascending=true&limit=100`);
      expect(atTarget.map((s) => s.id).sort()).toEqual(mine.map((s) => s.id).sort());
      const storedAt = new Map(atTarget.map((s) => [s.id, s.stored]));
      const inSourceOrder = mine.map((s) => storedAt.get(s.id)!);
      expect(inSourceOrder).toEqual([...inSourceOrder].sort());
    }

    // On the wire: each statement answered 2xx/409 exactly once, and never sent again after that;
    // the outage shows as failed sends (502) that were retried.
    for (const statement of expected) {
      const events = wire.filter((e) => e.statementId === statement.id);
      const delivered = events.findIndex((e) => e.event === 'answered' && (e.status! < 300 || e.status === 409));
      expect(delivered, `no successful send of ${statement.id}`).toBeGreaterThanOrEqual(0);
      expect(events.slice(delivered + 1), `sent again after delivery: ${statement.id}`).toEqual([]);
    }
    expect(wire.some((e) => e.event === 'answered' && e.status === 502)).toBe(true);
    expect(wire.filter((e) => healthIds.includes(e.statementId))).toEqual([]);

    // Nothing ended in the dead letters.
    const dead = (await (await app.fetch(`/api/admin/forwarding-targets/${targetId}/dead-letters`, { headers: admin })).json()) as { deadLetters: unknown[] };
    expect(dead.deadLetters).toEqual([]);
  }, 300_000);
});
