/**
 * A thin SCORM 2004 package of the Introductie, made by the admin route, played for real against
 * this module: the SCORM harness (scorm-again as the LMS, headless chromium) serves the package on
 * its own origin; its launch page opens the module's hosted course (the real web app at
 * /scorm/launch), which trades the export key and the LMS learner for a participant session.
 *
 * First sitting: the learner answers a knowledge check in the app, the LMS receives the
 * interaction, the course's status and the screen to come back to, and the sitting suspends.
 * Between the sittings the learner does the rest of the course (the module's walkthrough, as if
 * on another device). Second sitting: the LMS resumes, the app returns to the saved screen, and the
 * LMS receives completed, passed and the final test's score, and a normal exit. Then the admin's
 * screen: a new export, its package downloaded and working, the learners listed, a revocation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Frame, Page } from 'playwright-core';
import { buildDeps, type Deps } from '../../functions/composition/runtime.js';
import { readConfig } from '../../functions/composition/config.js';
import { loadCourse } from '../../functions/core/course/load.js';
import { axeViolations, launchBrowser, signIn, type TestBrowser } from '../support/browser.js';
import { startLocalApp, type LocalApp } from '../support/local-app.js';
import { firstLaunchCmi, lmsCmi, lmsLog, resumeCmi, startScormHarness, type CmiJson, type ScormHarness } from '../support/scorm-harness.js';
import { packageConfig } from '../support/scorm-export-key.js';
import { walkParticipant } from '../support/walked-participant.js';

const course = loadCourse();
const check = course.workMoments.flatMap((w) => w.items).find((item) => item.kind === 'check')!;
const question = check.kind === 'check' ? check.questions[0]! : undefined!;
const rightOptions = question.options.filter((o) => o.correct);
const LEARNER = { id: 'lms-learner-7', name: 'Visser, Noor' };

let app: LocalApp;
let browser: TestBrowser;
let harness: ScormHarness;
let deps: Deps;
let clock = Date.now();
let exportKey: string;

beforeAll(async () => {
  app = await startLocalApp({ streams: false });
  deps = buildDeps(readConfig(process.env), process.env, { now: () => new Date(clock) });
  const admin = await app.tokenFor('admin');
  const response = await app.fetch('/api/admin/scorm-exports', {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ organisation: 'GGD Voorbeeld' }),
  });
  expect(response.status).toBe(201);
  const { packages } = (await response.json()) as { packages: { version: string; zipBase64: string }[] };
  const zip = new Uint8Array(Buffer.from(packages.find((p) => p.version === '2004')!.zipBase64, 'base64'));
  exportKey = packageConfig(zip).exportKey;
  harness = await startScormHarness(zip);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await app?.close();
});

/** The hosted course inside the launch page inside the harness page, once the app shows it. */
async function hostedCourse(page: Page): Promise<Frame> {
  const launchPage = await (await page.locator('iframe#sco').elementHandle())?.contentFrame();
  if (!launchPage) throw new Error('the harness page has no SCO frame');
  const frame = await (await launchPage.waitForSelector('iframe#course')).contentFrame();
  if (!frame) throw new Error('the launch page has no course frame');
  await frame.getByText('Via de leeromgeving van GGD Voorbeeld').waitFor();
  return frame;
}

/** Waits until the LMS's value for `element` (a CMI path like "cmi.completion_status") is `value`. */
async function lmsValue(page: Page, element: string, value: string | RegExp): Promise<void> {
  await expect
    .poll(async () => (await lmsLog(page)).filter((c) => c.method === 'SetValue' && c.args[0] === element).map((c) => c.args[1]).at(-1), { timeout: 15_000 })
    .toMatch(value);
}

/** The learner leaves the course (the app's pagehide), as when the LMS window closes. */
async function leave(page: Page, frame: Frame): Promise<CmiJson> {
  await frame.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
  await expect.poll(async () => (await lmsLog(page)).some((c) => c.method === 'Terminate'), { timeout: 15_000 }).toBe(true);
  return lmsCmi(page);
}

