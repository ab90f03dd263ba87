/**
 * The participant app end to end, as a participant meets it: sign in in a real browser (Debian's
 * chromium), work through the whole course with keyboard and mouse (every page, check,
 * reflection, the spinnenweb twice, every assignment report, the final test, the evaluation and
 * the follow-up choice), and end with every learning outcome met, the study time reached and
 * the contact moment open. Study time is real active time, measured by the app: the browser's
 * clock (playwright) and the server's (LOCAL_TEST_CLOCK) move forward together, a couple of
 * minutes at a time, with a mouse movement before each step, so hours of study take seconds.
 *
 * Along the way: axe-core on every screen type (no violations), focus on the new h1 after every
 * navigation, and screenshots into test-results/screenshots/ (overview, a content page and the
 * spinnenweb chart, at 1280x800 and 375x740).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { allItems, loadCourse } from '../../functions/core/course/load.js';
import type { Form, Item, Question, TestQuestion } from '../../functions/core/course/schema.js';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';
import { validateStatement } from '../../functions/core/xapi/profile/matcher.js';
import { axeViolations, DESKTOP, launchBrowser, outboxStatements, PHONE, SCREENSHOT_DIR, screenshot, signIn, type AxeViolation, type TestBrowser } from '../support/browser.js';

/** UI that depends on a server round trip: give a slow (loaded) machine time. */
const POLL = { timeout: 10_000 };

// The in-process server's clock may be moved (POST /__test/clock); set before any request.
process.env.LOCAL_TEST_CLOCK = '1';

const course = loadCourse();
const PARTICIPANT = { email: 'carla@voorbeeld.nl', userId: 'demo-participant-carla', name: 'Carla Jansen' };
const STEP_MS = 2 * 60_000;
const DAY_MS = 24 * 3_600_000;

let app: LocalApp;
let browser: TestBrowser;
let page: Page;
let serverOffsetMs = 0;
const axeResults = new Map<string, AxeViolation[]>();

beforeAll(async () => {
  app = await startLocalApp({ dynamoEndpoint: inject('dynamoEndpoint') });
  browser = await launchBrowser({ viewport: DESKTOP });
  page = browser.page;
  // The browser's clock runs normally until a step moves it (and the server's) forward.
  await browser.context.clock.install({ time: Date.now() });
});

afterAll(async () => {
  await browser?.close();
  await app?.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: 0 }) });
  await app?.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers: time, the outbox, accessibility

/** Moves the server's and the browser's clocks forward together (server first: reports sent at the jump must arrive after it). */
async function advance(ms: number): Promise<void> {
  serverOffsetMs += ms;
  const response = await app.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: serverOffsetMs }) });
  expect(response.status).toBe(200);
  await page.clock.fastForward(ms);
}

/** Waits until every statement in the browser's outbox has been accepted by the server. */
async function outboxEmpty(): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const pending = (await outboxStatements(page, PARTICIPANT.userId)).length;
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending} statements still in the outbox`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Active study on the screen: a mouse movement (or scroll), then the clocks move a step on. */
async function study(minutes: number): Promise<void> {
  for (let done = 0; done < minutes * 60_000; done += STEP_MS) {
    await page.mouse.move(200 + (done % 7) * 40, 300 + (done % 5) * 30);
    await page.mouse.wheel(0, 120);
    await advance(STEP_MS);
    await outboxEmpty();
  }
}

/** 1.5 times the nominal minutes (the cap is 2x), in whole steps. */
function studyMinutes(item: Item): number {
  return Math.ceil((item.nominalMinutes * 1.5) / (STEP_MS / 60_000)) * (STEP_MS / 60_000);
}

async function checkAccessibility(name: string): Promise<void> {
  const violations = await axeViolations(page);
  axeResults.set(name, violations);
  expect(violations, `axe on ${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function expectScreen(title: string): Promise<void> {
  const h1 = page.locator('main h1');
  await expect.poll(() => h1.textContent(), POLL).toBe(title);
  // Focus follows navigation: the new screen's h1, so keyboard and screen reader users start there.
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), POLL).toBe('H1');
}

/** Follows the "Volgende" link at the bottom of an item screen, with the keyboard. */
async function next(): Promise<void> {
  const link = page.locator('.pager-next');
  await link.focus();
  await page.keyboard.press('Enter');
}

