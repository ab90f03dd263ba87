/**
 * The readiness projection end to end on the local runtime: the local server with the real
 * handlers, and the stream poller feeding the table's DynamoDB stream to the stream handler, as
 * in AWS. Statements from the app update the record at once (inline); statements from any xAPI
 * client (HTTP Basic, /xapi/statements) reach it through the stream; the record equals the fold
 * GET /api/progress computes on read; passing the final test opens the gate at once, with exactly
 * one `unlocked` statement; and `rebuild-projections` gives the same record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createReadinessStore } from '../../functions/adapters/dynamodb/readiness-store.js';
import { createStatementStore } from '../../functions/adapters/dynamodb/statement-store.js';
import { loadCourse } from '../../functions/core/course/load.js';
import { loadProgress } from '../../functions/core/progress/load-progress.js';
import { summarizeProgress } from '../../functions/core/progress/progress-summary.js';
import { gateStatementId } from '../../functions/core/readiness/gate.js';
import type { ReadinessRecord, ReadinessStore } from '../../functions/core/readiness/ports.js';
import * as build from '../../functions/core/xapi/profile/builders.js';
import { VERBS } from '../../functions/core/xapi/profile/vocabulary.js';
import type { Statement } from '../../functions/core/xapi/statement-schema.js';
import { rebuildProjections } from '../../functions/local/rebuild-projections.js';
import { courseWalkthrough } from '../support/course-walkthrough.js';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';

const course = loadCourse();
const pages = course.workMoments.flatMap((m) => m.items).filter((i) => i.kind === 'page');
let app: LocalApp;
let carla: string;
let me: { userId: string; name: string };
let registration: string;
let readiness: ReadinessStore;
const T0 = Date.now() - 20 * 86_400_000;

beforeAll(async () => {
  process.env.LOCAL_TEST_CLOCK = '1';
  app = await startLocalApp();
  carla = await app.tokenFor('participant');
  me = (await (await api('GET', '/api/me')).json()) as { userId: string; name: string };
  registration = ((await (await api('GET', '/api/enrolment')).json()) as { registration: string }).registration;
  readiness = createReadinessStore({ doc: app.table.doc, tableName: app.table.tableName });
});
afterAll(() => app?.close());

function api(method: string, path: string, body?: unknown): Promise<Response> {
  return app.fetch(path, { method, headers: { authorization: `Bearer ${carla}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

async function asXapiClient(statements: Statement[]): Promise<void> {
  const response = await app.fetch('/xapi/statements', { method: 'POST', headers: { ...XAPI_HEADERS, authorization: app.basicAuth }, body: JSON.stringify(statements) });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function setServerTime(at: number): Promise<void> {
  const response = await app.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: at - Date.now() }) });
  expect(response.status).toBe(200);
}

const record = async (): Promise<ReadinessRecord> => (await readiness.get(registration))!;
const flush = (itemId: string, at: number) =>
  build.itemExperienced({ course, participant: me, registration, itemId, timestamp: new Date(at).toISOString(), activeIntervals: [[new Date(at - 60_000).toISOString(), new Date(at).toISOString()]] });

describe('statements from the app', () => {
  it('update the record at once, and their second delivery by the stream changes nothing', async () => {
    // The demo seed assigned Carla to a coach: her record exists, with nothing applied yet.
    const seeded = await record();
    expect(seeded).toMatchObject({ coachId: 'demo-coach-anna', creditedMinutes: 0 });
    await setServerTime(T0);
    expect((await api('POST', '/api/statements', [flush(pages[0]!.id, T0)])).status).toBe(200);
    expect(await record()).toMatchObject({ version: seeded.version + 1, creditedMinutes: 1, status: 'in_progress', participantName: me.name, coachId: 'demo-coach-anna' });
    await setServerTime(T0 + 61_000);
    expect((await api('POST', '/api/statements', [flush(pages[0]!.id, T0 + 61_000)])).status).toBe(200);
    const afterApp = await record();
    expect(afterApp).toMatchObject({ version: seeded.version + 2, creditedMinutes: 2 });
    expect(afterApp.state.pagesSeen).toEqual([pages[0]!.id]);

    await app.streams!.settled();
    expect(await record()).toEqual(afterApp);
  });
});

describe('statements from any xAPI client', () => {
  it('reach the record through the table stream', async () => {
    const before = await record();
    const at = T0 + 3_600_000;
    await setServerTime(at);
    await asXapiClient([flush(pages[1]!.id, at)]);
    await app.streams!.settled();
    const r = await record();
    expect(r.state.pagesSeen).toEqual([pages[0]!.id, pages[1]!.id].sort());
    expect(r).toMatchObject({ version: before.version + 1, creditedMinutes: 3 });
  });
});

describe('the projection and GET /api/progress', () => {
  it('hold the same fold of the same statements', async () => {
    const r = await record();
    const statements = createStatementStore({ doc: app.table.doc, tableName: app.table.tableName });
    const enrolment = { userId: me.userId, courseId: course.id, courseVersion: course.versionId, registration, createdAt: '' };
    expect(r.state).toEqual((await loadProgress({ statements })({ enrolment, course })).state);

    const view = (await (await api('GET', '/api/progress')).json()) as ReturnType<typeof summarizeProgress>;
    const projected = summarizeProgress(r.state, course, new Date());
    expect({ outcomes: view.outcomes, studyTime: view.studyTime, gate: view.gate, items: view.items }).toEqual({ outcomes: projected.outcomes, studyTime: projected.studyTime, gate: projected.gate, items: projected.items });
    expect(r.missing).toEqual(projected.gate.missing);
  });
});

describe('the whole course', () => {
  it('through an xAPI client, then the final test in the app: the gate opens at once, recorded once; a rebuild agrees', { timeout: 240_000 }, async () => {
    const start = T0 + 86_400_000;
    const sitting = courseWalkthrough({ participant: me, registration, startMs: start });
    for (let i = 0; i < sitting.length; ) {
      const at = sitting[i]!.at;
      const batch: Statement[] = [];
      while (i < sitting.length && sitting[i]!.at === at) batch.push(sitting[i++]!.statement);
      await setServerTime(at);
      await asXapiClient(batch);
    }
    // The test screen's own active time, then the test itself (graded on the server).
    let at = sitting.at(-1)!.at + 60_000;
    for (let minute = 0; minute < course.finalTest.nominalMinutes; minute++, at += 61_000) {
      await setServerTime(at);
      await asXapiClient([flush(course.finalTest.id, at)]);
    }
    await app.streams!.settled(60_000);
    expect((await record()).gateOpen).toBe(false);

    await setServerTime(at + 60_000);
    const answers = Object.fromEntries(course.finalTest.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));
    const passed = (await (await api('POST', '/api/final-test', { attemptId: randomUUID(), answers })).json()) as { passed: boolean };
    expect(passed.passed).toBe(true);

    // At once: no waiting for the stream.
    const opened = await record();
    expect(opened).toMatchObject({ status: 'ready', gateOpen: true, missing: [] });
    const unlocked = async () => {
      const query = new URLSearchParams({ verb: VERBS.unlocked, registration });
      const response = await app.fetch(`/xapi/statements?${query}`, { headers: { ...XAPI_HEADERS, authorization: app.basicAuth } });
      return ((await response.json()) as { statements: { id: string; stored: string }[] }).statements;
    };
    const recorded = await unlocked();
    expect(recorded.map((s) => s.id)).toEqual([gateStatementId(registration)]);
    expect(opened.state.gateOpenedAt).toBe(recorded[0]!.stored);

    await app.streams!.settled();
    expect(await unlocked()).toHaveLength(1);
    const settled = await record();
    expect(settled).toEqual(opened);

    const summary = await rebuildProjections({ tableName: app.table.tableName, endpoint: app.table.endpoint, authorityHomePage: `${app.baseUrl}/xapi-clients` });
    expect(summary.rebuilt).toBeGreaterThanOrEqual(1);
    const rebuilt = await record();
    const { version: _v1, updatedAt: _u1, ...incremental } = settled;
    const { version: _v2, updatedAt: _u2, ...fromStatements } = rebuilt;
    expect(fromStatements).toEqual(incremental);
  });
});
