/**
 * Two tabs open at once, on two different pages, both visible and both in use: the browser in
 * each tab measures its own active time and reports it, but the server credits the overlapping
 * time once (DESIGN.md, credible study time). Browser and server clocks move together.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadCourse } from '../../functions/core/course/load.js';
import { itemIri } from '../../functions/core/xapi/profile/activity-iris.js';
import { ACCOUNT_HOME_PAGE, EXTENSIONS } from '../../functions/core/xapi/profile/vocabulary.js';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';
import { launchBrowser, outboxStatements, signIn, type TestBrowser } from '../support/browser.js';

process.env.LOCAL_TEST_CLOCK = '1';

const course = loadCourse();
const USER_ID = 'demo-participant-daan';
const MINUTE = 60_000;
const [first, second] = course.workMoments[0]!.items.filter((i) => i.kind === 'page');

let app: LocalApp;
let browser: TestBrowser;
let tabs: Page[];
let serverOffsetMs = 0;

beforeAll(async () => {
  app = await startLocalApp({ dynamoEndpoint: inject('dynamoEndpoint') });
  browser = await launchBrowser();
  await browser.context.clock.install({ time: Date.now() });
  await signIn(browser.page, app.baseUrl, 'daan@voorbeeld.nl', 'welkom-bij-pg');
  const other = await browser.context.newPage();
  tabs = [browser.page, other];
  await tabs[0]!.goto(`${app.baseUrl}/#/item/${first!.id}`);
  await tabs[1]!.goto(`${app.baseUrl}/#/item/${second!.id}`);
  for (const [tab, item] of [[tabs[0]!, first!], [tabs[1]!, second!]] as const) {
    await tab.locator('main h1', { hasText: item.title }).waitFor();
    // Both tabs count as in front (two windows side by side).
    await tab.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
  }
});

afterAll(async () => {
  await browser?.close();
  await app?.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: 0 }) });
  await app?.close();
});

async function advanceBoth(ms: number): Promise<void> {
  serverOffsetMs += ms;
  await app.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: serverOffsetMs }) });
  await browser.context.clock.fastForward(ms);
  await expect
    .poll(async () => (await outboxStatements(tabs[0]!, USER_ID)).length, { timeout: 30_000 })
    .toBe(0);
}

async function claimedMs(itemId: string): Promise<{ ms: number; sessions: Set<unknown> }> {
  const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: ACCOUNT_HOME_PAGE, name: USER_ID } });
  const query = new URLSearchParams({ agent, activity: itemIri(course, itemId), limit: '100' });
  const response = await app.fetch(`/xapi/statements?${query}`, { headers: { ...XAPI_HEADERS, authorization: app.basicAuth } });
  const { statements } = (await response.json()) as { statements: { context: { extensions: Record<string, unknown> } }[] };
  const intervals = statements.flatMap((s) => (s.context.extensions[EXTENSIONS.activeIntervals] as [string, string][] | undefined) ?? []);
  return {
    ms: intervals.reduce((sum, [start, end]) => sum + Date.parse(end) - Date.parse(start), 0),
    sessions: new Set(statements.map((s) => s.context.extensions[EXTENSIONS.sessionId])),
  };
}

describe('two tabs open at the same time', () => {
  it('each reports its own active time, and the server credits the shared minutes once', { timeout: 180_000 }, async () => {
    for (let minute = 0; minute < 4; minute++) {
      await tabs[0]!.mouse.move(200 + minute * 10, 300);
      await tabs[1]!.mouse.move(400 + minute * 10, 300);
      await advanceBoth(MINUTE);
    }
    // Both tabs measured (about) four minutes each, in a session of their own. Each tab runs its
    // own timers, so the second tab's last report may still be on its way when the shared outbox
    // looked empty: wait for it rather than read once.
    await expect.poll(async () => (await claimedMs(first!.id)).ms, { timeout: 30_000 }).toBeGreaterThan(3.5 * MINUTE);
    await expect.poll(async () => (await claimedMs(second!.id)).ms, { timeout: 30_000 }).toBeGreaterThan(3.5 * MINUTE);
    const a = await claimedMs(first!.id);
    const b = await claimedMs(second!.id);
    expect(a.sessions.size).toBe(1);
    expect(b.sessions.size).toBe(1);
    expect([...a.sessions][0]).not.toBe([...b.sessions][0]);

    const token = await tabs[0]!.evaluate(() => JSON.parse(localStorage.getItem('ipg.token') ?? 'null') as string);
    const progress = (await (await app.fetch('/api/progress', { headers: { authorization: `Bearer ${token}` } })).json()) as {
      studyTime: { perItem: Record<string, number> };
    };
    const credited = (progress.studyTime.perItem[first!.id] ?? 0) + (progress.studyTime.perItem[second!.id] ?? 0);
    // Eight minutes claimed over four minutes of wall-clock time: four are credited, not eight.
    expect(credited).toBeGreaterThan(3.5);
    expect(credited).toBeLessThan(4.5 + (a.ms + b.ms - 8 * MINUTE) / MINUTE);
  });

  it('a tab closed while offline leaves nothing behind: the open tab sends what it had not sent', { timeout: 180_000 }, async () => {
    await browser.context.setOffline(true);
    await tabs[1]!.mouse.move(500, 320);
    await browser.context.clock.fastForward(MINUTE);
    // Offline, the second tab's report on its page waits in its outbox.
    const secondIri = itemIri(course, second!.id);
    let unsent: { id: string }[] = [];
    await expect
      .poll(async () => {
        unsent = (await outboxStatements<{ id: string; object: { id: string } }>(tabs[1]!, USER_ID)).filter((s) => s.object.id === secondIri);
        return unsent.length;
      }, { timeout: 30_000 })
      .toBeGreaterThan(0);
    // Closed: the first tab adopts the orphaned outbox (functions/web/tab-storage.ts) and sends it.
    await tabs[1]!.close();
    tabs = [tabs[0]!];
    await browser.context.setOffline(false);
    await advanceBoth(MINUTE);
    for (const { id } of unsent) {
      const response = await app.fetch(`/xapi/statements?statementId=${id}`, { headers: { ...XAPI_HEADERS, authorization: app.basicAuth } });
      expect(response.status).toBe(200);
    }
  });
});
