/**
 * The right to erasure in chromium: the participant asks for it on the overview, confirms by
 * typing, and is signed out with a clear notice; their account is gone, and nothing of theirs is
 * left in this browser's localStorage (outbox, drafts, study time). axe: 0 violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeps, type Deps } from '../../functions/composition/runtime.js';
import { readConfig } from '../../functions/composition/config.js';
import { hashSecret } from '../../functions/core/auth/password-hash.js';
import { startLocalApp, type LocalApp } from '../support/local-app.js';
import { axeViolations, DESKTOP, launchBrowser, outboxStatements, screenshot, signIn, type TestBrowser } from '../support/browser.js';
import { loadCourse } from '../../functions/core/course/load.js';

const POLL = { timeout: 15_000 };
const hanna = { userId: 'erasure-e2e-hanna', email: 'hanna@wissen.voorbeeld.nl', name: 'Hanna Wissink' };
const joost = { userId: 'erasure-e2e-joost', email: 'joost@wissen.voorbeeld.nl', name: 'Joost Kwijt' };
const reflection = loadCourse().workMoments.flatMap((moment) => moment.items).find((item) => item.kind === 'reflection')!;
let app: LocalApp;
let deps: Deps;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startLocalApp({ streams: false });
  deps = buildDeps(readConfig(process.env), process.env);
  for (const person of [hanna, joost]) {
    await deps.users.put({ ...person, roles: ['participant'], passwordHash: await hashSecret(app.demo.password), createdAt: new Date().toISOString() });
  }
  browser = await launchBrowser({ viewport: DESKTOP });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const keysOf = (userId: string) =>
  browser.page.evaluate((id) => Object.keys(localStorage).filter((key) => key.includes(id)), userId);

describe('erasing my data', () => {
  it('asks for the typed confirmation, erases, signs out and leaves nothing in the browser', { timeout: 120_000 }, async () => {
    const { page } = browser;
    await signIn(page, app.baseUrl, hanna.email, app.demo.password);
    // Something of hers on this device: a reflection saved while the server cannot be reached
    // sits in the outbox, and its draft is kept here too.
    await page.context().setOffline(true);
    await page.goto(`${app.baseUrl}/#/item/${reflection.id}`);
    for (const prompt of reflection.prompts) await page.getByLabel(prompt.question, { exact: true }).fill(`${'Wat ik merkte over mezelf. '.repeat(prompt.minWords)}`);
    await page.getByRole('button', { name: 'Reflectie opslaan' }).click();
    await expect.poll(async () => (await outboxStatements(page, hanna.userId)).length, POLL).toBeGreaterThan(0);
    await page.goto(`${app.baseUrl}/#/`);
    // Back online, the overview is where the erasure is asked for (the outbox may still be sending).
    await page.context().setOffline(false);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Introductie Positieve Gezondheid' }).waitFor(POLL);
    expect((await keysOf(hanna.userId)).length).toBeGreaterThan(0);

    const section = page.getByRole('region', { name: 'Jouw gegevens' });
    await section.getByRole('button', { name: 'Mijn gegevens verwijderen' }).click();
    const confirm = section.getByLabel(/Typ VERWIJDER om te bevestigen/);
    await confirm.waitFor(POLL);
    expect(await axeViolations(page)).toEqual([]);
    await confirm.fill('ja graag');
    await section.getByRole('button', { name: 'Definitief verwijderen' }).click();
    await section.getByRole('alert').filter({ hasText: 'Typ VERWIJDER' }).waitFor(POLL);
    expect(await deps.users.getById(hanna.userId)).toBeDefined();
    await screenshot(page, 'erasure-confirm');

    await confirm.fill('VERWIJDER');
    await section.getByRole('button', { name: 'Definitief verwijderen' }).click();
    await page.getByText('Je gegevens zijn verwijderd').waitFor(POLL);
    await page.getByLabel('E-mailadres').waitFor(POLL);
    expect(await keysOf(hanna.userId)).toEqual([]);
    expect(await deps.users.getById(hanna.userId)).toBeUndefined();
    expect(await deps.erasures.get(hanna.userId)).toMatchObject({ status: 'done' });
    expect(await axeViolations(page)).toEqual([]);

    // Signing in again does not work: the account no longer exists.
    await page.getByLabel('E-mailadres').fill(hanna.email);
    await page.getByLabel('Wachtwoord').fill(app.demo.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').waitFor(POLL);
    expect(await page.getByRole('heading', { level: 1, name: 'Introductie Positieve Gezondheid' }).count()).toBe(0);
  });

  it('lets the admin erase a participant who asks for it (axe: 0 violations)', { timeout: 120_000 }, async () => {
    const admin = await launchBrowser({ viewport: DESKTOP });
    const { page } = admin;
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('E-mailadres').fill('beheer@voorbeeld.nl');
    await page.getByLabel('Wachtwoord').fill(app.demo.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deelnemers en coaches' }).waitFor(POLL);
    const card = page.locator('.person').filter({ has: page.getByRole('heading', { name: joost.name }) });
    await card.getByRole('button', { name: `Gegevens verwijderen van ${joost.name}` }).click();
    await card.getByRole('button', { name: `Definitief verwijderen van ${joost.name}` }).click();
    await card.getByRole('alert').filter({ hasText: 'Typ VERWIJDER' }).waitFor(POLL);
    expect(await axeViolations(page)).toEqual([]);
    await card.getByLabel('Typ VERWIJDER om te bevestigen').fill('VERWIJDER');
    await card.getByRole('button', { name: `Definitief verwijderen van ${joost.name}` }).click();
    await card.getByText(`De gegevens van ${joost.name} zijn verwijderd`).waitFor(POLL);
    expect(await deps.users.getById(joost.userId)).toBeUndefined();
    expect(await deps.erasures.get(joost.userId)).toMatchObject({ status: 'done', requestedBy: 'admin:demo-admin' });
    await admin.close();
  });
});
