/**
 * An imported SCORM 2004 package in chromium, end to end: the admin uploads it on the screen
 * "E-learningpakketten" (a hostile zip first, which is refused with its problem listed), and a
 * participant plays it inside the course with scorm-again as the runtime: a sitting with an
 * answer, completion and a pass, then Terminate. Its time, completion and interactions show up as
 * xAPI statements (ADL SCORM profile) and as credited study time in the participant's progress.
 * The browser's clock and the server's test clock move on together by six minutes during the
 * sitting, so the credited time is that sitting's, not a few real seconds. axe: 0 violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDeps } from '../../functions/composition/runtime.js';
import { readConfig } from '../../functions/composition/config.js';
import { hashSecret } from '../../functions/core/auth/password-hash.js';
import { loadCourse } from '../../functions/core/course/load.js';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';
import { axeViolations, DESKTOP, launchBrowser, screenshot, signIn, type TestBrowser } from '../support/browser.js';
import { pathTraversalPackage, scorm2004Package } from '../support/scorm-packages.js';

const POLL = { timeout: 15_000 };
const MINUTE = 60_000;
const course = loadCourse();
const lotte = { userId: 'scorm-e2e-lotte', email: 'lotte@pakket.voorbeeld.nl', name: 'Lotte Speelman' };
const TITLE = 'Samen beslissen in de praktijk';
let app: LocalApp;
let browser: TestBrowser;
let files: string;

beforeAll(async () => {
  process.env.LOCAL_TEST_CLOCK = '1';
  app = await startLocalApp({ streams: false });
  const deps = buildDeps(readConfig(process.env), process.env);
  await deps.users.put({ ...lotte, roles: ['participant'], passwordHash: await hashSecret(app.demo.password), createdAt: new Date().toISOString() });
  files = mkdtempSync(join(tmpdir(), 'ipg-scorm-e2e-'));
  writeFileSync(join(files, 'samen-beslissen.zip'), scorm2004Package());
  writeFileSync(join(files, 'kwaad.zip'), pathTraversalPackage());
  browser = await launchBrowser({ viewport: DESKTOP });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

async function moveServerClock(offsetMs: number): Promise<void> {
  const response = await app.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs }) });
  expect(response.status).toBe(200);
}

describe('an imported SCORM 2004 package', () => {
  it('is uploaded by the admin; a hostile zip is refused with its problem listed', { timeout: 120_000 }, async () => {
    const { page } = browser;
    const admin = app.demo.users.find((u) => u.roles.includes('admin'))!;
    await signIn(page, app.baseUrl, admin.email, app.demo.password, 'Deelnemers en coaches');
    await page.getByRole('navigation', { name: 'Werkruimte' }).getByRole('link', { name: 'E-learningpakketten' }).click();
    await page.getByRole('heading', { level: 1, name: 'E-learningpakketten' }).waitFor(POLL);

    await page.getByLabel('SCORM-pakket (zip-bestand)').setInputFiles(join(files, 'kwaad.zip'));
    await page.getByLabel('Titel').fill('Kwaad pakket');
    await page.getByLabel('Studietijd in minuten').fill('15');
    await page.getByRole('button', { name: 'Pakket toevoegen' }).click();
    const refusal = page.locator('.new-package [role=alert]');
    await refusal.waitFor(POLL);
    expect(await refusal.innerText()).toMatch(/niet ingelezen[\s\S]*\.\.\/evil\.js/);
    expect(await axeViolations(page)).toEqual([]);
    // The browser logs the refused upload itself; nothing else went wrong.
    expect(browser.errors).toEqual([expect.stringContaining('422')]);
    browser.errors.length = 0;

    await page.getByLabel('SCORM-pakket (zip-bestand)').setInputFiles(join(files, 'samen-beslissen.zip'));
    await page.getByLabel('Titel').fill(TITLE);
    await page.getByLabel('Studietijd in minuten').fill('20');
    await page.getByLabel(/^3\. /).check();
    await page.getByRole('button', { name: 'Pakket toevoegen' }).click();
    await page.getByText(`"${TITLE}" is toegevoegd`).waitFor(POLL);
    expect(await page.locator('.packages').innerText()).toContain(TITLE);
    expect(await page.locator('.packages').innerText()).not.toContain('Kwaad pakket');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'scorm-admin-packages');
    await page.getByRole('button', { name: 'Uitloggen' }).click();
  });

  it('is played by a participant: time, completion and the answer become statements and credited study time', { timeout: 120_000 }, async () => {
    const { page } = browser;
    await page.clock.install();
    await signIn(page, app.baseUrl, lotte.email, app.demo.password);
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor(POLL);
    const sco = page.frameLocator('iframe.package-frame');
    await sco.locator('#start').click();
    await expect.poll(() => sco.locator('#status').innerText(), POLL).toMatch(/Gestart/);
    await sco.locator('#answer-correct').click();
    // Six minutes in the sitting, on both clocks.
    await moveServerClock(6 * MINUTE);
    await page.clock.fastForward(6 * MINUTE);
    await sco.locator('#complete').click();
    await expect.poll(() => page.locator('.package-status').innerText(), POLL).toMatch(/Afgerond/);
    expect(await axeViolations(page)).toEqual([]);
    await sco.locator('#finish').click();
    await expect.poll(() => sco.locator('#status').innerText(), POLL).toBe('Afgesloten');
    await screenshot(page, 'scorm-player');

    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('ipg.token') ?? 'null') as string);
    const get = (path: string) => app.fetch(path, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
    const view = (await get('/api/course')) as { workMoments: { items: { kind: string; id: string; title: string }[] }[] };
    const item = view.workMoments.flatMap((m) => m.items).find((i) => i.kind === 'package' && i.title === TITLE)!;

    const agent = JSON.stringify({ account: { homePage: 'https://introductie-pg.nl', name: lotte.userId } });
    type Stored = { verb: { id: string }; result?: { duration?: string; response?: string; success?: boolean; completion?: boolean } };
    const statements = async () => {
      const response = await app.fetch(`/xapi/statements?agent=${encodeURIComponent(agent)}&activity=${encodeURIComponent(`${course.id}/item/${item.id}`)}&related_activities=true&ascending=true`, {
        headers: { ...XAPI_HEADERS, authorization: app.basicAuth },
      });
      return ((await response.json()) as { statements: Stored[] }).statements;
    };
    await expect.poll(async () => (await statements()).map((s) => s.verb.id.split('/').at(-1)), POLL).toEqual(['initialized', 'responded', 'scored', 'passed', 'completed', 'terminated']);
    const stored = await statements();
    expect(stored[1]!.result).toEqual({ response: 'a', success: true });
    const duration = stored.at(-1)!.result!.duration!;
    // The SCO's own session time: six minutes and the few real seconds of clicking.
    expect(duration).toMatch(/^PT6M(\d+(\.\d+)?S)?$/);

    const progress = (await get('/api/progress')) as { items: Record<string, { done: boolean }>; studyTime: { perItem: Record<string, number> }; outcomes: { number: number; missing: string[] }[] };
    expect(progress.items[item.id]).toEqual({ done: true });
    expect(progress.studyTime.perItem[item.id]).toBeGreaterThanOrEqual(5.9);
    expect(progress.studyTime.perItem[item.id]).toBeLessThanOrEqual(7);
    expect(progress.outcomes.find((o) => o.number === 3)!.missing.join(' ')).not.toContain(TITLE);
    expect(browser.errors).toEqual([]);
  });

  it('is removed by the admin on the screen, after a confirmation', { timeout: 120_000 }, async () => {
    const page = await browser.context.newPage();
    try {
      const admin = app.demo.users.find((u) => u.roles.includes('admin'))!;
      // The participant of the test above is still signed in in this browser: sign in as the admin.
      await page.goto(`${app.baseUrl}/`);
      await page.evaluate(() => localStorage.removeItem('ipg.token'));
      await signIn(page, app.baseUrl, admin.email, app.demo.password, 'Deelnemers en coaches');
      await page.getByRole('navigation', { name: 'Werkruimte' }).getByRole('link', { name: 'E-learningpakketten' }).click();
      const card = page.locator('.packages li').filter({ hasText: TITLE });
      await card.getByRole('button', { name: 'Verwijderen' }).click();
      await card.getByRole('group', { name: `${TITLE} verwijderen` }).getByText('Wat deelnemers al deden, blijft bewaard.').waitFor(POLL);
      await card.getByRole('button', { name: 'Annuleren' }).click();
      await card.getByRole('button', { name: 'Verwijderen' }).click();
      await card.getByRole('button', { name: 'Definitief verwijderen' }).click();
      await page.getByText('Er zijn nog geen pakketten toegevoegd.').waitFor(POLL);
      const token = await page.evaluate(() => JSON.parse(localStorage.getItem('ipg.token') ?? 'null') as string);
      const list = (await (await app.fetch('/api/admin/packages', { headers: { authorization: `Bearer ${token}` } })).json()) as { packages: unknown[] };
      expect(list.packages).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
