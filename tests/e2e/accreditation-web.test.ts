/**
 * The accreditation screens in chromium: the participant's registration-number section (consent,
 * validation, withdrawal) and the accreditation body's report page, each with axe (0 violations).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { loadCourse } from '../../functions/core/course/load.js';
import { buildDeps, type Deps } from '../../functions/composition/runtime.js';
import { readConfig } from '../../functions/composition/config.js';
import { startLocalApp, type LocalApp } from '../support/local-app.js';
import { axeViolations, DESKTOP, launchBrowser, screenshot, signIn, type TestBrowser } from '../support/browser.js';

const PASSWORD = 'welkom-bij-pg';
const POLL = { timeout: 10_000 };
const course = loadCourse();
let app: LocalApp;
let deps: Deps;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startLocalApp({ streams: false });
  deps = buildDeps(readConfig(process.env), process.env);
  // One completion, as the coach's record leaves it: the certificate and the attended record.
  const eva = (await deps.users.getByEmail('eva@voorbeeld.nl'))!;
  const registration = randomUUID();
  await deps.certificates.createOrGet({
    certificateId: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    registration,
    userId: eva.userId,
    courseId: course.id,
    participantName: eva.name,
    courseTitle: course.title,
    courseVersion: course.versionId,
    studyHours: course.accreditationHours,
    accreditationPoints: course.accreditationHours,
    completedOn: '2026-11-02',
    coachName: 'Anna de Coach',
    issuedAt: new Date().toISOString(),
  });
  await deps.contactRecords.add({ registration, coachId: 'demo-coach-anna', date: '2026-11-02', form: 'coaching', attended: true, answers: {}, recordedAt: new Date().toISOString() });
  await deps.registrationNumbers.put({ userId: eva.userId, registerId: 'big', number: '19012345601', consentedAt: new Date().toISOString() });
  browser = await launchBrowser({ viewport: DESKTOP });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the participant gives a registration number', () => {
  it('needs consent, says what is wrong in Dutch, stores it and deletes it on withdrawal (axe: 0 violations)', { timeout: 120_000 }, async () => {
    const { page } = browser;
    await signIn(page, app.baseUrl, 'carla@voorbeeld.nl', PASSWORD);
    const section = page.getByRole('region', { name: 'Accreditatiepunten' });
    await section.getByLabel('Registratienummer', { exact: true }).waitFor(POLL);
    expect(await axeViolations(page)).toEqual([]);

    await section.getByLabel('Registratienummer', { exact: true }).fill('1234');
    await section.getByRole('button', { name: 'Nummer opslaan' }).click();
    await section.getByRole('alert').filter({ hasText: 'Zet het vinkje aan' }).waitFor(POLL);

    await section.getByLabel(/Ik geef toestemming/).check();
    await section.getByRole('button', { name: 'Nummer opslaan' }).click();
    await section.getByRole('alert').filter({ hasText: 'precies 11 cijfers' }).waitFor(POLL);
    expect(await axeViolations(page)).toEqual([]);

    await section.getByLabel('Registratienummer', { exact: true }).fill('1901 2345 602');
    await section.getByRole('button', { name: 'Nummer opslaan' }).click();
    await section.getByText('19012345602').waitFor(POLL);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'accreditation-registration-number');

    await section.getByRole('button', { name: /Toestemming intrekken/ }).click();
    await section.getByText(/registratienummer is verwijderd/).waitFor(POLL);
    expect(await deps.registrationNumbers.get('demo-participant-carla')).toBeUndefined();
  });
});

describe('the accreditation body', () => {
  it('sees its report with the completion and filters it (axe: 0 violations)', { timeout: 120_000 }, async () => {
    const accreditor = await launchBrowser({ viewport: DESKTOP });
    const { page } = accreditor;
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('E-mailadres').fill('register@voorbeeld.nl');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: /Accreditatie/ }).waitFor(POLL);
    const row = page.getByRole('row', { name: /Eva/ });
    await row.waitFor(POLL);
    expect(await row.textContent()).toContain('19012345601');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'accreditation-report');

    await page.getByLabel('Welke deelnemers').selectOption('not-completed');
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.getByRole('row', { name: /Carla/ }).waitFor(POLL);
    // Only rows without a completion now (the seeded completion of 2 November is gone).
    expect(await page.getByRole('table').textContent()).not.toContain('2-11-2026');
    expect(await page.getByRole('table').textContent()).toContain('nog niet afgerond');
    expect(await axeViolations(page)).toEqual([]);
    await accreditor.close();
  });
});
