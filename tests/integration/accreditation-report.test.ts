/**
 * The accreditation report of a seeded cohort: five participants walk the course (statements
 * stored at the moments the app would send them, readiness projected inline), four of them get
 * their contact moment recorded as attended on different days, three give a registration number
 * with consent (one of them withdraws it again), and so does the one who has not completed. The
 * report and the CSV export match exactly.
 * Also: the participant's registration-number API (validation, consent, withdrawal).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { loadCourse } from '../../functions/core/course/load.js';
import { buildDeps, type Deps } from '../../functions/composition/runtime.js';
import { readConfig } from '../../functions/composition/config.js';
import { recordContactMoment } from '../../functions/core/contact-moment/record-contact-moment.js';
import { CSV_COLUMNS, type ReportRow } from '../../functions/core/accreditation/report.js';
import { startLocalApp, type LocalApp } from '../support/local-app.js';
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
  /** Day the contact moment was attended (YYYY-MM-DD), or none. */
  completedOn?: string;
  bigNumber?: string;
  token?: string;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const start = Date.now() - 40 * DAY;
const members: Member[] = [
  { key: 'anouk', name: 'Anouk "Noek" de Wit', completedOn: dayOf(start + 10 * DAY), bigNumber: '19012345601' },
  { key: 'bas', name: 'Bas, van Dijk', completedOn: dayOf(start + 15 * DAY) },
  { key: 'cor', name: 'Cor Bakker', completedOn: dayOf(start + 20 * DAY), bigNumber: '79012345602' },
  { key: 'dirk', name: 'Dirk Mulder', completedOn: dayOf(start + 25 * DAY), bigNumber: '39012345603' },
  { key: 'els', name: 'Els Vos' },
].map((m) => ({ ...m, userId: `report-${m.key}`, email: `${m.key}@report.voorbeeld.nl`, registration: randomUUID() }));

