/**
 * Study time as the participant app measures it, in a real browser with playwright's clock and
 * the server's test clock moving together: time counts while the page is visible and the
 * participant interacted in the last 3 minutes; it is reported every minute and when the item is
 * left; no moment is reported twice; and the server credits exactly that.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadCourse } from '../../functions/core/course/load.js';
import { STUDY_TIME_RULES } from '../../functions/core/progress/study-time-rules.js';
import { itemIri } from '../../functions/core/xapi/profile/activity-iris.js';
import { ACCOUNT_HOME_PAGE, EXTENSIONS, VERBS } from '../../functions/core/xapi/profile/vocabulary.js';
import { IDLE_TIMEOUT_MS } from '../../functions/web/activity-tracker.js';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';
import { launchBrowser, outboxStatements, signIn, type TestBrowser } from '../support/browser.js';

process.env.LOCAL_TEST_CLOCK = '1';

const course = loadCourse();
const USER_ID = 'demo-participant-eva';
const MINUTE = 60_000;

let app: LocalApp;
let browser: TestBrowser;
let page: Page;
let serverOffsetMs = 0;

beforeAll(async () => {
  app = await startLocalApp({ dynamoEndpoint: inject('dynamoEndpoint') });
  browser = await launchBrowser();
  page = browser.page;
  await browser.context.clock.install({ time: Date.now() });
  await signIn(page, app.baseUrl, 'eva@voorbeeld.nl', 'welkom-bij-pg');
});

afterAll(async () => {
  await browser?.close();
  await app?.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: 0 }) });
  await app?.close();
});

async function advance(ms: number): Promise<void> {
  serverOffsetMs += ms;
  await app.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: serverOffsetMs }) });
  await page.clock.fastForward(ms);
  await expect
    .poll(async () => (await outboxStatements(page, USER_ID)).length, { timeout: 15_000 })
    .toBe(0);
}

async function setVisible(visible: boolean): Promise<void> {
  await page.evaluate((v) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (v ? 'visible' : 'hidden') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible);
}

interface Sent {
  id: string;
  verb: { id: string };
  context: { extensions: Record<string, unknown> };
}

async function sentAbout(itemId: string): Promise<Sent[]> {
  const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: ACCOUNT_HOME_PAGE, name: USER_ID } });
  const query = new URLSearchParams({ agent, activity: itemIri(course, itemId), limit: '100', ascending: 'true' });
  const response = await app.fetch(`/xapi/statements?${query}`, { headers: { ...XAPI_HEADERS, authorization: app.basicAuth } });
  return ((await response.json()) as { statements: Sent[] }).statements;
}

function intervalsOf(statements: Sent[]): Array<[number, number]> {
  return statements
    .flatMap((s) => (s.context.extensions[EXTENSIONS.activeIntervals] as [string, string][] | undefined) ?? [])
    .map(([start, end]): [number, number] => [Date.parse(start), Date.parse(end)])
    .sort((a, b) => a[0] - b[0]);
}

describe('study time in the browser', () => {
  it('uses the idle timeout of the study-time rules', () => {
    expect(IDLE_TIMEOUT_MS).toBe(STUDY_TIME_RULES.idleTimeoutMs);
    expect(IDLE_TIMEOUT_MS).toBe(3 * MINUTE);
  });

  it('counts visible, recently active time on a page, reports it every minute, and never twice', async () => {
    const item = course.workMoments[0]!.items[0]!;
    await page.getByRole('link', { name: 'Begin met de cursus' }).click();
    await page.locator('main h1', { hasText: item.title }).waitFor();

    // The mouse moves once, then a minute passes: one report.
    await page.mouse.move(300, 300);
    await advance(MINUTE);
    expect((await sentAbout(item.id)).length).toBe(1);

    // No interaction: the clock runs on until 3 minutes after the mouse moved (the idle timeout), then stops.
    for (let i = 0; i < 5; i++) await advance(MINUTE);

    // Back at the screen for a minute.
    await page.mouse.move(320, 300);
    await advance(MINUTE);

    // Another tab in front (page hidden) for two minutes: nothing counts, even with the mouse over it.
    await setVisible(false);
    await page.mouse.move(340, 300);
    await advance(2 * MINUTE);
    await setVisible(true);

    // Back, one more minute, then on to the next item (which reports the rest of this one).
    await page.mouse.move(360, 300);
    await advance(MINUTE);
    await page.locator('.pager-next').click();
    await page.locator('main h1', { hasText: course.workMoments[0]!.items[1]!.title }).waitFor();
    await advance(1);

    const statements = await sentAbout(item.id);
    expect(statements.every((s) => s.verb.id === VERBS.experienced)).toBe(true);
    expect(new Set(statements.map((s) => s.context.extensions[EXTENSIONS.sessionId])).size).toBe(1);
    const intervals = intervalsOf(statements);
    // Never a moment twice: the intervals of all reports are disjoint.
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]![0]).toBeGreaterThanOrEqual(intervals[i - 1]![1]);
    // 3 minutes until idle + 1 minute + 1 minute (the hidden time does not count), plus the real
    // time the test took between the steps (well under a minute; idle or hidden time would add 2).
    const total = intervals.reduce((sum, [start, end]) => sum + (end - start), 0);
    expect(total).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(total).toBeLessThan(6 * MINUTE);

    // The server credits the same (its clock moved in step).
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('ipg.token') ?? 'null') as string);
    const progress = (await (await app.fetch('/api/progress', { headers: { authorization: `Bearer ${token}` } })).json()) as {
      studyTime: { perItem: Record<string, number> };
    };
    expect(progress.studyTime.perItem[item.id]).toBeGreaterThan(4.9);
    expect(progress.studyTime.perItem[item.id]).toBeLessThan(6);
  });

  it('reports time on items that are not pages too, while the participant works on them', async () => {
    const check = course.workMoments[0]!.items.find((i) => i.kind === 'check')!;
    await page.goto(`${app.baseUrl}/#/item/${check.id}`);
    await page.locator('main h1', { hasText: check.title }).waitFor();
    await page.mouse.move(200, 200);
    await advance(MINUTE);
    const statements = await sentAbout(check.id);
    expect(statements.map((s) => s.verb.id)).toEqual([VERBS.experienced]);
    const [interval] = intervalsOf(statements);
    expect(interval![1] - interval![0]).toBeGreaterThan(55_000);
  });
});
