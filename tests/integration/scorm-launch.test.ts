/**
 * The module's side of the thin SCORM packages, through the local server and the real handlers
 * on DynamoDB Local: an admin makes an export for an organisation and gets both packages; the
 * hosted course trades the key a package carries and the LMS's learner for a participant session
 * (the same learner always comes back to the same enrolment, another export's learner with the
 * same LMS id is someone else); a wrong or revoked key opens nothing and writes nothing; the
 * admin sees who arrived through each export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { writeScormExport } from '../../functions/local/scorm-export.js';
import { startLocalApp, type LocalApp } from '../support/local-app.js';
import { packageConfig } from '../support/scorm-export-key.js';

let app: LocalApp;
let admin: string;

beforeAll(async () => {
  app = await startLocalApp({ streams: false });
  admin = await app.tokenFor('admin');
});
afterAll(() => app?.close());

function call(method: string, path: string, token: string | undefined, body?: unknown): Promise<Response> {
  return app.fetch(path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

interface ExportView {
  exportId: string;
  organisation: string;
  revokedAt: string | null;
  learnerCount: number;
  lastLaunchAt: string | null;
  learners?: { userId: string; name: string; firstLaunchAt: string; lastLaunchAt: string }[];
}
interface NewExport {
  export: ExportView;
  packages: { version: string; fileName: string; zipBase64: string }[];
}

async function newExport(organisation: string): Promise<{ created: NewExport; key: string }> {
  const response = await call('POST', '/api/admin/scorm-exports', admin, { organisation });
  expect(response.status).toBe(201);
  const created = (await response.json()) as NewExport;
  const configs = created.packages.map((p) => packageConfig(new Uint8Array(Buffer.from(p.zipBase64, 'base64'))));
  // Both packages open the same hosted course with the same key.
  expect(new Set(configs.map((c) => c.exportKey)).size).toBe(1);
  return { created, key: configs[0]!.exportKey };
}

const launch = (body: unknown) => call('POST', '/scorm/sessions', undefined, body);

async function exportsList(): Promise<ExportView[]> {
  const response = await call('GET', '/api/admin/scorm-exports', admin);
  expect(response.status).toBe(200);
  return ((await response.json()) as { exports: ExportView[] }).exports;
}

async function countItems(pattern: RegExp): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await app.table.doc.send(new ScanCommand({ TableName: app.table.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    count += (page.Items ?? []).filter((item) => pattern.test(`${String(item.pk)} ${String(item.sk)}`)).length;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

describe('an export for an organisation', () => {
  it('gives the admin both packages, pointing at this module with the export key', async () => {
    const { created } = await newExport('Zorggroep Noord');
    expect(created.export).toMatchObject({ organisation: 'Zorggroep Noord', revokedAt: null, learnerCount: 0, lastLaunchAt: null });
    expect(created.packages.map((p) => [p.version, p.fileName])).toEqual([
      ['1.2', 'introductie-positieve-gezondheid-zorggroep-noord-scorm12.zip'],
      ['2004', 'introductie-positieve-gezondheid-zorggroep-noord-scorm2004.zip'],
    ]);
    const config = packageConfig(new Uint8Array(Buffer.from(created.packages[1]!.zipBase64, 'base64')));
    expect(config.launchUrl).toBe(`${app.baseUrl}/scorm/launch`);
    expect(config.moduleOrigin).toBe(new URL(app.baseUrl).origin);
    expect(config.version).toBe('2004');
    expect(JSON.stringify(await exportsList())).not.toMatch(/secretHash|exportKey/);
  });

  it('is for admins only, and needs an organisation', async () => {
    expect((await call('POST', '/api/admin/scorm-exports', undefined, { organisation: 'X' })).status).toBe(401);
    expect((await call('POST', '/api/admin/scorm-exports', await app.tokenFor('participant'), { organisation: 'X' })).status).toBe(403);
    expect((await call('GET', '/api/admin/scorm-exports', await app.tokenFor('coach'))).status).toBe(403);
    const empty = await call('POST', '/api/admin/scorm-exports', admin, { organisation: '  ' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(await empty.json())).toMatch(/body\.organisation/);
  });
});

describe('a launch from an LMS', () => {
  it('turns the key and the LMS learner into a participant session, the same one each time', async () => {
    const { created, key } = await newExport('Thuiszorg Zuid');
    const first = await launch({ key, learner: 'student-042', name: 'Jansen, Piet' });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const session = (await first.json()) as { token: string; user: { userId: string; name: string }; organisation: string };
    expect(session.user.name).toBe('Piet Jansen');
    expect(session.organisation).toBe('Thuiszorg Zuid');

    // An ordinary participant from here on: their own enrolment, their own progress.
    const me = (await (await call('GET', '/api/me', session.token)).json()) as { userId: string; name: string; roles: string[] };
    expect(me).toMatchObject({ userId: session.user.userId, name: 'Piet Jansen', roles: ['participant'] });
    const enrolment = await call('GET', '/api/enrolment', session.token);
    expect(enrolment.status).toBe(200);
    const { registration } = (await enrolment.json()) as { registration: string };
    expect((await call('GET', '/api/admin/scorm-exports', session.token)).status).toBe(403);

    // The same learner on another day, another device: the same participant and enrolment.
    const again = (await (await launch({ key, learner: 'student-042', name: 'Jansen, Piet' })).json()) as typeof session;
    expect(again.user.userId).toBe(session.user.userId);
    expect(((await (await call('GET', '/api/enrolment', again.token)).json()) as { registration: string }).registration).toBe(registration);

    // Another learner of the same LMS is someone else; so is the same LMS id through another export.
    const other = (await (await launch({ key, learner: 'student-043', name: '' })).json()) as typeof session;
    expect(other.user.userId).not.toBe(session.user.userId);
    expect(other.user.name).toBe('Deelnemer via Thuiszorg Zuid');
    const elsewhere = await newExport('GGD West');
    const sameIdElsewhere = (await (await launch({ key: elsewhere.key, learner: 'student-042', name: 'Jansen, Piet' })).json()) as typeof session;
    expect(sameIdElsewhere.user.userId).not.toBe(session.user.userId);

    const listed = (await exportsList()).find((e) => e.exportId === created.export.exportId)!;
    expect(listed.learnerCount).toBe(2);
    expect(listed.lastLaunchAt).not.toBeNull();
    expect(listed.learners!.map((l) => l.name).sort()).toEqual(['Deelnemer via Thuiszorg Zuid', 'Piet Jansen']);
    // The LMS's own learner id is not stored anywhere.
    expect(await countItems(/student-042/)).toBe(0);
  });

  it('opens nothing with an altered key, a revoked export or a bad body, and writes nothing', async () => {
    const { created, key } = await newExport('Wijkteam Oost');
    const before = await countItems(/^USER#|^SCORMEXPORT#/);
    const last = key.at(-1)!;
    const altered = await launch({ key: key.slice(0, -1) + (last === 'A' ? 'B' : 'A'), learner: 'l-1', name: 'A, B' });
    expect(altered.status).toBe(401);
    expect(((await altered.json()) as { error: string }).error).toMatch(/werkt niet \(meer\)/);

    const noLearner = await launch({ key, name: 'A, B' });
    expect(noLearner.status).toBe(400);
    expect(JSON.stringify(await noLearner.json())).toMatch(/body\.learner/);
    expect((await launch({ key, learner: 'l-1', name: 'A', extra: 1 })).status).toBe(400);
    expect(await countItems(/^USER#|^SCORMEXPORT#/)).toBe(before);

    const revoked = await call('POST', `/api/admin/scorm-exports/${created.export.exportId}/revoke`, admin);
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { export: ExportView }).export.revokedAt).not.toBeNull();
    expect((await launch({ key, learner: 'l-1', name: 'A, B' })).status).toBe(401);
    expect(await countItems(/^USER#|^SCORMEXPORT#/)).toBe(before);
    expect((await call('POST', '/api/admin/scorm-exports/000000000000/revoke', admin)).status).toBe(404);
    expect((await call('POST', `/api/admin/scorm-exports/${created.export.exportId}/revoke`, await app.tokenFor('participant'))).status).toBe(403);
  });
});

describe("an LMS learner's data", () => {
  it('shows the launches in their data export, and an erasure takes them out of the admin list', async () => {
    const { created, key } = await newExport('Jeugdzorg Midden');
    const session = (await (await launch({ key, learner: 'jz-9', name: 'Smit, Sam' })).json()) as { token: string; user: { userId: string } };
    const exported = (await (await call('GET', '/api/me/export', session.token)).json()) as { lmsLaunches: { exportId: string; name: string }[] };
    expect(exported.lmsLaunches).toEqual([expect.objectContaining({ exportId: created.export.exportId, name: 'Sam Smit' })]);

    const erased = await call('POST', '/api/me/erasure', session.token, { confirmation: 'VERWIJDER' });
    expect(erased.status).toBe(200);
    const listed = (await exportsList()).find((e) => e.exportId === created.export.exportId)!;
    expect(listed.learners).toEqual([]);
    // The count says how many came; it names nobody.
    expect(listed.learnerCount).toBe(1);
    expect(await countItems(new RegExp(`USER#${session.user.userId}`))).toBe(0);
  });
});

describe('npm run scorm-export', () => {
  it('writes both packages of a new export, whose key opens a session', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'scorm-export-'));
    try {
      const target = { tableName: app.table.tableName, endpoint: app.table.endpoint };
      const { exportId, files } = await writeScormExport(target, { organisation: 'Huisartsenpraktijk De Linde', moduleUrl: app.baseUrl, outDir });
      expect(files.map((file) => basename(file))).toEqual([
        'introductie-positieve-gezondheid-huisartsenpraktijk-de-linde-scorm12.zip',
        'introductie-positieve-gezondheid-huisartsenpraktijk-de-linde-scorm2004.zip',
      ]);
      const config = packageConfig(new Uint8Array(await readFile(files[0]!)));
      expect(config.exportKey.startsWith(`${exportId}-`)).toBe(true);
      expect((await launch({ key: config.exportKey, learner: '7', name: 'Bakker, Fatima' })).status).toBe(200);
      expect((await exportsList()).find((e) => e.exportId === exportId)?.learnerCount).toBe(1);
      // Against a table that is not the local runtime's, the module's address must be given.
      await expect(writeScormExport(target, { organisation: 'X', outDir })).rejects.toThrow(/--url/);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});

describe('the hosted course page', () => {
  it('is the web app, and only /scorm/launch may be framed by another origin', async () => {
    const launchPage = await app.fetch('/scorm/launch');
    expect(launchPage.status).toBe(200);
    expect(launchPage.headers.get('content-type')).toMatch(/text\/html/);
    expect(launchPage.headers.get('content-security-policy')).toMatch(/frame-ancestors \*/);
    const start = await app.fetch('/');
    expect(await launchPage.text()).toBe(await start.text());
    expect(start.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });
});
