/**
 * The participant API through the local server and the real handlers on DynamoDB Local: a
 * participant's statements arrive (at the times a real sitting would send them, via the test
 * clock), progress follows, the final test is graded on the server, the gate opens; a statement
 * about someone else, or one only the module may record, is refused; another participant sees
 * nothing of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { loadCourse } from '../../functions/core/course/load.js';
import * as build from '../../functions/core/xapi/profile/builders.js';
import { startLocalApp, type LocalApp } from '../support/local-app.js';
import { courseWalkthrough } from '../support/course-walkthrough.js';

const course = loadCourse();
let app: LocalApp;
let carla: string;
let me: { userId: string; name: string };
let registration: string;

beforeAll(async () => {
  process.env.LOCAL_TEST_CLOCK = '1';
  app = await startLocalApp();
  carla = await app.tokenFor('participant');
  me = (await (await api('GET', '/api/me')).json()) as { userId: string; name: string };
  registration = ((await (await api('GET', '/api/enrolment')).json()) as { registration: string }).registration;
});
afterAll(() => app?.close());

function api(method: string, path: string, body?: unknown, token = carla): Promise<Response> {
  return app.fetch(path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function setServerTime(at: number): Promise<void> {
  const response = await app.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: at - Date.now() }) });
  expect(response.status).toBe(200);
}

async function progress(token = carla) {
  return (await (await api('GET', '/api/progress', undefined, token)).json()) as {
    registration: string;
    outcomes: { number: number; met: boolean; missing: string[] }[];
    gate: { open: boolean; missing: string[] };
    studyTime: { creditedMinutes: number; line: string };
    finalTest: { status: string; canAttempt: boolean };
    spinnenweb: { at: string; scores: Record<string, number> }[];
  };
}

const correctAnswers = () => Object.fromEntries(course.finalTest.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));

describe('enrolment', () => {
  it('is created once and kept', async () => {
    const again = (await (await api('GET', '/api/enrolment')).json()) as { registration: string };
    expect(again.registration).toBe(registration);
  });
});

describe('statements from the app', () => {
  it('refuses a statement about another participant (403) and one only the module may record (403)', async () => {
    const foreign = build.itemExperienced({ course, participant: { userId: 'someone-else' }, registration, itemId: 'wm1-gezondheid-anders-bekeken', activeIntervals: [[new Date(Date.now() - 60_000).toISOString(), new Date().toISOString()]] });
    expect((await api('POST', '/api/statements', [foreign])).status).toBe(403);
    const attemptId = randomUUID();
    const cheat = build.finalTestSubmitted({ course, participant: me, registration, attemptStatementId: attemptId, correctCount: course.finalTest.questions.length });
    const refused = await api('POST', '/api/statements', [cheat]);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('recorded by the module itself');
  });

  it('refuses a statement that follows no template of the course profile (400)', async () => {
    const statement = build.itemExperienced({ course, participant: me, registration, itemId: 'wm1-gezondheid-anders-bekeken', activeIntervals: [[new Date(Date.now() - 60_000).toISOString(), new Date().toISOString()]] });
    const broken = { ...statement, context: { ...statement.context, extensions: {} } };
    expect((await api('POST', '/api/statements', [broken])).status).toBe(400);
  });
});

describe('a whole course through the API', () => {
  it('credits the study time, meets every outcome, grades the final test, and opens the gate', { timeout: 600_000 }, async () => {
    const start = Date.now() - 10 * 86_400_000;
    const sitting = courseWalkthrough({ participant: me, registration, startMs: start });
    for (const { statement, at } of sitting) {
      await setServerTime(at);
      const response = await api('POST', '/api/statements', [statement]);
      expect(response.status, await response.clone().text()).toBe(200);
    }
    const before = await progress();
    expect(before.outcomes.filter((o) => !o.met)).toEqual([]);
    expect(before.gate.missing).toContain('de eindtoets is nog niet gehaald');

    // The test screen's own active time, flushed every minute while answering.
    let at = sitting.at(-1)!.at + 60_000;
    for (let minute = 0; minute < course.finalTest.nominalMinutes; minute++, at += 61_000) {
      await setServerTime(at + 60_000);
      const flush = build.itemExperienced({ course, participant: me, registration, itemId: course.finalTest.id, timestamp: new Date(at + 60_000).toISOString(), activeIntervals: [[new Date(at).toISOString(), new Date(at + 60_000).toISOString()]] });
      expect((await api('POST', '/api/statements', [flush])).status).toBe(200);
    }

    const wrong = Object.fromEntries(course.finalTest.questions.map((q) => [q.id, [q.options.find((o) => !o.correct)!.id]]));
    const failed = (await (await api('POST', '/api/final-test', { attemptId: randomUUID(), answers: wrong })).json()) as { passed: boolean; questions: { correctOptionIds?: string[] }[] };
    expect(failed.passed).toBe(false);
    expect(failed.questions.every((q) => q.correctOptionIds === undefined)).toBe(true);
    const tooSoon = await api('POST', '/api/final-test', { attemptId: randomUUID(), answers: correctAnswers() });
    expect(tooSoon.status).toBe(409);
    expect(((await tooSoon.json()) as { error: string }).error).toMatch(/^Je kunt de eindtoets opnieuw maken vanaf/);

    await setServerTime(at + course.finalTest.retries.waitMinutesBetweenAttempts * 60_000 + 60_000);
    const attemptId = randomUUID();
    const passed = (await (await api('POST', '/api/final-test', { attemptId, answers: correctAnswers() })).json()) as { passed: boolean; scorePercent: number };
    expect(passed).toMatchObject({ passed: true, scorePercent: 100 });
    expect((await api('POST', '/api/final-test', { attemptId, answers: correctAnswers() })).status).toBe(409);

    const after = await progress();
    expect(after.finalTest.status).toBe('passed');
    expect(after.studyTime.line).toBe('studietijd gehaald');
    expect(after.gate).toEqual({ open: true, missing: [] });
    expect(after.spinnenweb).toHaveLength(1);
  });

  it('says what to fix when the final test is sent incomplete (400, in Dutch)', async () => {
    const response = await api('POST', '/api/final-test', { attemptId: randomUUID(), answers: {} });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^Beantwoord eerst alle vragen/);
  });

  it("shows another participant nothing of Carla's work", async () => {
    const token = await loginAs('daan@voorbeeld.nl');
    const daan = await progress(token);
    expect(daan.registration === registration).toBe(false);
    expect(daan.outcomes.every((o) => !o.met)).toBe(true);
    expect(daan.spinnenweb).toEqual([]);
  });
});

describe('drafts', () => {
  it('keeps what was typed, per item, and refuses an unknown item', async () => {
    expect((await api('PUT', '/api/drafts/wm1-reflectie-eigen-woorden', { content: { 'wat-is-pg': 'Half af...' } })).status).toBe(204);
    const { drafts } = (await (await api('GET', '/api/drafts')).json()) as { drafts: { itemId: string; content: Record<string, string> }[] };
    expect(drafts.find((d) => d.itemId === 'wm1-reflectie-eigen-woorden')?.content).toEqual({ 'wat-is-pg': 'Half af...' });
    expect((await api('PUT', '/api/drafts/bestaat-niet', { content: {} })).status).toBe(404);
  });
});

async function loginAs(email: string): Promise<string> {
  const response = await app.fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: app.demo.password }) });
  return ((await response.json()) as { token: string }).token;
}
