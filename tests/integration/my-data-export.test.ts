/**
 * The participant's right of access through the local server: GET /api/me/export hands over
 * everything kept about them (statements with their own words, drafts, enrolment, readiness),
 * never the password hash, and nothing of another participant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../functions/core/course/load.js';
import { EXPORT_FORMAT } from '../../functions/core/privacy/export-my-data.js';
import { startLocalApp, type LocalApp } from '../support/local-app.js';
import { courseWalkthrough } from '../support/course-walkthrough.js';

const course = loadCourse();
let app: LocalApp;

beforeAll(async () => {
  process.env.LOCAL_TEST_CLOCK = '1';
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: 0 }) });
  await app?.close();
});

async function loginAs(email: string): Promise<string> {
  const response = await app.fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: app.demo.password }) });
  return ((await response.json()) as { token: string }).token;
}

function api(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return app.fetch(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

describe('exporting my data', () => {
  it('hands the participant everything kept about them, and nothing of anyone else', { timeout: 120_000 }, async () => {
    const carla = await loginAs('carla@voorbeeld.nl');
    const daan = await loginAs('daan@voorbeeld.nl');
    const me = (await (await api(carla, 'GET', '/api/me')).json()) as { userId: string; name: string };
    const { registration } = (await (await api(carla, 'GET', '/api/enrolment')).json()) as { registration: string };
    const sitting = courseWalkthrough({ participant: me, registration, startMs: Date.now() - 86_400_000 });
    const firstWords = sitting.findIndex(({ statement }) => typeof (statement.result as { response?: unknown } | undefined)?.response === 'string');
    expect(firstWords).toBeGreaterThanOrEqual(0);
    const posted = sitting.slice(0, firstWords + 1);
    for (const { statement, at } of posted) {
      await app.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: at - Date.now() }) });
      expect((await api(carla, 'POST', '/api/statements', [statement])).status).toBe(200);
    }
    expect((await api(carla, 'PUT', '/api/drafts/wm1-reflectie-eigen-woorden', { content: { 'wat-is-pg': 'Nog niet af' } })).status).toBe(204);
    expect((await api(carla, 'PUT', '/api/registration-number', { registerId: 'big', number: '123 456 789 01', consent: true })).status).toBe(200);
    await api(daan, 'GET', '/api/enrolment');

    const response = await api(carla, 'GET', '/api/me/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="mijn-gegevens-.*\.json"$/);
    const text = await response.text();
    expect(text).not.toContain('passwordHash');
    expect(text).not.toContain('scrypt');
    const data = JSON.parse(text) as {
      format: string;
      person: { userId: string; email: string };
      enrolment: { registration: string };
      statements: { id: string; result?: { response?: string } }[];
      drafts: { itemId: string; content: Record<string, string> }[];
      readiness: { registration: string } | null;
      registrationNumber: { registerId: string; number: string } | null;
    };
    expect(data.format).toBe(EXPORT_FORMAT);
    expect(data.person).toMatchObject({ userId: me.userId, email: 'carla@voorbeeld.nl' });
    expect(data.enrolment.registration).toBe(registration);
    expect(data.statements.map((s) => s.id).sort()).toEqual(posted.map(({ statement }) => statement.id).sort());
    expect(data.statements.some((s) => s.result?.response === (posted.at(-1)!.statement.result as { response: string }).response)).toBe(true);
    expect(data.drafts).toEqual([expect.objectContaining({ itemId: 'wm1-reflectie-eigen-woorden', content: { 'wat-is-pg': 'Nog niet af' } })]);
    expect(data.readiness?.registration).toBe(registration);
    expect(data.registrationNumber).toMatchObject({ registerId: 'big', number: '12345678901' });

    // Daan's export holds his enrolment and none of Carla's statements or drafts.
    const his = (await (await api(daan, 'GET', '/api/me/export')).json()) as typeof data;
    expect(his.person.userId).not.toBe(me.userId);
    expect(his.statements).toEqual([]);
    expect(his.drafts).toEqual([]);
    expect(his.registrationNumber).toBeNull();
    expect(his.enrolment.registration).not.toBe(registration);
  });

  it('is for participants only, and only with a valid sign-in', async () => {
    expect((await app.fetch('/api/me/export')).status).toBe(401);
    expect((await api(await app.tokenFor('coach'), 'GET', '/api/me/export')).status).toBe(403);
  });
});
