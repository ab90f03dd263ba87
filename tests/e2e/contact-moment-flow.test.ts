/**
 * The contact moment end to end, in real browsers (Debian's chromium) on the whole module
 * (startLocalApp). Two participants get through the course quickly over the API (the course
 * walkthrough on the server's test clock, then the final test with the right answers): Carla
 * all but the follow-up choice (due only before completion), Daan without one reflection. Then,
 * as people meet it:
 * - Daan sees exactly the one thing that is missing and no booking controls; the API refuses his
 *   booking (403), and that of Eva, who is short of study time;
 * - the coach (Anna) sees Carla as ready, with time, outcomes and what is missing for the others,
 *   and filters who is ready for an inspiration session;
 * - Carla books a place in Anna's group inspiration session and shares her spinnenweb and
 *   reflections;
 * - Anna sees her as scheduled, manages her moments, opens Carla (spinnenweb chart and
 *   reflections, shared), and records the session as attended with notes: the course completes;
 * - Carla downloads her certificate (a PDF), is reminded of her follow-up choice and makes it,
 *   and the public verification link confirms the certificate;
 * - the admin moves Eva to another coach.
 * axe-core on every new page type (no violations), focus on the h1 after navigation, and
 * screenshots into test-results/screenshots/ at 1280x800 and 375x740.
 */
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadCourse } from '../../functions/core/course/load.js';
import { formatDutchDate } from '../../functions/core/certificate/format.js';
import * as build from '../../functions/core/xapi/profile/builders.js';
import { startLocalApp, type LocalApp } from '../support/local-app.js';
import { courseWalkthrough, type TimedStatement } from '../support/course-walkthrough.js';
import { axeViolations, DESKTOP, launchBrowser, PHONE, screenshot, signIn, type AxeViolation, type TestBrowser } from '../support/browser.js';

// The in-process server's clock may be moved (POST /__test/clock); set before any request.
process.env.LOCAL_TEST_CLOCK = '1';

/** UI that depends on a server round trip: give a slow (loaded) machine time. */
const POLL = { timeout: 10_000 };
const PASSWORD = 'welkom-bij-pg';
const course = loadCourse();
const SKIPPED_REFLECTION = 'wm3-reflectie-wat-raakt-jou';

interface Person {
  email: string;
  userId: string;
  name: string;
  token: string;
  registration: string;
}

let app: LocalApp;
let carla: Person;
let daan: Person;
let eva: Person;
let participantBrowser: TestBrowser;
let coachBrowser: TestBrowser;
const axeResults = new Map<string, AxeViolation[]>();
/** Console errors in the participant's browser while in the app (before the verification page). */
let appErrors = -1;

beforeAll(async () => {
  app = await startLocalApp({ dynamoEndpoint: inject('dynamoEndpoint') });
  [carla, daan, eva] = await Promise.all([person('carla@voorbeeld.nl'), person('daan@voorbeeld.nl'), person('eva@voorbeeld.nl')]);
  await walkThroughCourse([
    { who: carla, sitting: (s) => withoutItem(s, course.followUpChoice.id) },
    { who: daan, sitting: (s) => withoutReflection(s, SKIPPED_REFLECTION) },
  ]);
  // Back to the real time: the demo coaches' moments lie in the coming days.
  await setServerTime(Date.now());
  participantBrowser = await launchBrowser({ viewport: DESKTOP });
  coachBrowser = await launchBrowser({ viewport: DESKTOP });
}, 300_000);

afterAll(async () => {
  await participantBrowser?.close();
  await coachBrowser?.close();
  await app?.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: 0 }) });
  await app?.close();
});

// ---------------------------------------------------------------------------------------------
// The API side: people, the clock, a quick way through the course

async function person(email: string): Promise<Person> {
  const response = await app.fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  expect(response.status).toBe(200);
  const { token } = (await response.json()) as { token: string };
  const me = (await (await api('GET', '/api/me', undefined, token)).json()) as { userId: string; name: string };
  const { registration } = (await (await api('GET', '/api/enrolment', undefined, token)).json()) as { registration: string };
  return { email, userId: me.userId, name: me.name, token, registration };
}

