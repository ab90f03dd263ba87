/**
 * A participant's right to erasure through the local server: everything goes (account, statements
 * with spinnenweb and reflections, documents, drafts, readiness, booking, consent, the coach's
 * records, the registration number) except the pseudonymised completion record; the freed place
 * goes back to the slot; nothing of another participant is touched; the old token stores nothing
 * more; and an interrupted erasure is finished by a retry. Checked with a Scan of the whole table
 * (a test may scan; the module never does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { loadCourse } from '../../functions/core/course/load.js';
import { buildDeps, type Deps } from '../../functions/composition/runtime.js';
import { readConfig } from '../../functions/composition/config.js';
import { hashSecret } from '../../functions/core/auth/password-hash.js';
import { recordContactMoment } from '../../functions/core/contact-moment/record-contact-moment.js';
import { ERASED_NAME, eraseMyData } from '../../functions/core/privacy/erase-my-data.js';
import { LOCAL_SIGN_IN_ACCOUNTS } from '../../functions/composition/sign-in-accounts.js';
import { ACCOUNT_HOME_PAGE } from '../../functions/core/xapi/profile/vocabulary.js';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';
import { walkParticipant } from '../support/walked-participant.js';

const course = loadCourse();
const DAY = 86_400_000;
let app: LocalApp;
let deps: Deps;
let clock = Date.now();

interface Member {
  key: string;
  userId: string;
  name: string;
  email: string;
  registration: string;
  statementIds: string[];
  token?: string;
}

const start = Date.now() - 30 * DAY;
const completedOn = new Date(start + 12 * DAY).toISOString().slice(0, 10);
const [erik, fleur, gijs] = ['erik', 'fleur', 'gijs'].map(
  (key): Member => ({ key, userId: `erase-${key}-${randomUUID().slice(0, 6)}`, name: `${key[0]!.toUpperCase()}${key.slice(1)} Zeldzaamnaam`, email: `${key}@erase.voorbeeld.nl`, registration: randomUUID(), statementIds: [] }),
) as [Member, Member, Member];

async function api(method: string, path: string, token: string, body?: unknown): Promise<Response> {
  return app.fetch(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function login(email: string): Promise<Response> {
  return app.fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: app.demo.password }) });
}

/** Every item of the table, as JSON text: what is left of a person must not be in there. */
async function tableItems(): Promise<{ key: string; text: string }[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await app.table.doc.send(new ScanCommand({ TableName: app.table.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.map((item) => ({ key: `${String(item.pk)} / ${String(item.sk)}`, text: JSON.stringify(item, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v)) }));
}

const itemsMentioning = async (...needles: string[]) => (await tableItems()).filter((item) => needles.some((needle) => item.text.includes(needle))).map((item) => item.key);

beforeAll(async () => {
  app = await startLocalApp({ streams: false });
  deps = buildDeps(readConfig(process.env), process.env, { now: () => new Date(clock) });
  const coach = (await deps.users.getById('demo-coach-anna'))!;
  for (const [i, m] of [erik, fleur, gijs].entries()) {
    m.statementIds = await walkParticipant(deps, m, { password: app.demo.password, coachId: coach.userId, enrolledAtMs: start + i * 60_000, startMs: start + i * 3_600_000, setClock: (ms) => (clock = ms) });
  }
  // Erik completes: attended contact moment, certificate.
  clock = Date.parse(`${completedOn}T15:00:00.000Z`);
  const result = await recordContactMoment(deps)({
    coach: { userId: coach.userId, name: coach.name },
    course,
    registration: erik.registration,
    attended: true,
    answers: { vorm: 'coaching', datum: completedOn, 'betekenis-persoonlijk': 'Erik merkt dat hij rustiger wordt van wandelen met zijn hond.', 'betekenis-beroepsmatig': 'Erik vraagt cliënten nu vaker wat voor hen betekenisvol is.' },
  });
  expect(result.status).toBe('completed');
  clock = Date.now();
  for (const m of [erik, fleur, gijs]) m.token = ((await (await login(m.email)).json()) as { token: string }).token;
}, 600_000);
afterAll(() => app?.close());

describe('erasure', () => {
  it('asks for the typed confirmation and changes nothing without it', async () => {
    for (const body of [{}, { confirmation: 'ja' }, { confirmation: 'VERWIJDER', extra: 1 }]) {
      const response = await api('POST', '/api/me/erasure', fleur.token!, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/VERWIJDER|extra/);
    }
    expect(await deps.erasures.get(fleur.userId)).toBeUndefined();
    expect((await api('GET', '/api/progress', fleur.token!)).status).toBe(200);
  });

  it('refuses someone who is also a coach: ending that role is for the admin', async () => {
    const ilse = { userId: `erase-ilse-${randomUUID().slice(0, 6)}`, email: 'ilse@erase.voorbeeld.nl', name: 'Ilse Beide' };
    await deps.users.put({ ...ilse, roles: ['participant', 'coach'], passwordHash: await hashSecret(app.demo.password), createdAt: new Date().toISOString() });
    const token = ((await (await login(ilse.email)).json()) as { token: string }).token;
    const response = await api('POST', '/api/me/erasure', token, { confirmation: 'VERWIJDER' });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: string }).error).toMatch(/ook in gebruik als coach\. Vraag de beheerder/);
    expect(await deps.erasures.get(ilse.userId)).toBeUndefined();
    expect(await deps.users.getById(ilse.userId)).toBeDefined();
  });

  it('leaves of a completed participant only the pseudonymised completion record', { timeout: 120_000 }, async () => {
    const anna = await app.tokenFor('coach');
    expect((await api('PUT', '/api/registration-number', erik.token!, { registerId: 'big', number: '19012345601', consent: true })).status).toBe(200);
    expect((await api('PUT', '/api/consent', erik.token!, { shareWithCoach: true })).status).toBe(200);
    expect((await api('PUT', '/api/drafts/wm1-reflectie-eigen-woorden', erik.token!, { content: { 'wat-is-pg': 'Half af' } })).status).toBe(204);
    // A third-party xAPI client's State and Agent Profile documents about him, under his account and his e-mail.
    const account = { objectType: 'Agent', account: { homePage: ACCOUNT_HOME_PAGE, name: erik.userId } };
    const mbox = { objectType: 'Agent', mbox: `mailto:${erik.email}` };
    const stateUrl = `/xapi/activities/state?activityId=${encodeURIComponent(course.id)}&agent=${encodeURIComponent(JSON.stringify(account))}&stateId=resume`;
    expect((await app.fetch(stateUrl, { method: 'PUT', headers: { ...XAPI_HEADERS, authorization: app.basicAuth }, body: '{"page":3}' })).status).toBe(204);
    const profileUrl = `/xapi/agents/profile?agent=${encodeURIComponent(JSON.stringify(mbox))}&profileId=voorkeuren`;
    expect((await app.fetch(profileUrl, { method: 'PUT', headers: { ...XAPI_HEADERS, authorization: app.basicAuth, 'if-none-match': '*' }, body: '{"taal":"nl"}' })).status).toBe(204);
    const certificate = (await deps.certificates.getByRegistration(erik.registration))!;
    expect(certificate.participantName).toBe(erik.name);
    const before = await itemsMentioning(erik.name);
    expect(before.length).toBeGreaterThan(3);

    const response = await api('POST', '/api/me/erasure', erik.token!, { confirmation: 'VERWIJDER' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ certificateKept: true, erasedAt: expect.any(String) });

    // Name, e-mail address and registration number: nowhere.
    expect(await itemsMentioning(erik.name, erik.email, '19012345601')).toEqual([]);
    // The user id and registration (random ids): only on the certificate and the erasure record.
    expect((await itemsMentioning(erik.userId, erik.registration)).sort()).toEqual([`CERTIFICATE#${certificate.certificateId} / CERTIFICATE`, `ERASURE#${erik.userId} / ERASURE`]);
    // None of his statements, nor an index entry pointing at one.
    expect(await itemsMentioning(...erik.statementIds)).toEqual([]);
    expect((await app.fetch(stateUrl, { headers: { ...XAPI_HEADERS, authorization: app.basicAuth } })).status).toBe(404);
    expect((await app.fetch(profileUrl, { headers: { ...XAPI_HEADERS, authorization: app.basicAuth } })).status).toBe(404);
    const statements = await app.fetch(`/xapi/statements?agent=${encodeURIComponent(JSON.stringify(account))}`, { headers: { ...XAPI_HEADERS, authorization: app.basicAuth } });
    expect(((await statements.json()) as { statements: unknown[] }).statements).toEqual([]);

    // The completion record: still verifiable and in the accreditation report, without the name.
    const kept = (await deps.certificates.get(certificate.certificateId))!;
    expect(kept).toMatchObject({ participantName: ERASED_NAME, studyHours: certificate.studyHours, completedOn, contactMoment: { date: completedOn, form: 'coaching' }, erasedAt: expect.any(String) });
    const page = await (await app.fetch(`/verify/${certificate.certificateId}`)).text();
    expect(page).toContain('Het certificaat blijft geldig');
    expect(page).not.toContain(erik.name);
    const report = (await (await api('GET', '/api/accreditation/report', await app.tokenFor('accreditor'))).json()) as { rows: { registration: string; name: string; registrationNumber?: unknown; contactMoment?: unknown }[] };
    const row = report.rows.find((r) => r.registration === erik.registration);
    expect(row).toMatchObject({ name: ERASED_NAME, contactMoment: { date: completedOn, form: 'coaching' } });
    expect(row?.registrationNumber).toBeUndefined();
    // Gone from the coach's list too.
    const list = (await (await api('GET', '/api/coach/participants', anna)).json()) as { participants: { registration: string }[] };
    expect(list.participants.map((p) => p.registration)).not.toContain(erik.registration);

    // The account is gone: no sign-in, and the token still in his browser stores nothing more.
    expect((await login(erik.email)).status).toBe(401);
    for (const [method, path, body] of [['GET', '/api/enrolment'], ['PUT', '/api/drafts/wm1-reflectie-eigen-woorden', { content: { a: 'b' } }], ['POST', '/api/me/erasure', { confirmation: 'VERWIJDER' }]] as const) {
      const refused = await api(method, path, erik.token!, body);
      expect(refused.status, `${method} ${path}`).toBe(401);
      expect(((await refused.json()) as { error: string }).error).toMatch(/Je gegevens zijn verwijderd/);
    }
    expect((await itemsMentioning(erik.userId)).length).toBe(2);
  });

  it('gives a booked place back, finishes an interrupted erasure on retry, and touches nobody else', { timeout: 120_000 }, async () => {
    const anna = await app.tokenFor('coach');
    const startsAt = Date.now() + 3 * DAY;
    const slot = await api('POST', '/api/coach/slots', anna, { form: 'inspiratiesessie', capacity: 4, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 90 * 60_000).toISOString(), location: { kind: 'place', address: 'Dorpsstraat 1, Utrecht' } });
    expect(slot.status).toBe(201);
    const { slotId } = (await slot.json()) as { slotId: string };
    expect((await api('POST', '/api/contact-moment/booking', fleur.token!, { kind: 'slot', slotId })).status).toBe(200);
    expect((await api('POST', '/api/contact-moment/booking', gijs.token!, { kind: 'slot', slotId })).status).toBe(200);
    const booked = async () => ((await (await api('GET', '/api/coach/slots', anna)).json()) as { slots: { slotId: string; booked: number }[] }).slots.find((s) => s.slotId === slotId)!.booked;
    expect(await booked()).toBe(2);
    const gijsBefore = (await (await api('GET', '/api/me/export', gijs.token!)).json()) as { statements: unknown[]; booking: unknown; readiness: unknown };

    // The first attempt dies half-way (after the statements, before the enrolment's items).
    const failing = { ...deps, signIns: LOCAL_SIGN_IN_ACCOUNTS, erasures: { ...deps.erasures, eraseEnrolment: () => Promise.reject(new Error('connection reset')) } };
    await expect(eraseMyData(failing)({ userId: fleur.userId, course, confirmation: 'VERWIJDER', requestedBy: { kind: 'participant', roles: ['participant'] } })).rejects.toThrow('connection reset');
    expect(await deps.erasures.get(fleur.userId)).toMatchObject({ status: 'in-progress' });
    // Her statements are gone; the readiness state that lists their ids goes with the enrolment.
    expect((await itemsMentioning(...fleur.statementIds)).filter((key) => !key.startsWith('READINESS#'))).toEqual([]);
    // Meanwhile nothing new can be stored for her, but the erasure itself can be retried.
    expect((await api('PUT', '/api/drafts/wm1-reflectie-eigen-woorden', fleur.token!, { content: { a: 'b' } })).status).toBe(401);
    const retry = await api('POST', '/api/me/erasure', fleur.token!, { confirmation: 'VERWIJDER' });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ certificateKept: false });
    expect(await deps.erasures.get(fleur.userId)).toMatchObject({ status: 'done', counts: expect.objectContaining({ enrolmentItems: expect.any(Number) }) });

    expect(await itemsMentioning(fleur.name, fleur.email, fleur.registration)).toEqual([]);
    expect(await itemsMentioning(fleur.userId)).toEqual([`ERASURE#${fleur.userId} / ERASURE`]);
    expect(await booked()).toBe(1);

    // Gijs, in the same slot and the same course, keeps all of his.
    const gijsAfter = (await (await api('GET', '/api/me/export', gijs.token!)).json()) as typeof gijsBefore;
    expect((gijsAfter.statements as { id: string }[]).map((x) => x.id)).toEqual(expect.arrayContaining(gijs.statementIds));
    expect(gijsAfter.statements).toEqual(gijsBefore.statements);
    expect(gijsAfter.booking).toEqual(gijsBefore.booking);
    expect(gijsAfter.readiness).toEqual(gijsBefore.readiness);
    expect((await login(gijs.email)).status).toBe(200);
  });

  it('lets an admin erase a participant on their behalf, and says what is wrong with a bad request', { timeout: 120_000 }, async () => {
    const admin = await app.tokenFor('admin');
    const me = (await (await api('GET', '/api/me', admin)).json()) as { userId: string };
    const unknown = await api('POST', '/api/admin/participants/bestaat-niet/erasure', admin, { confirmation: 'VERWIJDER' });
    expect(unknown.status).toBe(404);
    expect(await deps.erasures.get('bestaat-niet')).toBeUndefined();
    expect((await api('POST', `/api/admin/participants/${me.userId}/erasure`, admin, { confirmation: 'VERWIJDER' })).status).toBe(409);
    expect((await api('POST', `/api/admin/participants/${gijs.userId}/erasure`, admin, {})).status).toBe(400);
    expect((await api('POST', `/api/admin/participants/${gijs.userId}/erasure`, gijs.token!, { confirmation: 'VERWIJDER' })).status).toBe(403);

    const response = await api('POST', `/api/admin/participants/${gijs.userId}/erasure`, admin, { confirmation: 'VERWIJDER' });
    expect(response.status).toBe(200);
    expect(await deps.erasures.get(gijs.userId)).toMatchObject({ status: 'done', requestedBy: `admin:${me.userId}` });
    expect(await itemsMentioning(gijs.name, gijs.email, gijs.registration, ...gijs.statementIds)).toEqual([]);
    expect((await login(gijs.email)).status).toBe(401);
  });
});
