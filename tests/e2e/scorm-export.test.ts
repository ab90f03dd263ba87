/**
 * The thin SCORM packages of the export, played for real: each package as buildThinPackage makes
 * it, served by the SCORM harness (scorm-again as the LMS's run-time, headless chromium), its launch
 * page opening a stub of the hosted course on another origin. The stub speaks the bridge protocol
 * as the hosted course will; the test checks what the stub receives and, call by call, what the
 * LMS receives. The browser's clock is fake and paused, so interaction times and session times
 * are exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BRIDGE_PROTOCOL } from '../../functions/core/scorm/bridge-protocol.js';
import { buildThinPackage } from '../../functions/core/scorm/export-package.js';
import { LAUNCH_MESSAGES } from '../../functions/core/scorm/launch-page.js';
import type { ScormVersion } from '../../functions/core/scorm/versions.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import {
  callLines,
  firstLaunchCmi,
  lmsCmi,
  lmsErrors,
  lmsLog,
  resumeCmi,
  startScormHarness,
  type ScormHarness,
} from '../support/scorm-harness.js';
import {
  courseFrame,
  startHostedCourseStub,
  stubExit,
  stubLaunch,
  stubPost,
  stubProgress,
  stubReceived,
  type HostedCourseStub,
} from '../support/scorm-hosted-course-stub.js';

const LEARNER = { id: 'deelnemer-42', name: 'Jansen, Anna' };
const EXPORT_KEY = 'ggd-voorbeeld_0123456789';
// Two sittings a day apart; the first lasts 75 seconds, the second 30. The browser runs in
// Europe/Amsterdam (UTC+1 in March).
const FIRST_SITTING = new Date('2026-03-02T09:00:00Z');
const SECOND_SITTING = new Date('2026-03-03T09:00:00Z');
const OTHER_SITTING = new Date('2026-03-04T09:00:00Z');

const KNOWLEDGE_CHECK = { id: 'kennischeck-1', type: 'choice', response: 'b', result: 'correct', correctPattern: 'b' };
const STATEMENT = { id: 'stelling-2', type: 'true-false', response: 'false', result: 'incorrect', correctPattern: 'true' };

interface World {
  browser: TestBrowser;
  harness: ScormHarness;
  course: HostedCourseStub;
  /** A second stub: the same page, but another origin than the package was built for. */
  stranger: HostedCourseStub;
}

async function start(version: ScormVersion): Promise<World> {
  const [browser, course, stranger] = await Promise.all([launchBrowser(), startHostedCourseStub(), startHostedCourseStub()]);
  const zip = await buildThinPackage({
    version,
    moduleUrl: course.moduleUrl,
    exportKey: EXPORT_KEY,
    organisation: 'GGD Voorbeeld',
    courseTitle: 'Introductie Positieve Gezondheid',
    courseIdentifier: 'introductie-positieve-gezondheid',
  });
  const harness = await startScormHarness(zip);
  await browser.context.clock.install({ time: new Date('2026-03-02T08:00:00Z') });
  return { browser, harness, course, stranger };
}

async function stop(world: World | undefined): Promise<void> {
  await world?.browser.close();
  await world?.harness.close();
  await world?.course.close();
  await world?.stranger.close();
}

/** Waits until the LMS has seen `count` calls of `method` (postMessage is asynchronous). */
async function lmsCalled(page: Page, method: string, count = 1): Promise<void> {
  await page.waitForFunction(
    ([m, n]) => (window as unknown as { lmsLog: { method: string }[] }).lmsLog.filter((call) => call.method === m).length >= n,
    [method, count] as const,
  );
}

/** Opens a sitting: the clock paused at `at`, the harness page with `cmi`, the course stub ready. */
async function openSitting(world: World, cmi: Parameters<ScormHarness['url']>[0], at: Date) {
  const { page } = world.browser;
  await page.clock.pauseAt(at);
  await page.goto(world.harness.url(cmi));
  return courseFrame(page);
}