describe('a thin SCORM 2004 package, played against the module', () => {
  let saved: CmiJson;

  it('first sitting: the LMS learner becomes a participant, and an answer reaches the LMS as an interaction', async () => {
    const { page } = browser;
    await page.goto(harness.url(firstLaunchCmi('2004', LEARNER)));
    const frame = await hostedCourse(page);
    // The key is out of the address at once; the learner is a participant named as the LMS names them.
    expect(new URL(frame.url()).hash).toBe('#/');
    expect(await frame.getByRole('button', { name: 'Uitloggen' }).count()).toBe(0);
    // The session belongs to this LMS tab only: never a sign-in that outlives it.
    expect(await frame.evaluate(() => [localStorage.getItem('ipg.token'), typeof sessionStorage.getItem('ipg.token')])).toEqual([null, 'string']);
    await lmsValue(page, 'cmi.completion_status', 'incomplete');

    await frame.evaluate((hash) => (location.hash = hash), `#/item/${check.id}`);
    const form = frame.locator('form.question').first();
    for (const option of rightOptions) await form.getByRole(question.type === 'multiple' ? 'checkbox' : 'radio', { name: option.text, exact: true }).check();
    await form.getByRole('button', { name: 'Controleer' }).click();
    await frame.getByText('Goed zo.').first().waitFor();

    const interactionId = `${check.id}.${question.id}`;
    await lmsValue(page, 'cmi.interactions.0.id', interactionId);
    await lmsValue(page, 'cmi.interactions.0.result', 'correct');
    await lmsValue(page, 'cmi.interactions.0.type', 'choice');
    await lmsValue(page, 'cmi.suspend_data', new RegExp(`#/item/${check.id}`));
    expect(await axeViolations(frame)).toEqual([]);

    saved = await leave(page, frame);
    expect(saved).toMatchObject({ completion_status: 'incomplete', exit: 'suspend', learner_id: LEARNER.id });
    expect(String(saved.suspend_data)).toContain(`#/item/${check.id}`);
    expect(saved.session_time).toMatch(/^PT/);

    // The module kept the answer as the participant's own statement.
    const statements = await fetch(`${app.xapiEndpoint}/statements?verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/answered')}&limit=50`, {
      headers: { authorization: app.basicAuth, 'x-experience-api-version': '1.0.3' },
    });
    const found = ((await statements.json()) as { statements: { actor: { name?: string }; object: { id: string } }[] }).statements;
    expect(found.some((s) => s.actor.name === 'Noor Visser' && s.object.id.includes(question.id))).toBe(true);
  }, 120_000);

  it('second sitting: resumes where the learner was, and reports the finished course, passed, with its score', async () => {
    // Between the sittings the learner finishes the course (as on another device).
    const session = (await (await app.fetch('/scorm/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: exportKey, learner: LEARNER.id, name: LEARNER.name }),
    })).json()) as { token: string; user: { userId: string; name: string } };
    const enrolment = (await (await app.fetch('/api/enrolment', { headers: { authorization: `Bearer ${session.token}` } })).json()) as { registration: string };
    const start = Date.now() - 20 * 86_400_000;
    await walkParticipant(deps, { ...session.user, email: `${session.user.userId}@lms.invalid`, registration: enrolment.registration }, {
      password: app.demo.password,
      coachId: 'demo-coach-anna',
      enrolledAtMs: start,
      startMs: start + 60_000,
      setClock: (ms) => (clock = ms),
    });
    const progress = (await (await app.fetch('/api/progress', { headers: { authorization: `Bearer ${session.token}` } })).json()) as {
      gate: { open: boolean };
      finalTest: { status: string; lastScorePercent?: number };
    };
    expect(progress.gate.open).toBe(true);
    expect(progress.finalTest.status).toBe('passed');

    const { page } = browser;
    await page.goto(harness.url(resumeCmi('2004', saved)));
    const frame = await hostedCourse(page);
    await expect.poll(() => new URL(frame.url()).hash, { timeout: 15_000 }).toBe(`#/item/${check.id}`);
    await lmsValue(page, 'cmi.completion_status', 'completed');
    await lmsValue(page, 'cmi.success_status', 'passed');
    await lmsValue(page, 'cmi.score.scaled', String(progress.finalTest.lastScorePercent! / 100));

    const finished = await leave(page, frame);
    expect(finished).toMatchObject({ completion_status: 'completed', success_status: 'passed', exit: 'normal', entry: 'resume' });
    // The interaction of the first sitting is not appended again.
    expect(Object.keys(finished.interactions as CmiJson).filter((k) => /^\d+$/.test(k))).toEqual(['0']);
  }, 120_000);

  it('the admin makes an export on the screen, downloads its packages, sees who arrived and revokes it', async () => {
    const page = await browser.context.newPage();
    try {
      const admin = app.demo.users.find((u) => u.roles.includes('admin'))!;
      await signIn(page, app.baseUrl, admin.email, app.demo.password, 'Deelnemers en coaches');
      await page.getByRole('navigation', { name: 'Werkruimte' }).getByRole('link', { name: 'SCORM-export' }).click();
      await page.getByRole('heading', { level: 1, name: 'SCORM-export' }).waitFor();

      // The export of the sittings above, with the learner who came through it.
      const earlier = page.locator('.exports li').filter({ hasText: 'GGD Voorbeeld' });
      await earlier.getByText('1 deelnemer').waitFor();
      await earlier.getByText('Deelnemers via deze export').click();
      await earlier.getByText('Noor Visser').waitFor();

      await page.getByRole('button', { name: 'Export maken' }).click();
      await page.getByText('Vul de naam van de organisatie in.').waitFor();
      await page.getByLabel('Naam van de organisatie').fill('Wijkteam Oost');
      await page.getByRole('button', { name: 'Export maken' }).click();
      await page.getByRole('heading', { name: 'Pakketten voor Wijkteam Oost' }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SCORM 2004 downloaden' }).click()]);
      expect(download.suggestedFilename()).toBe('introductie-positieve-gezondheid-wijkteam-oost-scorm2004.zip');
      const key = packageConfig(new Uint8Array(await readFile((await download.path())!))).exportKey;
      const launch = (learner: string) =>
        app.fetch('/scorm/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key, learner, name: 'Oost, Wijk' }) });
      expect((await launch('w-1')).status).toBe(200);
      expect(await axeViolations(page)).toEqual([]);

      const card = page.locator('.exports li').filter({ hasText: 'Wijkteam Oost' });
      await card.getByRole('button', { name: 'Intrekken' }).click();
      await card.getByRole('button', { name: 'Definitief intrekken' }).click();
      await card.getByText(/ingetrokken op/).waitFor();
      await card.getByText('1 deelnemer').waitFor();
      expect((await launch('w-2')).status).toBe(401);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