function words(count: number, seed: string): string {
  const pool = `${seed} ik merk dat ik vooral luister naar wat iemand zelf belangrijk vindt en niet meteen met oplossingen kom want dat geeft ruimte voor eigen regie en betekenis in het dagelijks leven`.split(' ');
  return Array.from({ length: count }, (_, i) => pool[i % pool.length]).join(' ');
}

// ---------------------------------------------------------------------------------------------
// Per kind of item: what a participant does there

async function answerQuestion(scope: Locator, question: Question | TestQuestion): Promise<void> {
  const block = scope.locator('fieldset').filter({ hasText: question.stem });
  for (const option of question.options.filter((o) => o.correct)) {
    await block.getByLabel(option.text, { exact: true }).check();
  }
}

async function doCheck(item: Extract<Item, { kind: 'check' }>): Promise<void> {
  const perQuestion = studyMinutes(item) / item.questions.length;
  for (const question of item.questions) {
    const form = page.locator('form.question').filter({ hasText: question.stem });
    await answerQuestion(form, question);
    await study(perQuestion);
    await form.getByRole('button', { name: 'Controleer' }).click();
    await expect.poll(() => form.locator('.feedback').textContent(), POLL).toContain('Goed zo.');
  }
}

async function doReflection(item: Extract<Item, { kind: 'reflection' }>): Promise<void> {
  for (const prompt of item.prompts) {
    // Typed, key by key, as a person types.
    await page.getByLabel(prompt.question, { exact: true }).pressSequentially(words(prompt.minWords + 5, 'Eigen woorden:'));
    await study(studyMinutes(item) / item.prompts.length);
  }
  await page.getByRole('button', { name: 'Reflectie opslaan' }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Je reflectie is opgeslagen' }).count(), POLL).toBe(1);
}

async function fillSpinnenweb(grades: number[]): Promise<void> {
  for (const [index, dimension] of course.spinnenweb.dimensions.entries()) {
    const group = page.getByRole('group', { name: new RegExp(`^Jouw cijfer voor ${dimension.name.toLowerCase()}`) });
    // Keyboard: focus the first grade, then arrow keys move the choice along the row.
    await group.getByRole('radio', { name: '0', exact: true }).focus();
    await page.keyboard.press('Space');
    for (let step = 0; step < grades[index]!; step++) await page.keyboard.press('ArrowRight');
    await expect(group.getByRole('radio', { name: String(grades[index]), exact: true }).isChecked()).resolves.toBe(true);
  }
  await page.getByRole('button', { name: 'Spinnenweb opslaan' }).click();
  await page.getByRole('heading', { name: 'Jouw spinnenweb' }).waitFor();
}

async function fillForm(form: Form, prefix: string): Promise<void> {
  for (const field of form.fields) {
    switch (field.type) {
      case 'text':
        await page.locator(`#${prefix}-${field.id}`).fill('Mijn collega Sanne');
        break;
      case 'longtext':
        await page.locator(`#${prefix}-${field.id}`).fill(words((field.minWords ?? 0) + 12, 'Wat ik merkte:'));
        break;
      case 'date':
        await page.locator(`#${prefix}-${field.id}`).fill('2026-03-14');
        break;
      case 'single':
        await page.locator(`#${prefix}-${field.id}`).getByLabel(field.options[0]!.label, { exact: true }).check();
        break;
      case 'rating':
        await page.locator(`#${prefix}-${field.id}`).getByRole('radio', { name: String(field.max - 1), exact: true }).check();
        break;
    }
  }
}

async function doAssignment(item: Extract<Item, { kind: 'assignment' }>): Promise<void> {
  await fillForm(item.reportForm, `verslag-${item.id}`);
  await page.getByRole('button', { name: 'Verslag versturen' }).click();
  await expect.poll(() => page.getByText('Je verslag is opgeslagen.').count(), POLL).toBe(1);
}

async function doFinalTest(): Promise<void> {
  await study(studyMinutes(course.finalTest));
  for (const question of course.finalTest.questions) await answerQuestion(page.locator('form'), question);
  await page.getByRole('button', { name: 'Toets inleveren' }).click();
  await page.getByRole('heading', { name: 'Gefeliciteerd, je bent geslaagd!' }).waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), POLL).toBe('Gefeliciteerd, je bent geslaagd!');
  expect(await page.locator('.result').textContent()).toContain('Je had 100% goed');
}