/** The resume message the course must receive: from the LMS's origin (where the launch page is served). */
function resumeFromLaunchPage(world: World, suspendData: string) {
  return { origin: new URL(world.harness.url()).origin, data: { protocol: BRIDGE_PROTOCOL, type: 'resume', suspendData } };
}

describe('the SCORM 1.2 export package', () => {
  let world: World;
  beforeAll(async () => {
    world = await start('1.2');
  });
  afterAll(() => stop(world));

  it('relays a suspended first sitting and a passed second sitting to the LMS', async () => {
    const { page } = world.browser;
    expect(world.harness).toMatchObject({ version: '1.2', launch: 'index.html' });

    // First sitting: the learner arrives in the fragment, the course gets no suspend data yet.
    let course = await openSitting(world, firstLaunchCmi('1.2', LEARNER), FIRST_SITTING);
    expect(await stubLaunch(course)).toEqual({
      key: EXPORT_KEY,
      learner: LEARNER.id,
      name: LEARNER.name,
      entry: 'ab-initio',
      version: '1.2',
    });
    expect(await stubReceived(course, 1)).toEqual([resumeFromLaunchPage(world, '')]);
    await page.clock.fastForward(20_000);
    await stubProgress(course, { completion: 'incomplete', suspendData: 'pagina=2', interactions: [KNOWLEDGE_CHECK] });
    await lmsCalled(page, 'LMSCommit');
    // The same interaction again is not appended twice.
    await stubProgress(course, { completion: 'incomplete', suspendData: 'pagina=3', interactions: [KNOWLEDGE_CHECK] });
    await lmsCalled(page, 'LMSCommit', 2);
    await page.clock.fastForward(55_000);
    await stubExit(course, true);
    await lmsCalled(page, 'LMSFinish');
    expect(callLines(await lmsLog(page))).toEqual([
      'LMSInitialize("") = "true"',
      'LMSGetValue("cmi.core.student_id") = "deelnemer-42"',
      'LMSGetValue("cmi.core.student_name") = "Jansen, Anna"',
      'LMSGetValue("cmi.core.entry") = "ab-initio"',
      'LMSGetValue("cmi.suspend_data") = ""',
      'LMSGetValue("cmi.interactions._count") = "0"',
      'LMSSetValue("cmi.core.lesson_status", "incomplete") = "true"',
      'LMSSetValue("cmi.suspend_data", "pagina=2") = "true"',
      'LMSSetValue("cmi.interactions.0.id", "kennischeck-1") = "true"',
      'LMSSetValue("cmi.interactions.0.type", "choice") = "true"',
      'LMSSetValue("cmi.interactions.0.correct_responses.0.pattern", "b") = "true"',
      'LMSSetValue("cmi.interactions.0.student_response", "b") = "true"',
      'LMSSetValue("cmi.interactions.0.result", "correct") = "true"',
      // Local time (Amsterdam) of the progress message.
      'LMSSetValue("cmi.interactions.0.time", "10:00:20") = "true"',
      'LMSCommit("") = "true"',
      'LMSSetValue("cmi.core.lesson_status", "incomplete") = "true"',
      'LMSSetValue("cmi.suspend_data", "pagina=3") = "true"',
      'LMSCommit("") = "true"',
      'LMSSetValue("cmi.core.session_time", "00:01:15.00") = "true"',
      'LMSSetValue("cmi.core.exit", "suspend") = "true"',
      'LMSFinish("") = "true"',
    ]);
    const saved = await lmsCmi(page);
    expect(saved).toMatchObject({
      core: { student_id: LEARNER.id, lesson_status: 'incomplete', exit: 'suspend', total_time: '00:01:15' },
      suspend_data: 'pagina=3',
      interactions: { 0: { id: 'kennischeck-1', type: 'choice', student_response: 'b', result: 'correct', time: '10:00:20' } },
    });
    // After the exit the launch page says so, in place of the course.
    const launchPage = page.frameLocator('#sco');
    expect(await launchPage.locator('#status').textContent()).toBe(LAUNCH_MESSAGES.finished);
    expect(await launchPage.locator('iframe').count()).toBe(0);

    // Second sitting: the course gets what it saved, passes with 85 % and exits.
    course = await openSitting(world, resumeCmi('1.2', saved), SECOND_SITTING);
    expect(await stubLaunch(course)).toMatchObject({ learner: LEARNER.id, entry: 'resume', version: '1.2' });
    expect(await stubReceived(course, 1)).toEqual([resumeFromLaunchPage(world, 'pagina=3')]);
    await page.clock.fastForward(10_000);
    await stubProgress(course, { completion: 'completed', success: 'passed', scoreScaled: 0.85, interactions: [STATEMENT] });
    await lmsCalled(page, 'LMSCommit');
    await page.clock.fastForward(20_000);
    await stubExit(course, false);
    await lmsCalled(page, 'LMSFinish');
    expect(callLines(await lmsLog(page))).toEqual([
      'LMSInitialize("") = "true"',
      'LMSGetValue("cmi.core.student_id") = "deelnemer-42"',
      'LMSGetValue("cmi.core.student_name") = "Jansen, Anna"',
      'LMSGetValue("cmi.core.entry") = "resume"',
      'LMSGetValue("cmi.suspend_data") = "pagina=3"',
      'LMSGetValue("cmi.interactions._count") = "1"',
      'LMSSetValue("cmi.core.lesson_status", "passed") = "true"',
      'LMSSetValue("cmi.core.score.raw", "85") = "true"',
      'LMSSetValue("cmi.core.score.min", "0") = "true"',
      'LMSSetValue("cmi.core.score.max", "100") = "true"',
      'LMSSetValue("cmi.interactions.1.id", "stelling-2") = "true"',
      'LMSSetValue("cmi.interactions.1.type", "true-false") = "true"',
      // SCORM 1.2 writes true-false as "t"/"f" and an incorrect result as "wrong".
      'LMSSetValue("cmi.interactions.1.correct_responses.0.pattern", "t") = "true"',
      'LMSSetValue("cmi.interactions.1.student_response", "f") = "true"',
      'LMSSetValue("cmi.interactions.1.result", "wrong") = "true"',
      'LMSSetValue("cmi.interactions.1.time", "10:00:10") = "true"',
      'LMSCommit("") = "true"',
      'LMSSetValue("cmi.core.session_time", "00:00:30.00") = "true"',
      'LMSSetValue("cmi.core.exit", "") = "true"',
      'LMSFinish("") = "true"',
    ]);
    expect(await lmsCmi(page)).toMatchObject({
      core: {
        student_id: LEARNER.id,
        entry: 'resume',
        exit: '',
        lesson_status: 'passed',
        score: { raw: '85', min: '0', max: '100' },
        total_time: '00:01:45',
      },
      suspend_data: 'pagina=3',
    });
    expect(await lmsErrors(page)).toEqual([]);
    expect(world.browser.errors).toEqual([]);
  });

  it('ignores messages from another origin and messages that break the protocol', async () => {
    const { page } = world.browser;
    let course = await openSitting(world, firstLaunchCmi('1.2', LEARNER), OTHER_SITTING);
    await stubReceived(course, 1);
    const before = callLines(await lmsLog(page));
    expect(before.at(-1)).toBe('LMSGetValue("cmi.interactions._count") = "0"');

    // The course frame goes to a page of another origin, which speaks the protocol perfectly.
    const launchUrl = await course.evaluate(() => location.href);
    await course.goto(launchUrl.replace(world.course.moduleUrl, world.stranger.moduleUrl));
    course = await courseFrame(page);
    await stubProgress(course, { completion: 'completed', success: 'passed', scoreScaled: 1 });
    await stubExit(course, false);
    // From the right origin: a score out of range, and a message of another protocol version.
    await course.goto(launchUrl);
    course = await courseFrame(page);
    await stubProgress(course, { completion: 'completed', success: 'passed', scoreScaled: 2 });
    await stubPost(course, { protocol: 'ipg-scorm-bridge/2', type: 'exit', suspend: false });
    // A valid message after them all: once the LMS has it, the others have been seen and ignored.
    await stubProgress(course, { completion: 'incomplete' });
    await lmsCalled(page, 'LMSCommit');
    expect(callLines(await lmsLog(page))).toEqual([
      ...before,
      'LMSSetValue("cmi.core.lesson_status", "incomplete") = "true"',
      'LMSCommit("") = "true"',
    ]);
    // The stranger got no answer to its "ready"; the course, back, got its resume again.
    expect(await stubReceived(course, 1)).toEqual([resumeFromLaunchPage(world, '')]);
    expect(await lmsErrors(page)).toEqual([]);
  });

  it('tells the learner to start from the LMS when there is no SCORM API', async () => {
    const { page } = world.browser;
    await page.goto(world.harness.url().replace('/lms.html', '/package/index.html'));
    await expect.poll(() => page.locator('#status').textContent()).toBe(
      'Deze cursus moet vanuit je leeromgeving (LMS) worden gestart.',
    );
    expect(await page.locator('iframe').count()).toBe(0);
  });
});