function api(method: string, path: string, body: unknown, token: string): Promise<Response> {
  return app.fetch(path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function ok<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function setServerTime(at: number): Promise<void> {
  const response = await app.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: at - Date.now() }) });
  expect(response.status).toBe(200);
}

/**
 * The participants' statements at the moments a real sitting would send them (one shared
 * timeline, twelve days ago), then the final test's active time and the right answers.
 */
async function walkThroughCourse(walkers: Array<{ who: Person; sitting: (all: TimedStatement[]) => TimedStatement[] }>): Promise<void> {
  const start = Date.now() - 12 * 86_400_000;
  const sittings = walkers.map(({ who, sitting }) => ({
    who,
    statements: sitting(courseWalkthrough({ participant: { userId: who.userId, name: who.name }, registration: who.registration, startMs: start })),
  }));
  const moments = [...new Set(sittings.flatMap((s) => s.statements.map((t) => t.at)))].sort((a, b) => a - b);
  for (const at of moments) {
    await setServerTime(at);
    await Promise.all(
      sittings.flatMap(({ who, statements }) => statements.filter((t) => t.at === at).map(async ({ statement }) => ok(await api('POST', '/api/statements', [statement], who.token)))),
    );
  }
  let at = moments.at(-1)! + 60_000;
  for (let minute = 0; minute < course.finalTest.nominalMinutes; minute++, at += 61_000) {
    await setServerTime(at + 60_000);
    await Promise.all(
      sittings.map(async ({ who }) => {
        const flush = build.itemExperienced({
          course,
          participant: { userId: who.userId },
          registration: who.registration,
          itemId: course.finalTest.id,
          timestamp: new Date(at + 60_000).toISOString(),
          activeIntervals: [[new Date(at).toISOString(), new Date(at + 60_000).toISOString()]],
        });
        return ok(await api('POST', '/api/statements', [flush], who.token));
      }),
    );
  }
  await setServerTime(at + 60_000);
  const answers = Object.fromEntries(course.finalTest.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));
  for (const { who } of sittings) {
    const result = await ok<{ passed: boolean }>(await api('POST', '/api/final-test', { attemptId: randomUUID(), answers }, who.token));
    expect(result.passed).toBe(true);
  }
}

/** Walkthrough statements without one item at all. */
function withoutItem(sitting: TimedStatement[], itemId: string): TimedStatement[] {
  const iri = build.itemIri(course, itemId);
  return sitting.filter(({ statement }) => (statement.object as { id?: string }).id !== iri);
}

/** Walkthrough statements without the answers to one reflection (its active time stays). */
function withoutReflection(sitting: TimedStatement[], itemId: string): TimedStatement[] {
  const prompts = new Set(
    course.workMoments.flatMap((m) => m.items).flatMap((i) => (i.id === itemId && i.kind === 'reflection' ? i.prompts.map((p) => build.promptIri(course, i.id, p.id)) : [])),
  );
  return sitting.filter(({ statement }) => !prompts.has((statement.object as { id?: string }).id ?? ''));
}

interface ContactMomentJson {
  status: string;
  gate: { open: boolean; missing: string[] };
  booking: { kind: string; form: string; slotId: string | null } | null;
  slots: Array<{ slotId: string; form: string; startsAt: string; placesLeft: number; capacity: number }>;
  consent: { shared: boolean };
  certificate: { certificateId: string } | null;
}

const contactMoment = (who: Person) => api('GET', '/api/contact-moment', undefined, who.token).then((r) => ok<ContactMomentJson>(r));

// ---------------------------------------------------------------------------------------------
// The browser side