async function doEvaluation(): Promise<void> {
  await fillForm(course.evaluation.form, 'evaluatie');
  await study(studyMinutes(course.evaluation));
  await page.getByRole('button', { name: 'Evaluatie versturen' }).click();
  await expect.poll(() => page.getByText('Dank je wel voor je evaluatie.').count(), POLL).toBe(1);
}

async function doFollowUpChoice(): Promise<void> {
  const option = course.followUpChoice.options.find((o) => o.id === 'gespreksvoering')!;
  await page.getByRole('radio', { name: new RegExp(`^${option.title}`) }).check();
  await study(studyMinutes(course.followUpChoice));
  await page.getByRole('button', { name: 'Keuze opslaan' }).click();
  await expect.poll(() => page.getByText(`Je keuze is opgeslagen: ${option.title}.`).count(), POLL).toBe(1);
}

async function progressOf(): Promise<{ registration: string; studyTime: { creditedMinutes: number }; outcomes: Array<{ met: boolean }>; gate: { open: boolean; missing: string[] } }> {
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('ipg.token') ?? 'null') as string);
  const response = await app.fetch('/api/progress', { headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as never;
}

// ---------------------------------------------------------------------------------------------

describe('a participant takes the whole course in the browser', () => {
  it('signs in and sees the course overview, accessible at desktop and phone size', async () => {
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await checkAccessibility('sign-in');
    await screenshot(page, 'sign-in-desktop');
    await signIn(page, app.baseUrl, PARTICIPANT.email, 'welkom-bij-pg');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    await page.getByRole('heading', { name: 'Je voortgang' }).waitFor();
    await page.getByText(/0 van de \d+ minuten/).waitFor();
    // Landmarks and the skip link.
    for (const role of ['banner', 'main', 'contentinfo'] as const) expect(await page.getByRole(role).count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Direct naar de inhoud');
    await checkAccessibility('overview (start)');
    await expect(page.getByRole('link', { name: 'Begin met de cursus' }).getAttribute('href')).resolves.toBe(`#/item/${allItems(course)[0]!.id}`);
  });

  it('works through every item of the course, in order', { timeout: 600_000 }, async () => {
    await page.getByRole('link', { name: 'Begin met de cursus' }).click();
    const seen = new Set<string>();
    for (const item of allItems(course)) {
      await expectScreen(item.title);
      switch (item.kind) {
        case 'page':
          await study(studyMinutes(item));
          if (item.id === 'wm1-gezondheid-anders-bekeken') {
            await screenshot(page, 'content-page-desktop');
            await page.setViewportSize(PHONE);
            await screenshot(page, 'content-page-phone');
            await page.setViewportSize(DESKTOP);
          }
          break;
        case 'check':
          await doCheck(item);
          break;
        case 'reflection':
          await doReflection(item);
          break;
        case 'spinnenweb':
          await study(studyMinutes(item) - 6);
          await fillSpinnenweb([7, 6, 8, 7, 5, 6]);
          break;
        case 'assignment':
          if (item.afterWorkMoment === 'werkmoment-1') {
            // "Kijk opnieuw naar je spinnenweb, een dag of twee na het invullen": two days later.
            await page.mouse.move(10, 10);
            await advance(2 * DAY_MS);
            await page.goto(`${app.baseUrl}/#/item/wm1-spinnenweb`);
            await expectTitle('Je eigen spinnenweb invullen');
            await study(6);
            await fillSpinnenweb([8, 7, 9, 6, 7, 8]);
            await outboxEmpty();
            await page.reload();
            await page.getByRole('heading', { name: 'Jouw spinnenweb' }).waitFor();
            const chart = page.locator('section.chart');
            await expect.poll(() => chart.locator('.legend li').count(), POLL).toBe(2);
            await checkAccessibility('spinnenweb with chart');
            await chart.screenshot({ path: `${SCREENSHOT_DIR}/spinnenweb-chart-desktop.png` });
            await page.setViewportSize(PHONE);
            await chart.screenshot({ path: `${SCREENSHOT_DIR}/spinnenweb-chart-phone.png` });
            await page.setViewportSize(DESKTOP);
            await page.goto(`${app.baseUrl}/#/item/${item.id}`);
            await expectTitle(item.title);
          }
          await doAssignment(item);
          break;
        case 'test':
          await checkAccessibility('final test');
          await doFinalTest();
          await checkAccessibility('final test result');
          break;
        case 'evaluation':
          await doEvaluation();
          break;
        case 'choice':
          await doFollowUpChoice();
          break;
      }
      if (!seen.has(item.kind)) {
        seen.add(item.kind);
        if (item.kind !== 'test') await checkAccessibility(`${item.kind} (${item.id})`);
      }
      if (item.id === 'wm1-check') {
        // A break: back to the overview, then "Verder waar je was" leads to the next item.
        await outboxEmpty();
        await page.getByRole('link', { name: 'Introductie Positieve Gezondheid' }).click();
        await expectScreen(course.title);
        const resume = page.getByRole('link', { name: 'Verder waar je was' });
        const { resumeItemId } = (await progressOf()) as { resumeItemId?: string };
        await expect.poll(() => resume.getAttribute('href'), POLL).toBe(`#/item/${resumeItemId}`);
        await resume.click();
      } else {
        await next();
      }
    }
    // After the last item, "Volgende" leads to the contact moment.
    await expectScreen(course.contactMoment.title);
    await outboxEmpty();
    expect(seen).toEqual(new Set(['page', 'check', 'reflection', 'spinnenweb', 'assignment', 'test', 'evaluation', 'choice']));
    expect(browser.errors).toEqual([]);
  });

  it('ends with every learning outcome met, the study time reached and the contact moment open', async () => {
    const progress = await progressOf();
    expect(progress.gate).toEqual({ open: true, missing: [] });
    expect(progress.outcomes.every((o) => o.met)).toBe(true);
    expect(progress.studyTime.creditedMinutes).toBeGreaterThanOrEqual(course.gateThresholdMinutes);

    await page.reload();
    await expectTitle(course.contactMoment.title);
    await page.getByText('Ja, het contactmoment is open.').waitFor();
    await checkAccessibility('contact moment (open)');

    await page.getByRole('link', { name: 'Terug naar het overzicht' }).click();
    await expectScreen(course.title);
    const outcomes = page.locator('.outcomes > li');
    await expect.poll(() => outcomes.count(), POLL).toBe(course.outcomes.length);
    await expect.poll(() => page.locator('.outcomes > li.met').count(), POLL).toBe(course.outcomes.length);
    expect(await page.locator('.outcomes').textContent()).not.toContain('Nog niet behaald');
    await page.getByText('Studietijd gehaald.').waitFor();
    expect(await page.locator('section.contact').textContent()).toContain('Open');
    expect(await page.locator('.items .badge.todo').count()).toBe(0);
    await page.getByRole('link', { name: 'Naar het contactmoment' }).waitFor();
    await checkAccessibility('overview (done)');
    await screenshot(page, 'overview-desktop');
    await page.setViewportSize(PHONE);
    await checkAccessibility('overview (done, phone)');
    await screenshot(page, 'overview-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('stored only statements that follow the course profile, every one of them', async () => {
    const progress = await progressOf();
    const statements: object[] = [];
    let path: string = `/xapi/statements?registration=${progress.registration}&limit=100&ascending=true`;
    while (path) {
      const response = await app.fetch(path, { headers: { ...XAPI_HEADERS, authorization: app.basicAuth } });
      const body = (await response.json()) as { statements: object[]; more: string };
      statements.push(...body.statements);
      path = body.more;
    }
    expect(statements.length).toBeGreaterThan(100);
    const failing = statements.map((s) => validateStatement(s)).filter((v) => v.outcome !== 'success');
    expect(failing).toEqual([]);
  });

  it('found no accessibility violations on any screen type', () => {
    expect([...axeResults.keys()].length).toBeGreaterThanOrEqual(12);
    expect([...axeResults.values()].flat()).toEqual([]);
  });
});

async function expectTitle(title: string): Promise<void> {
  await expect.poll(() => page.locator('main h1').textContent(), POLL).toBe(title);
}
