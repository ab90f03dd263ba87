/**
 * Imported SCORM packages through the local server and the real handlers on DynamoDB Local: an
 * admin imports a 2004 package, it becomes a work moment, its files are served; a participant's
 * sittings become SCORM-profile statements, credited study time (at most the server's own time of
 * the sitting, R13) and outcome evidence; hostile packages are refused and leave nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { loadCourse } from '../../functions/core/course/load.js';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';
import { runtime } from '../support/scorm-runtime.js';
import { hrefOutsidePackage, oversizedFilePackage, pathTraversalPackage, scorm2004Package, SCORM2004_SCO_HTML } from '../support/scorm-packages.js';

const course = loadCourse();
let app: LocalApp;
let admin: string;
let participant: string;

beforeAll(async () => {
  process.env.LOCAL_TEST_CLOCK = '1';
  app = await startLocalApp();
  admin = await app.tokenFor('admin');
  participant = await app.tokenFor('participant');
});
afterAll(() => app?.close());

function api(method: string, path: string, token: string, body?: unknown): Promise<Response> {
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

/** "pk sk" of every item matching `pattern` (a test may scan; the module never does). */
async function scanKeys(pattern: RegExp): Promise<string[]> {
  const keys: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await app.table.doc.send(new ScanCommand({ TableName: app.table.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) {
      const key = `${String(item.pk)} ${String(item.sk)}`;
      if (pattern.test(key)) keys.push(key);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}

const scanPackageItems = () => scanKeys(/SCORMPKG#|COURSEPKG#/);

const upload = (zip: Uint8Array, overrides: Record<string, unknown> = {}) =>
  api('POST', '/api/admin/packages', admin, {
    title: 'Samen beslissen',
    nominalMinutes: 20,
    outcomes: [3],
    fileName: 'samen-beslissen.zip',
    zipBase64: Buffer.from(zip).toString('base64'),
    ...overrides,
  });


interface Summary {
  packageId: string;
  itemId: string;
  workMomentId: string;
  launchUrl: string;
  scormVersion: string;
  fileCount: number;
}

describe('hostile packages', () => {
  it.each([
    ['a path outside the package', pathTraversalPackage(), /\.\.\/evil\.js/],
    ['a manifest pointing outside the package', hrefOutsidePackage('../../etc/passwd'), /etc\/passwd/],
    ['a file over the 4 MB limit', oversizedFilePackage(4 * 1024 * 1024 + 1), /media\/video\.mp4/],
  ])('refuses %s with 422, lists the problem and stores nothing', async (_what, zip, problem) => {
    const response = await upload(zip);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(body.error).toMatch(/niet ingelezen/);
    expect(body.issues.map((i) => i.message).join('\n')).toMatch(problem);
    expect(await scanPackageItems()).toEqual([]);
  });

  it('refuses a body without a title (400) and an unknown learning outcome (400)', async () => {
    expect((await upload(scorm2004Package(), { title: '  ' })).status).toBe(400);
    const unknown = await upload(scorm2004Package(), { outcomes: [9] });
    expect(unknown.status).toBe(400);
    expect(await scanPackageItems()).toEqual([]);
  });

  it('is for admins only', async () => {
    expect((await api('POST', '/api/admin/packages', participant, {})).status).toBe(403);
    expect((await api('GET', '/api/admin/packages', participant)).status).toBe(403);
  });
});

describe('removing a package', () => {
  it('takes it out of the course and deletes its files; only an admin may, and only once', async () => {
    const created = await upload(scorm2004Package(), { title: 'Verkeerd pakket' });
    expect(created.status).toBe(201);
    const { packageId, workMomentId, launchUrl } = ((await created.json()) as { package: Summary }).package;
    expect((await scanPackageItems()).some((key) => key.includes(packageId))).toBe(true);

    expect((await api('DELETE', `/api/admin/packages/${packageId}`, participant)).status).toBe(403);
    expect((await api('DELETE', `/api/admin/packages/${packageId}`, admin)).status).toBe(204);
    expect((await scanPackageItems()).filter((key) => key.includes(packageId))).toEqual([]);
    const view = (await (await api('GET', '/api/course', participant)).json()) as { workMoments: { id: string }[] };
    expect(view.workMoments.map((m) => m.id)).not.toContain(workMomentId);
    expect((await app.fetch(launchUrl)).status).toBe(404);
    const again = await api('DELETE', `/api/admin/packages/${packageId}`, admin);
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('Er is geen e-learningpakket');
  });
});

describe('an imported SCORM 2004 package', () => {
  let summary: Summary;

  beforeAll(async () => {
    const response = await upload(scorm2004Package());
    expect(response.status).toBe(201);
    summary = ((await response.json()) as { package: Summary }).package;
  });

  it('is listed for the admin and added to the course as a work moment with one package item', async () => {
    const list = (await (await api('GET', '/api/admin/packages', admin)).json()) as { packages: Summary[] };
    expect(list.packages.map((p) => p.packageId)).toEqual([summary.packageId]);
    expect(summary.scormVersion).toBe('2004');
    const view = (await (await api('GET', '/api/course', participant)).json()) as {
      workMoments: { id: string; items: { kind: string; id: string; launchUrl?: string }[] }[];
      outcomes: { number: number; evidence: { itemId: string; kind: string }[] }[];
    };
    const moment = view.workMoments.at(-1)!;
    expect(moment.id).toBe(summary.workMomentId);
    expect(moment.items).toEqual([expect.objectContaining({ kind: 'package', id: summary.itemId, launchUrl: summary.launchUrl })]);
    expect(view.outcomes.find((o) => o.number === 3)!.evidence).toContainEqual(expect.objectContaining({ itemId: summary.itemId, kind: 'package' }));
    expect(view.outcomes.find((o) => o.number === 2)!.evidence.some((e) => e.kind === 'package')).toBe(false);
  });

  it('serves its files, and nothing else', async () => {
    const sco = await app.fetch(summary.launchUrl);
    expect(sco.status).toBe(200);
    expect(sco.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await sco.text()).toBe(SCORM2004_SCO_HTML);
    const base = `/scorm/content/${summary.packageId}`;
    expect((await app.fetch(`${base}/nope.html`)).status).toBe(404);
    expect((await app.fetch(`${base}/..%2Fimsmanifest.xml`)).status).toBe(404);
    expect((await app.fetch(`/scorm/content/${'0'.repeat(32)}/imsmanifest.xml`)).status).toBe(404);
  });

  it('turns sittings into SCORM statements, credited study time and evidence', async () => {
    const t0 = Date.now() + 60 * 60_000;
    const sitting = randomUUID();
    const path = `/api/me/packages/${summary.itemId}/sittings/${sitting}`;
    const before = (await (await api('GET', `/api/me/packages/${summary.itemId}`, participant)).json()) as { record: unknown; scormVersion: string };
    expect(before).toMatchObject({ record: null, scormVersion: '2004' });

    await setServerTime(t0);
    expect((await api('PUT', path, participant, { event: 'initialize', runtime: runtime() })).status).toBe(200);
    await setServerTime(t0 + 2 * 60_000);
    const answered = runtime({
      interactions: [{ id: 'vraag-1', type: 'choice', learnerResponse: 'a', result: 'correct', correctResponses: ['a'], description: null }],
    });
    expect((await api('PUT', path, participant, { event: 'commit', runtime: answered })).status).toBe(200);
    // A retry of the same report changes nothing.
    expect((await api('PUT', path, participant, { event: 'commit', runtime: answered })).status).toBe(200);
    await setServerTime(t0 + 5 * 60_000);
    const done = runtime({
      ...answered,
      completion: 'completed',
      success: 'passed',
      scoreScaled: 0.8,
      suspendData: 'pagina=3',
      exit: 'suspend',
      // Ten hours claimed for a five-minute sitting.
      sessionTimeMs: 10 * 3600_000,
    });
    const end = await api('PUT', path, participant, { event: 'terminate', runtime: done });
    expect(end.status).toBe(200);
    const { record } = (await end.json()) as { record: Record<string, unknown> };
    expect(record).toMatchObject({ completion: 'completed', success: 'passed', scoreScaled: 0.8, suspendData: 'pagina=3', exit: 'suspend', totalTimeMs: 10 * 3600_000, sittings: 1 });
    // The sitting is over: a late commit is refused, the same terminate again is fine.
    expect((await api('PUT', path, participant, { event: 'commit', runtime: done })).status).toBe(409);
    expect((await api('PUT', path, participant, { event: 'terminate', runtime: done })).status).toBe(200);

    const me = (await (await api('GET', '/api/me', participant)).json()) as { userId: string };
    const agent = JSON.stringify({ account: { homePage: 'https://introductie-pg.nl', name: me.userId } });
    const query = await app.fetch(`/xapi/statements?agent=${encodeURIComponent(agent)}&activity=${encodeURIComponent(`${course.id}/item/${summary.itemId}`)}&related_activities=true&ascending=true`, {
      headers: { ...XAPI_HEADERS, authorization: app.basicAuth },
    });
    const { statements } = (await query.json()) as { statements: { verb: { id: string }; result?: { duration?: string; response?: string; success?: boolean }; context: { contextActivities: { grouping: { id: string }[]; category: { id: string }[] } } }[] };
    expect(statements.map((s) => s.verb.id.split('/').at(-1))).toEqual(['initialized', 'responded', 'scored', 'passed', 'completed', 'suspended', 'terminated']);
    expect(statements.find((s) => s.verb.id.endsWith('/responded'))!.result).toEqual({ response: 'a', success: true });
    expect(statements.at(-1)!.result!.duration).toBe('PT10H');
    for (const s of statements) {
      expect(s.context.contextActivities.category.map((c) => c.id)).toContain('https://w3id.org/xapi/scorm');
      expect(s.context.contextActivities.grouping.map((g) => g.id)).toContain(course.id);
    }

    const progress = (await (await api('GET', '/api/progress', participant)).json()) as {
      items: Record<string, { done: boolean }>;
      studyTime: { perItem: Record<string, number> };
      outcomes: { number: number; missing: string[] }[];
    };
    expect(progress.items[summary.itemId]).toEqual({ done: true });
    // Five minutes of server time (the test clock moves with real time between the steps, by
    // less than a second), not the ten hours the package claimed.
    expect(progress.studyTime.perItem[summary.itemId]).toBeCloseTo(5, 1);
    expect(progress.outcomes.find((o) => o.number === 3)!.missing.join(' ')).not.toMatch(/Samen beslissen/);

    // The next sitting resumes where this one stopped.
    const again = (await (await api('GET', `/api/me/packages/${summary.itemId}`, participant)).json()) as { record: { suspendData: string; exit: string } };
    expect(again.record).toMatchObject({ suspendData: 'pagina=3', exit: 'suspend' });
  });

  it('refuses bad sitting reports with a clear error', async () => {
    const path = `/api/me/packages/${summary.itemId}/sittings/${randomUUID()}`;
    const bad = await api('PUT', path, participant, { event: 'commit', runtime: runtime({ scoreScaled: 3 }) });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('runtime.scoreScaled');
    expect((await api('PUT', `/api/me/packages/${summary.itemId}/sittings/not-a-uuid`, participant, { event: 'initialize', runtime: runtime() })).status).toBe(400);
    expect((await api('PUT', `/api/me/packages/geen-pakket/sittings/${randomUUID()}`, participant, { event: 'initialize', runtime: runtime() })).status).toBe(404);
    expect((await api('PUT', path, admin, { event: 'initialize', runtime: runtime() })).status).toBe(403);
  });

  it('is in the data export of the participant, and goes with their erasure (last: it erases the participant)', async () => {
    const exported = (await (await api('GET', '/api/me/export', participant)).json()) as { elearning: { itemId: string; record: { suspendData: string } }[] };
    expect(exported.elearning).toEqual([expect.objectContaining({ itemId: summary.itemId, record: expect.objectContaining({ suspendData: 'pagina=3' }) })]);
    const { registration } = (await (await api('GET', '/api/enrolment', participant)).json()) as { registration: string };
    const recordKey = `REGISTRATION#${registration.toLowerCase()} SCORM#${summary.itemId}`;
    expect(await scanKeys(/^REGISTRATION#.* SCORM#/)).toContain(recordKey);

    expect((await api('POST', '/api/me/erasure', participant, { confirmation: 'VERWIJDER' })).status).toBe(200);
    expect(await scanKeys(/^REGISTRATION#.* SCORM#/)).not.toContain(recordKey);
    // The package itself is course material and stays.
    expect((await app.fetch(summary.launchUrl)).status).toBe(200);
  });
});