async function checkAccessibility(page: Page, name: string, options: { wcagOnly?: boolean } = {}): Promise<void> {
  const violations = options.wcagOnly ? await wcagViolations(page) : await axeViolations(page);
  axeResults.set(name, violations);
  expect(violations, `axe on ${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** axe-core with only the WCAG 2.x A and AA rules (no best practices). */
async function wcagViolations(page: Page): Promise<AxeViolation[]> {
  await axeViolations(page); // loads axe-core into the page
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

/** The screen's h1, and (after navigation) focus on it. */
async function expectScreen(page: Page, title: string, { focused = true } = {}): Promise<void> {
  await expect.poll(() => page.locator('main h1').textContent(), POLL).toBe(title);
  if (focused) await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), POLL).toBe('H1');
}

async function signInAs(page: Page, email: string, title: string): Promise<void> {
  await page.goto(`${app.baseUrl}/`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expectScreen(page, title, { focused: false });
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
}

/** Full-page screenshots at desktop and phone width (axe at phone width too). */
async function screenshots(page: Page, name: string, axeName?: string, { checkWidth = true } = {}): Promise<void> {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
  if (axeName) await checkAccessibility(page, `${axeName} (375 px)`);
  // Nothing sticks out sideways at 375 px.
  if (checkWidth) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

const groupSession = async () => (await contactMoment(carla)).slots.find((s) => s.form === 'inspiratiesessie')!;
const localDay = (date = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

// ---------------------------------------------------------------------------------------------

describe('before the contact moment opens', () => {
  it('shows a participant short of one outcome exactly what is missing, with no booking controls', async () => {
    const { page } = participantBrowser;
    const view = await contactMoment(daan);
    expect(view.gate.open).toBe(false);
    expect(view.gate.missing).toEqual([expect.stringMatching(/^leeruitkomst \d: .* ontbreekt nog$/)]);

    await signIn(page, app.baseUrl, daan.email, PASSWORD);
    await page.getByRole('link', { name: 'Meer over het contactmoment' }).click();
    await expectScreen(page, course.contactMoment.title);
    await page.getByText('Nog niet.').waitFor();
    const missing = page.locator('main .missing li');
    await expect.poll(() => missing.allTextContents(), POLL).toEqual(view.gate.missing.map((line) => line.charAt(0).toUpperCase() + line.slice(1)));
    // Nothing to book, choose or share.
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /reserveren|contact/i }).count()).toBe(0);
    await checkAccessibility(page, 'contact moment (closed)');
    await signOut(page);
  });

  it('refuses a booking over the API for who is short of an outcome or of study time (403, with what is missing)', async () => {
    const slotId = (await groupSession()).slotId;
    for (const who of [daan, eva]) {
      const view = await contactMoment(who);
      for (const request of [{ kind: 'slot', slotId }, { kind: 'contact-request', form: 'inspiratiesessie' }]) {
        const response = await api('POST', '/api/contact-moment/booking', request, who.token);
        expect(response.status).toBe(403);
        const body = (await response.json()) as { error: string; issues: Array<{ message: string }> };
        expect(body.error).toMatch(/^Je kunt het contactmoment nog niet plannen/);
        expect(body.issues.map((i) => i.message)).toEqual(view.gate.missing);
      }
    }
    expect((await contactMoment(eva)).gate.missing).toContain(`nog ${course.gateThresholdMinutes} minuten studietijd`);
  });
});

describe('the coach and the participant', () => {
  it('shows the coach her participants by status, with study time, outcomes and what is missing', async () => {
    const { page } = coachBrowser;
    await signInAs(page, 'anna.coach@voorbeeld.nl', 'Je deelnemers');
    const ready = page.locator('section.group').filter({ has: page.getByRole('heading', { name: /^Klaar voor het contactmoment/ }) });
    await expect.poll(() => ready.getByRole('link').allTextContents(), POLL).toEqual(['Carla Jansen']);
    // The figures are the server's (readiness records).
    const anna = await person('anna.coach@voorbeeld.nl');
    const listed = (await ok<{ participants: Array<{ name: string; creditedMinutes: number; outcomesMet: number; missing: string[] }> }>(await api('GET', '/api/coach/participants', undefined, anna.token))).participants;
    const carlaRow = listed.find((p) => p.name === 'Carla Jansen')!;
    const daanRow = listed.find((p) => p.name === 'Daan de Vries')!;
    expect(carlaRow.creditedMinutes).toBeGreaterThanOrEqual(course.gateThresholdMinutes);
    const carlaCard = ready.locator('.person').filter({ hasText: 'Carla Jansen' });
    expect(await carlaCard.textContent()).toContain(`Studietijd: ${carlaRow.creditedMinutes} van ${course.gateThresholdMinutes} minuten`);
    expect(await carlaCard.textContent()).toContain(`Leeruitkomsten: ${carlaRow.outcomesMet} van ${course.outcomes.length} behaald`);
    expect(await carlaCard.locator('.missing').count()).toBe(0);
    const busy = page.locator('section.group').filter({ has: page.getByRole('heading', { name: /^Nog bezig met de cursus/ }) });
    const daanCard = busy.locator('.person').filter({ hasText: 'Daan de Vries' });
    expect(daanRow.missing).toEqual([expect.stringMatching(/^leeruitkomst \d: .* ontbreekt nog$/)]);
    expect(await daanCard.locator('.missing li').allTextContents()).toEqual([daanRow.missing[0]!.replace(/^l/, 'L')]);
    expect(await daanCard.textContent()).toContain(`Leeruitkomsten: ${daanRow.outcomesMet} van ${course.outcomes.length} behaald`);
    await checkAccessibility(page, 'coach participants');

    // The filter: only who is ready for an inspiration session.
    const filter = page.getByRole('button', { name: /^Klaar voor een inspiratiesessie/ });
    await filter.click();
    await expect(filter.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect.poll(() => page.locator('.people .person h3').allTextContents(), POLL).toEqual(['Carla Jansen']);
    await checkAccessibility(page, 'coach participants (filtered)');
    await page.getByRole('button', { name: /^Alle deelnemers/ }).click();
    await screenshots(page, 'coach-list', 'coach participants');
  });

  it('lets the participant book a place in the group inspiration session and share her work', async () => {
    const { page } = participantBrowser;
    const session = await groupSession();
    await signIn(page, app.baseUrl, carla.email, PASSWORD);
    await page.getByRole('link', { name: 'Meer over het contactmoment' }).click();
    await expectScreen(page, course.contactMoment.title);
    await page.getByText('Ja, het contactmoment is open.').waitFor();
    await page.getByText('Je coach is Anna de Coach.').waitFor();
    await checkAccessibility(page, 'contact moment (open)');

    // First she asks to be contacted for a coaching conversation, then thinks better of it.
    await page.getByRole('radio', { name: /^Een persoonlijk coachingsgesprek/ }).check();
    await page.getByRole('radio', { name: /^Geen van deze momenten past/ }).check();
    await page.getByRole('button', { name: 'Vraag om contact' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), POLL).toBe('Je afspraak');
    await page.getByText('Je hebt gevraagd of je coach contact met je opneemt voor een coachingsgesprek. Anna de Coach neemt contact met je op om een moment af te spreken.').waitFor();
    expect((await contactMoment(carla)).booking).toMatchObject({ kind: 'contact-request', form: 'coaching' });
    await page.getByRole('button', { name: 'Afspraak annuleren' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), POLL).toBe('Plan je contactmoment');
    expect((await contactMoment(carla)).booking).toBeNull();

    // Keyboard: the form first, then the moment.
    const sessionForm = page.getByRole('radio', { name: /^Een plek in een inspiratiesessie/ });
    await sessionForm.focus();
    await page.keyboard.press('Space');
    await expect(sessionForm.isChecked()).resolves.toBe(true);
    const moment = page.getByRole('radio', { name: new RegExp(`Nog ${session.placesLeft} van de ${session.capacity} plekken vrij`) });
    await expect.poll(() => moment.count(), POLL).toBe(1);
    await moment.check();
    await checkAccessibility(page, 'contact moment (choosing)');
    await screenshots(page, 'contact-moment-choose');
    await page.getByRole('button', { name: 'Plek reserveren' }).click();

    const booking = page.locator('section.booking');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), POLL).toBe('Je afspraak');
    expect(await booking.textContent()).toContain('Inspiratiesessie');
    expect(await booking.textContent()).toContain('Anna de Coach');
    expect((await contactMoment(carla)).booking).toMatchObject({ kind: 'slot', form: 'inspiratiesessie', slotId: session.slotId });
    // Changing is possible until the session starts; she keeps it.
    await page.getByRole('button', { name: 'Ander moment kiezen' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), POLL).toBe('Kies een ander moment');
    await page.getByRole('button', { name: 'Toch niet wijzigen' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Kies een ander moment' }).count(), POLL).toBe(0);

    // The consent: off until she turns it on.
    const consent = page.getByRole('checkbox', { name: 'Mijn coach mag mijn spinnenweb en reflecties vóór het gesprek zien' });
    await expect(consent.isChecked()).resolves.toBe(false);
    await consent.check();
    await page.getByText('Opgeslagen: je coach mag je spinnenweb en reflecties zien.').waitFor();
    expect((await contactMoment(carla)).consent.shared).toBe(true);
    await checkAccessibility(page, 'contact moment (booked)');
    await screenshots(page, 'contact-moment-booking', 'contact moment (booked)');
  });

  it('shows the coach the participant as scheduled, and the session with its places', async () => {
    const { page } = coachBrowser;
    await page.reload();
    await expectScreen(page, 'Je deelnemers', { focused: false });
    const scheduled = page.locator('section.group').filter({ has: page.getByRole('heading', { name: /^Contactmoment gepland/ }) });
    await expect.poll(() => scheduled.getByRole('link').allTextContents(), POLL).toEqual(['Carla Jansen']);
    expect(await scheduled.textContent()).toMatch(/Inspiratiesessie: \w+dag \d+ \w+ \d{4}, \d{2}:\d{2} uur/);
    await page.getByRole('button', { name: /^Klaar voor een inspiratiesessie/ }).click();
    await page.getByText('Er is nu niemand klaar voor een inspiratiesessie.').waitFor();

    // The coach's moments: the session with Carla in it; a new moment added and withdrawn.
    await page.getByRole('navigation', { name: 'Werkruimte' }).getByRole('link', { name: 'Momenten' }).click();
    await expectScreen(page, 'Je momenten');
    const sessionCard = page.locator('.slot').filter({ hasText: 'Inspiratiesessie' }).filter({ hasText: 'Carla Jansen' });
    await expect.poll(() => sessionCard.count(), POLL).toBe(1);
    expect(await sessionCard.textContent()).toContain(`Nog ${course.contactMoment.groupMax - 1} van de ${course.contactMoment.groupMax} plekken vrij`);
    expect(await sessionCard.getByRole('button').count()).toBe(0); // booked: cannot be deleted
    await checkAccessibility(page, 'coach slots');

    const tomorrow = localDay(new Date(Date.now() + 86_400_000));
    await page.getByRole('radio', { name: /^Coachingsgesprek/ }).check();
    await page.getByLabel('Datum').fill(tomorrow);
    await page.getByLabel('Begintijd').fill('10:00');
    await page.getByLabel('Eindtijd').fill('09:00');
    await page.getByRole('radio', { name: 'Online' }).check();
    await page.getByLabel('Link naar het online gesprek').fill('https://meet.voorbeeld.nl/anna-extra');
    await page.getByRole('button', { name: 'Moment toevoegen' }).click();
    // Caught in the browser: the end before the start; focus goes to the field.
    await page.getByText('De eindtijd ligt na de begintijd.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), POLL).toBe('moment-end');
    await checkAccessibility(page, 'coach slots (error)');
    await page.getByLabel('Eindtijd').fill('11:00');
    await page.getByRole('button', { name: 'Moment toevoegen' }).click();
    await page.getByText(/^Het moment is toegevoegd: coachingsgesprek/).waitFor();
    const extra = page.locator('.slot').filter({ hasText: 'https://meet.voorbeeld.nl/anna-extra' });
    await expect.poll(() => extra.count(), POLL).toBe(1);
    expect(await extra.textContent()).toContain('10:00 - 11:00 uur');
    await screenshots(page, 'coach-slots', 'coach slots');
    await extra.getByRole('button', { name: /^Moment verwijderen: coachingsgesprek/ }).click();
    await page.getByText(/^Het moment van .* is verwijderd\.$/).first().waitFor();
    await expect.poll(() => extra.count(), POLL).toBe(0);
  });

  it('lets the coach open the participant (shared work visible) and record the session as attended', async () => {
    const { page } = coachBrowser;
    await page.getByRole('navigation', { name: 'Werkruimte' }).getByRole('link', { name: 'Deelnemers', exact: true }).click();
    await expectScreen(page, 'Je deelnemers');
    await page.getByRole('link', { name: 'Carla Jansen' }).click();
    await expectScreen(page, 'Carla Jansen');
    await expect.poll(() => page.title(), POLL).toBe('Carla Jansen – Introductie Positieve Gezondheid');
    // Shared with consent: the spinnenweb chart and her reflections.
    await page.getByRole('img', { name: /Spinnenweb .*Het spinnenweb van Carla, ingevuld op/ }).waitFor();
    const firstPrompt = course.workMoments.flatMap((m) => m.items.flatMap((i) => (i.kind === 'reflection' ? i.prompts : [])))[0]!;
    await page.getByText(firstPrompt.question, { exact: true }).waitFor();
    await checkAccessibility(page, 'coach participant');

    // Sent without saying whether she was there: the form says so and puts focus there.
    await page.getByRole('button', { name: 'Contactmoment vastleggen' }).click();
    await page.getByText('Geef aan of het contactmoment heeft plaatsgevonden.').waitFor();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name), POLL).toBe('aanwezig');
    await checkAccessibility(page, 'coach participant (record form errors)');

    await page.getByRole('radio', { name: /^Ja, het contactmoment heeft plaatsgevonden/ }).check();
    // Prefilled from the booking and today.
    await expect(page.getByRole('radio', { name: 'Inspiratiesessie', exact: true }).isChecked()).resolves.toBe(true);
    await expect(page.locator('#verslag-datum').inputValue()).resolves.toBe(localDay());
    await page.locator('#verslag-betekenis-persoonlijk').fill('Ze vertelde dat ze beter naar haar eigen grenzen luistert en vaker vraagt wat er echt toe doet.');
    await page.locator('#verslag-betekenis-beroepsmatig').fill('In haar werk laat ze de cliënt meer zelf de regie nemen en vraagt ze eerst wat voor hem belangrijk is.');
    await page.locator('#verslag-afspraken').fill('Ze denkt na over de leerroute gespreksvoering.');
    await screenshots(page, 'coach-participant');
    await page.getByRole('button', { name: 'Contactmoment vastleggen' }).click();
    await page.getByText('Vastgelegd. Carla Jansen heeft de Introductie afgerond; het certificaat staat klaar in de cursusomgeving.').waitFor();
    await expect.poll(() => page.locator('.badge.status').first().textContent(), POLL).toBe('Afgerond');
    await page.getByText('Ze denkt na over de leerroute gespreksvoering.').waitFor();
    await checkAccessibility(page, 'coach participant (completed)');
    expect((await contactMoment(carla)).status).toBe('completed');
  });

  it('lets the participant download her certificate, and the verification link confirms it', async () => {
    const { page } = participantBrowser;
    await page.reload();
    await expectScreen(page, course.contactMoment.title, { focused: false });
    await page.getByRole('heading', { name: 'Je hebt de Introductie afgerond' }).waitFor();
    // She has not chosen her follow-up yet: a reminder.
    await page.getByRole('link', { name: 'Kies je vervolg' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download je certificaat (pdf)' }).click()]);
    expect(download.suggestedFilename()).toBe('certificaat-introductie-positieve-gezondheid.pdf');
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByText('Je certificaat is gedownload.').waitFor();

    const { certificate } = await contactMoment(carla);
    const link = page.getByRole('link', { name: /\/verify\// });
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe(`${app.baseUrl}/verify/${certificate!.certificateId}`);
    expect(bytes.toString('latin1')).toContain(certificate!.certificateId);
    await checkAccessibility(page, 'contact moment (completed)');
    await screenshots(page, 'contact-moment-completed', 'contact moment (completed)');

    // The reminder leads to the choice; once made, the reminder is gone.
    await page.getByRole('link', { name: 'Kies je vervolg' }).click();
    await expectScreen(page, course.followUpChoice.title);
    const route = course.followUpChoice.options.find((o) => o.id === 'gespreksvoering')!;
    await page.getByRole('radio', { name: new RegExp(`^${route.title}`) }).check();
    await page.getByRole('button', { name: 'Keuze opslaan' }).click();
    await page.getByText(`Je keuze is opgeslagen: ${route.title}.`).waitFor();
    await expect.poll(() => api('GET', '/api/progress', undefined, carla.token).then((r) => r.json() as Promise<{ items: Record<string, { done: boolean }> }>).then((p) => p.items[course.followUpChoice.id]?.done), POLL).toBe(true);
    await page.locator('.pager-next').click();
    await expectScreen(page, course.contactMoment.title);
    await page.getByRole('heading', { name: 'Je hebt de Introductie afgerond' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: 'Kies je vervolg' }).count(), POLL).toBe(0);

    // Nothing went wrong in the app. (The verification page below is the server's own small page;
    // the browser's request for its /favicon.ico is a 404 by design.)
    expect(participantBrowser.errors).toEqual([]);
    appErrors = participantBrowser.errors.length;

    // The public page, as a register would open it.
    await link.click();
    await page.waitForURL(href);
    const text = await page.locator('body').textContent();
    expect(text).toContain('Dit certificaat is echt.');
    expect(text).toContain('Carla Jansen');
    expect(text).toContain(course.title);
    expect(text).toContain(`${course.accreditationHours} uur`);
    expect(text).toContain(formatDutchDate(localDay()));
    expect(text).not.toContain('@');
    await checkAccessibility(page, 'certificate verification');
    await screenshots(page, 'certificate-verification');
    await page.setViewportSize(PHONE);
    await checkAccessibility(page, 'certificate verification (375 px)');
    await page.setViewportSize(DESKTOP);
  });

});

describe('the admin', () => {
  it('sees the participants with their coach and assigns another coach', async () => {
    const { page } = coachBrowser;
    await signOut(page);
    await signInAs(page, 'beheer@voorbeeld.nl', 'Deelnemers en coaches');
    const evaCard = page.locator('.person').filter({ has: page.getByRole('heading', { name: 'Eva Bakker' }) });
    await expect.poll(() => evaCard.textContent(), POLL).toContain('Coach: Bram de Coach');
    const carlaCard = page.locator('.person').filter({ has: page.getByRole('heading', { name: 'Carla Jansen' }) });
    expect(await carlaCard.textContent()).toContain('Afgerond');
    await checkAccessibility(page, 'admin participants');

    await page.getByLabel('Andere coach voor Eva Bakker').selectOption({ label: 'Anna de Coach' });
    await page.getByRole('button', { name: 'Opslaan voor Eva Bakker' }).click();
    await evaCard.getByText('Opgeslagen: Anna de Coach is nu de coach van Eva Bakker.').waitFor();
    expect(await evaCard.textContent()).toContain('Coach: Anna de Coach');
    const anna = await person('anna.coach@voorbeeld.nl');
    const list = await ok<{ participants: Array<{ name: string }> }>(await api('GET', '/api/coach/participants', undefined, anna.token));
    expect(list.participants.map((p) => p.name)).toContain('Eva Bakker');
    await screenshots(page, 'admin-participants', 'admin participants');
  });

  it('found no console errors and no accessibility violations on any new page type', () => {
    expect(appErrors).toBe(0);
    expect(coachBrowser.errors).toEqual([]);
    expect([...axeResults.keys()].length).toBeGreaterThanOrEqual(15);
    expect([...axeResults.values()].flat()).toEqual([]);
  });
});