describe('the SCORM 2004 4th Edition export package', () => {
  let world: World;
  beforeAll(async () => {
    world = await start('2004');
  });
  afterAll(() => stop(world));

  it('relays a suspended first sitting and a completed, passed second sitting to the LMS', async () => {
    const { page } = world.browser;
    expect(world.harness).toMatchObject({ version: '2004', launch: 'index.html' });

    let course = await openSitting(world, firstLaunchCmi('2004', LEARNER), FIRST_SITTING);
    expect(await stubLaunch(course)).toEqual({
      key: EXPORT_KEY,
      learner: LEARNER.id,
      name: LEARNER.name,
      entry: 'ab-initio',
      version: '2004',
    });
    expect(await stubReceived(course, 1)).toEqual([resumeFromLaunchPage(world, '')]);
    await page.clock.fastForward(20_000);
    await stubProgress(course, { completion: 'incomplete', suspendData: 'pagina=2', interactions: [KNOWLEDGE_CHECK] });
    await lmsCalled(page, 'Commit');
    await page.clock.fastForward(55_000);
    await stubExit(course, true);
    await lmsCalled(page, 'Terminate');
    expect(callLines(await lmsLog(page))).toEqual([
      'Initialize("") = "true"',
      'GetValue("cmi.learner_id") = "deelnemer-42"',
      'GetValue("cmi.learner_name") = "Jansen, Anna"',
      'GetValue("cmi.entry") = "ab-initio"',
      // Nothing stored yet: the 2004 API says "not initialised" (403), as the standard wants.
      'GetValue("cmi.suspend_data") = "" [error 403]',
      'GetValue("cmi.interactions._count") = "0"',
      'SetValue("cmi.completion_status", "incomplete") = "true"',
      'SetValue("cmi.suspend_data", "pagina=2") = "true"',
      'SetValue("cmi.interactions.0.id", "kennischeck-1") = "true"',
      'SetValue("cmi.interactions.0.type", "choice") = "true"',
      'SetValue("cmi.interactions.0.correct_responses.0.pattern", "b") = "true"',
      'SetValue("cmi.interactions.0.learner_response", "b") = "true"',
      'SetValue("cmi.interactions.0.result", "correct") = "true"',
      'SetValue("cmi.interactions.0.timestamp", "2026-03-02T09:00:20.00Z") = "true"',
      'Commit("") = "true"',
      'SetValue("cmi.session_time", "PT1M15S") = "true"',
      'SetValue("cmi.exit", "suspend") = "true"',
      'Terminate("") = "true"',
    ]);
    const saved = await lmsCmi(page);
    expect(saved).toMatchObject({
      learner_id: LEARNER.id,
      completion_status: 'incomplete',
      success_status: 'unknown',
      exit: 'suspend',
      total_time: 'PT1M15S',
      suspend_data: 'pagina=2',
      interactions: { 0: { id: 'kennischeck-1', type: 'choice', learner_response: 'b', result: 'correct' } },
    });

    // Second sitting. The course sends the first sitting's interaction again: the LMS has it, so
    // only the new one is appended.
    course = await openSitting(world, resumeCmi('2004', saved), SECOND_SITTING);
    expect(await stubLaunch(course)).toMatchObject({ learner: LEARNER.id, entry: 'resume', version: '2004' });
    expect(await stubReceived(course, 1)).toEqual([resumeFromLaunchPage(world, 'pagina=2')]);
    await page.clock.fastForward(10_000);
    await stubProgress(course, {
      completion: 'completed',
      success: 'passed',
      scoreScaled: 0.85,
      suspendData: 'einde',
      interactions: [KNOWLEDGE_CHECK, STATEMENT],
    });
    await lmsCalled(page, 'Commit');
    await page.clock.fastForward(20_000);
    await stubExit(course, false);
    await lmsCalled(page, 'Terminate');
    expect(callLines(await lmsLog(page))).toEqual([
      'Initialize("") = "true"',
      'GetValue("cmi.learner_id") = "deelnemer-42"',
      'GetValue("cmi.learner_name") = "Jansen, Anna"',
      'GetValue("cmi.entry") = "resume"',
      'GetValue("cmi.suspend_data") = "pagina=2"',
      'GetValue("cmi.interactions._count") = "1"',
      'GetValue("cmi.interactions.0.id") = "kennischeck-1"',
      'SetValue("cmi.completion_status", "completed") = "true"',
      'SetValue("cmi.success_status", "passed") = "true"',
      'SetValue("cmi.score.scaled", "0.85") = "true"',
      'SetValue("cmi.score.raw", "85") = "true"',
      'SetValue("cmi.score.min", "0") = "true"',
      'SetValue("cmi.score.max", "100") = "true"',
      'SetValue("cmi.suspend_data", "einde") = "true"',
      'SetValue("cmi.interactions.1.id", "stelling-2") = "true"',
      'SetValue("cmi.interactions.1.type", "true-false") = "true"',
      'SetValue("cmi.interactions.1.correct_responses.0.pattern", "true") = "true"',
      'SetValue("cmi.interactions.1.learner_response", "false") = "true"',
      'SetValue("cmi.interactions.1.result", "incorrect") = "true"',
      'SetValue("cmi.interactions.1.timestamp", "2026-03-03T09:00:10.00Z") = "true"',
      'Commit("") = "true"',
      'SetValue("cmi.session_time", "PT30S") = "true"',
      'SetValue("cmi.exit", "normal") = "true"',
      'Terminate("") = "true"',
    ]);
    expect(await lmsCmi(page)).toMatchObject({
      learner_id: LEARNER.id,
      entry: 'resume',
      completion_status: 'completed',
      success_status: 'passed',
      score: { scaled: '0.85', raw: '85', min: '0', max: '100' },
      total_time: 'PT1M45S',
      suspend_data: 'einde',
      interactions: { 0: { id: 'kennischeck-1' }, 1: { id: 'stelling-2', learner_response: 'false', result: 'incorrect' } },
    });
    expect(await lmsErrors(page)).toEqual([]);
    expect(world.browser.errors).toEqual([]);
  });

  it('ignores messages from another origin', async () => {
    const { page } = world.browser;
    let course = await openSitting(world, firstLaunchCmi('2004', LEARNER), OTHER_SITTING);
    await stubReceived(course, 1);
    const before = callLines(await lmsLog(page));
    const launchUrl = await course.evaluate(() => location.href);
    await course.goto(launchUrl.replace(world.course.moduleUrl, world.stranger.moduleUrl));
    course = await courseFrame(page);
    await stubProgress(course, { completion: 'completed', success: 'passed', scoreScaled: 1 });
    await stubExit(course, false);
    await course.goto(launchUrl);
    course = await courseFrame(page);
    await stubProgress(course, { completion: 'incomplete' });
    await lmsCalled(page, 'Commit');
    expect(callLines(await lmsLog(page))).toEqual([
      ...before,
      'SetValue("cmi.completion_status", "incomplete") = "true"',
      'Commit("") = "true"',
    ]);
  });
});
