/**
 * The participant app when things go wrong, in a real browser: a reload in the middle of a
 * reflection keeps the typed text (this device and the server), a statement made while offline
 * arrives once when the connection is back, an expired session leads back to sign-in with a
 * kind message, and the participant can download everything kept about them.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { loadCourse } from '../../functions/core/course/load.js';
import { itemIri } from '../../functions/core/xapi/profile/activity-iris.js';
import { ACCOUNT_HOME_PAGE, EXTENSIONS } from '../../functions/core/xapi/profile/vocabulary.js';
import { pageExperienced } from '../../functions/core/xapi/profile/builders.js';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';
import { axeViolations, launchBrowser, outboxStatements, signIn, type TestBrowser } from '../support/browser.js';

/** UI that depends on a server round trip: give a slow (loaded) machine time. */
const POLL = { timeout: 10_000 };

const course = loadCourse();
const PASSWORD = 'welkom-bij-pg';

let app: LocalApp;
const browsers: TestBrowser[] = [];

beforeAll(async () => {
  app = await startLocalApp({ dynamoEndpoint: inject('dynamoEndpoint') });
});

afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await app?.close();
});

async function open(): Promise<TestBrowser> {
  const browser = await launchBrowser();
  browsers.push(browser);
  return browser;
}

async function tokenIn(page: Page): Promise<string> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('ipg.token') ?? 'null') as string);
}

describe('a reload in the middle of a reflection', () => {
  it('keeps the typed text, on this device and on the server', async () => {
    const { page } = await open();
    await signIn(page, app.baseUrl, 'daan@voorbeeld.nl', PASSWORD);
    const reflection = course.workMoments[0]!.items.find((i) => i.kind === 'reflection')!;
    if (reflection.kind !== 'reflection') throw new Error('unreachable');
    const [first, second] = reflection.prompts;
    await page.goto(`${app.baseUrl}/#/item/${reflection.id}`);
    const box = page.getByLabel(first!.question, { exact: true });
    const typed = 'Voor mij betekent Positieve Gezondheid dat ik eerst vraag wat voor iemand belangrijk is';
    await box.pressSequentially(typed);

    await page.reload();
    await expect.poll(() => page.getByLabel(first!.question, { exact: true }).inputValue(), POLL).toBe(typed);
    // And the text goes on where it was.
    await page.getByLabel(first!.question, { exact: true }).press('End');
    await page.getByLabel(first!.question, { exact: true }).pressSequentially(', en niet wat er mis is.');
    await page.getByLabel(second!.question, { exact: true }).pressSequentially('Een tweede antwoord');
    const complete = `${typed}, en niet wat er mis is.`;

    // The server has it too (saved every few seconds while typing), for another device.
    const token = await tokenIn(page);
    await expect
      .poll(
        async () => {
          const response = await app.fetch('/api/drafts', { headers: { authorization: `Bearer ${token}` } });
          const { drafts } = (await response.json()) as { drafts: Array<{ itemId: string; content: { answers?: Record<string, string> } }> };
          return drafts.find((d) => d.itemId === reflection.id)?.content.answers;
        },
        { timeout: 10_000 },
      )
      .toEqual({ [first!.id]: complete, [second!.id]: 'Een tweede antwoord' });

    // A fresh browser (another device) restores it from the server.
    const other = await open();
    await signIn(other.page, app.baseUrl, 'daan@voorbeeld.nl', PASSWORD);
    await other.page.goto(`${app.baseUrl}/#/item/${reflection.id}`);
    await expect.poll(() => other.page.getByLabel(first!.question, { exact: true }).inputValue(), POLL).toBe(complete);
  });
});