async function api(method: string, path: string, token: string, body?: unknown): Promise<Response> {
  return app.fetch(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function login(email: string): Promise<string> {
  const response = await app.fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: app.demo.password }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

beforeAll(async () => {
  app = await startLocalApp({ streams: false });
  deps = buildDeps(readConfig(process.env), process.env, { now: () => new Date(clock) });
  const coach = (await deps.users.getById('demo-coach-anna'))!;
  for (const [i, m] of members.entries()) {
    await walkParticipant(deps, m, { password: app.demo.password, coachId: coach.userId, enrolledAtMs: start + i * 60_000, startMs: start + i * 3_600_000, setClock: (ms) => (clock = ms) });
  }
  for (const m of members.filter((x) => x.completedOn)) {
    clock = Date.parse(`${m.completedOn}T15:00:00.000Z`);
    const result = await recordContactMoment(deps)({
      coach: { userId: coach.userId, name: coach.name },
      course,
      registration: m.registration,
      attended: true,
      answers: { vorm: 'inspiratiesessie', datum: m.completedOn!, 'betekenis-persoonlijk': 'Ze ervaart meer rust en aandacht voor wat haar echt energie geeft in het dagelijks leven.', 'betekenis-beroepsmatig': 'In haar werk vraagt ze nu eerst wat de ander zelf belangrijk vindt en luistert ze langer.' },
    });
    expect(result.status).toBe('completed');
  }
  clock = Date.now();
  for (const m of members) m.token = await login(m.email);
}, 600_000);
afterAll(() => app?.close());

describe('the registration number (participant)', () => {
  it('is refused without consent or with a wrong format, with a clear Dutch 400, and nothing is stored', async () => {
    const m = members[0]!;
    const noConsent = await api('PUT', '/api/registration-number', m.token!, { registerId: 'big', number: m.bigNumber, consent: false });
    expect(noConsent.status).toBe(400);
    expect(((await noConsent.json()) as { error: string }).error).toMatch(/alleen als je daar toestemming voor geeft/);
    const tooShort = await api('PUT', '/api/registration-number', m.token!, { registerId: 'big', number: '1234567890', consent: true });
    expect(tooShort.status).toBe(400);
    expect(((await tooShort.json()) as { error: string }).error).toMatch(/BIG-register bestaat uit precies 11 cijfers/);
    const unknown = await api('PUT', '/api/registration-number', m.token!, { registerId: 'nergens', number: '12345', consent: true });
    expect(unknown.status).toBe(400);
    const view = (await (await api('GET', '/api/registration-number', m.token!)).json()) as { registrationNumber: unknown; registers: { id: string }[] };
    expect(view.registrationNumber).toBeNull();
    expect(view.registers.map((r) => r.id)).toContain('big');
  });

  it('is stored with consent (spaces and dots removed) and deleted when consent is withdrawn', async () => {
    for (const m of members.filter((x) => x.bigNumber)) {
      const spaced = `${m.bigNumber!.slice(0, 4)} ${m.bigNumber!.slice(4, 8)}.${m.bigNumber!.slice(8)}`;
      const saved = await api('PUT', '/api/registration-number', m.token!, { registerId: 'big', number: spaced, consent: true });
      expect(saved.status).toBe(200);
      expect(await saved.json()).toMatchObject({ registerId: 'big', number: m.bigNumber });
    }
    // Dirk changes his mind: the number is gone, not hidden.
    const dirk = members.find((m) => m.key === 'dirk')!;
    expect((await api('DELETE', '/api/registration-number', dirk.token!)).status).toBe(204);
    expect(await deps.registrationNumbers.get(dirk.userId)).toBeUndefined();
    dirk.bigNumber = undefined;
    // Els (not completed) gives hers too; she is in the report only as not completed.
    const els = members.find((m) => m.key === 'els')!;
    els.bigNumber = '49012345604';
    expect((await api('PUT', '/api/registration-number', els.token!, { registerId: 'big', number: els.bigNumber, consent: true })).status).toBe(200);
  });
});

describe('the accreditation report (accreditor)', () => {
  const completed = () => members.filter((m) => m.completedOn);

  it('lists exactly the completions, with hours, points, contact moment, and numbers only where consented', async () => {
    const token = await app.tokenFor('accreditor');
    const response = await api('GET', '/api/accreditation/report', token);
    expect(response.status).toBe(200);
    const { rows } = (await response.json()) as { rows: ReportRow[] };
    expect(rows.map((r) => r.registration).sort()).toEqual(completed().map((m) => m.registration).sort());
    for (const m of completed()) {
      const row = rows.find((r) => r.registration === m.registration)!;
      expect(row).toMatchObject({
        name: m.name,
        courseId: course.id,
        courseVersion: course.versionId,
        completed: true,
        completedOn: m.completedOn,
        studyHours: course.accreditationHours,
        accreditationPoints: course.accreditationHours,
        contactMoment: { date: m.completedOn, form: 'inspiratiesessie' },
      });
      if (m.bigNumber) expect(row.registrationNumber).toEqual({ registerId: 'big', register: 'BIG-register', number: m.bigNumber });
      else expect(row.registrationNumber).toBeUndefined();
    }
    expect(JSON.stringify(rows)).not.toMatch(/rust en aandacht|energie geeft|betekenis/);
  });

  it('filters by period, course and status', async () => {
    const token = await app.tokenFor('accreditor');
    const rowsFor = async (query: string) => ((await (await api('GET', `/api/accreditation/report?${query}`, token)).json()) as { rows: ReportRow[] }).rows;
    const [, bas, cor] = members;
    expect((await rowsFor(`from=${bas!.completedOn}&to=${cor!.completedOn}`)).map((r) => r.registration).sort()).toEqual([bas!.registration, cor!.registration].sort());
    // Not completed: Els, and the demo participants the local seed enrols; none of the completed.
    const open = await rowsFor('status=not-completed');
    expect(open.map((r) => r.registration)).toContain(members[4]!.registration);
    expect(open.map((r) => r.registration)).not.toEqual(expect.arrayContaining([completed()[0]!.registration]));
    expect(open.every((r) => !r.completed && r.completedOn === undefined)).toBe(true);
    expect(open.find((r) => r.registration === members[4]!.registration)!.registrationNumber?.number).toBe('49012345604');
    expect(await rowsFor('status=all')).toHaveLength(completed().length + open.length);
    expect(await rowsFor(`courseId=${encodeURIComponent(course.id)}`)).toHaveLength(completed().length);
    expect((await api('GET', '/api/accreditation/report?courseId=https%3A%2F%2Felders.example%2Fc', token)).status).toBe(400);
    expect((await api('GET', '/api/accreditation/report?from=2026-13-01x', token)).status).toBe(400);
    expect((await api('GET', '/api/accreditation/report?from=2026-02-01&to=2026-01-01', token)).status).toBe(400);
  });

  it('exports exactly the completions as CSV: documented columns, RFC 4180 quoting, no BOM', async () => {
    const token = await app.tokenFor('accreditor');
    const response = await api('GET', '/api/accreditation/report.csv', token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const expected = [
      CSV_COLUMNS.join(','),
      ...completed()
        .sort((a, b) => a.completedOn!.localeCompare(b.completedOn!))
        .map((m) =>
          [m.bigNumber ?? '', m.bigNumber ? 'BIG-register' : '', quote(m.name), course.id, course.versionId, course.accreditationHours, course.accreditationHours, m.completedOn, m.completedOn, 'inspiratiesessie'].join(','),
        ),
    ];
    expect(text).toBe(expected.map((line) => `${line}\r\n`).join(''));
    expect(text).toContain('"Anouk ""Noek"" de Wit"');
    expect(text).toContain('"Bas, van Dijk"');
  });

  it('is for the accreditor role only', async () => {
    for (const role of ['participant', 'coach', 'admin'] as const) {
      expect((await api('GET', '/api/accreditation/report.csv', await app.tokenFor(role))).status).toBe(403);
    }
  });
});