describe('a statement made while offline', () => {
  it('reaches the LRS once the connection is back, exactly once, also across a reload', async () => {
    const { page, context, errors } = await open();
    await signIn(page, app.baseUrl, 'eva@voorbeeld.nl', PASSWORD);
    const [firstPage, secondPage] = course.workMoments[0]!.items;
    const queue = () => outboxStatements<{ id: string; object: { id: string }; context: { extensions: Record<string, unknown> } }>(page, 'demo-participant-eva');
    const offlineNotice = page.getByText('Offline: we sturen je voortgang later.');
    const readOn = async () => {
      for (let i = 0; i < 6; i++) {
        await page.mouse.move(100 + i * 30, 200);
        await page.waitForTimeout(120);
      }
    };

    await page.getByRole('link', { name: 'Begin met de cursus' }).click();
    await page.locator('main h1', { hasText: firstPage!.title }).waitFor();
    await readOn();
    await expect.poll(async () => (await queue()).length, { timeout: 15_000 }).toBe(0);

    // Offline, leaving the page reports the time spent on it: it waits in the outbox.
    await context.setOffline(true);
    await page.locator('.pager-next').click();
    await offlineNotice.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const first = (await queue()).find((s) => s.object.id === itemIri(course, firstPage!.id));
    expect(first).toBeDefined();

    // Online again: sent at once (the browser's online event), the notice goes.
    await context.setOffline(false);
    await expect.poll(async () => (await queue()).length, { timeout: 15_000 }).toBe(0);
    await expect.poll(() => offlineNotice.count(), { timeout: 15_000 }).toBe(0);

    // Offline again, and the page is reloaded before the connection is back: the outbox survives.
    await page.locator('main h1', { hasText: secondPage!.title }).waitFor();
    await readOn();
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Overzicht', exact: true }).click();
    await offlineNotice.waitFor();
    const second = (await queue()).find((s) => s.object.id === itemIri(course, secondPage!.id));
    expect(second).toBeDefined();
    await page.reload().catch(() => undefined);
    await context.setOffline(false);
    await page.reload();
    await page.locator('main h1').waitFor();
    await expect.poll(async () => (await queue()).length, { timeout: 15_000 }).toBe(0);

    // In the LRS: each statement once, and no second copy of its time under another id.
    const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: ACCOUNT_HOME_PAGE, name: 'demo-participant-eva' } });
    const intervalsOf = (s: { context: { extensions: Record<string, unknown> } }) => JSON.stringify(s.context.extensions[EXTENSIONS.activeIntervals]);
    for (const [made, item] of [[first!, firstPage!], [second!, secondPage!]] as const) {
      const byId = await app.fetch(`/xapi/statements?statementId=${made.id}`, { headers: { ...XAPI_HEADERS, authorization: app.basicAuth } });
      expect(byId.status).toBe(200);
      const query = new URLSearchParams({ agent, activity: itemIri(course, item.id), limit: '100' });
      const listed = await app.fetch(`/xapi/statements?${query}`, { headers: { ...XAPI_HEADERS, authorization: app.basicAuth } });
      const { statements } = (await listed.json()) as { statements: Array<{ id: string; context: { extensions: Record<string, unknown> } }> };
      expect(statements.filter((s) => s.id === made.id)).toHaveLength(1);
      expect(statements.filter((s) => intervalsOf(s) === intervalsOf(made))).toHaveLength(1);
    }
    // Offline is not a bug: nothing was dropped.
    expect(errors.filter((e) => e.includes('is dropped'))).toEqual([]);
  });
});

describe('a statement the server refuses (a bug in the app)', () => {
  it('is dropped with a console error and a small notice; the statements after it still arrive', async () => {
    const { page, errors } = await open();
    await signIn(page, app.baseUrl, 'eva@voorbeeld.nl', PASSWORD);
    const token = await tokenIn(page);
    const { registration } = (await (await app.fetch('/api/enrolment', { headers: { authorization: `Bearer ${token}` } })).json()) as { registration: string };
    const itemId = course.workMoments[0]!.items[0]!.id;
    const now = Date.now();
    const activeIntervals = [[new Date(now - 30_000).toISOString(), new Date(now - 1_000).toISOString()] as const];
    // About another participant: the server refuses it (403). The next one is fine.
    const refused = pageExperienced({ course, participant: { userId: 'demo-participant-daan' }, registration, itemId, activeIntervals });
    const fine = pageExperienced({ course, participant: { userId: 'demo-participant-eva', name: 'Eva Bakker' }, registration, itemId, activeIntervals });
    // Left in the outbox key every tab shared before each kept its own: adopted after the reload.
    await page.evaluate((queue) => localStorage.setItem('ipg.outbox.demo-participant-eva', JSON.stringify(queue)), [refused, fine]);

    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'Een stap van je voortgang kon niet worden opgeslagen.' }).waitFor();
    await expect.poll(async () => (await outboxStatements(page, 'demo-participant-eva')).length, { timeout: 15_000 }).toBe(0);
    expect(errors.some((e) => e.includes(`Statement ${refused.id} was refused by the server (HTTP 403)`))).toBe(true);
    const get = (id: string) => app.fetch(`/xapi/statements?statementId=${id}`, { headers: { ...XAPI_HEADERS, authorization: app.basicAuth } });
    expect((await get(fine.id!)).status).toBe(200);
    expect((await get(refused.id!)).status).toBe(404);
    // The notice can be closed.
    await page.getByRole('button', { name: 'Sluiten' }).click();
    await expect.poll(() => page.getByRole('alert').count(), POLL).toBe(0);
  });
});

describe('an expired or invalid session', () => {
  it('leads back to sign-in with a kind message, and in again to where the work was', async () => {
    const { page } = await open();
    await signIn(page, app.baseUrl, 'eva@voorbeeld.nl', PASSWORD);
    await page.evaluate(() => localStorage.setItem('ipg.token', JSON.stringify('not-a-valid-token')));
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await page.getByText('Je bent uitgelogd, omdat je sessie is verlopen.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await signIn(page, app.baseUrl, 'eva@voorbeeld.nl', PASSWORD);
  });

  it('says plainly when the password is wrong', async () => {
    const { page } = await open();
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('E-mailadres').fill('eva@voorbeeld.nl');
    await page.getByLabel('Wachtwoord').fill('verkeerd');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Dit e-mailadres en wachtwoord passen niet bij elkaar.' }).waitFor();
  });
});

describe('downloading my data', () => {
  it('saves everything kept about the participant as a JSON file, from the overview', async () => {
    const { page } = await open();
    await signIn(page, app.baseUrl, 'carla@voorbeeld.nl', PASSWORD);
    const button = page.getByRole('button', { name: 'Download je gegevens' });
    await button.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^mijn-gegevens-introductie-positieve-gezondheid-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile(await download.path(), 'utf8')) as { person: { email: string } };
    expect(data.person.email).toBe('carla@voorbeeld.nl');
    await page.getByText('Je gegevens zijn gedownload.').waitFor();
  });
});
