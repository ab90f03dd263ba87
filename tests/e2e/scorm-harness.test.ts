/**
 * The two test SCOs played for real: scorm-again as the LMS's run-time in headless chromium, each
 * SCO in a sandboxed iframe. A learner starts, answers a question and suspends; comes back, finds
 * the SCO where they left it, passes and finishes. What the LMS received is checked call by call,
 * and what it would store after each sitting value by value. The browser's clock is fake and paused,
 * so every time the SCO reports (interaction time, session time) and the total time the LMS adds up
 * are exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { scorm12Package, scorm2004Package } from '../support/scorm-packages.js';
import {
  callLines,
  firstLaunchCmi,
  lmsCmi,
  lmsErrors,
  lmsLog,
  playSco,
  resumeCmi,
  scoStatus,
  startScormHarness,
  type ScormHarness,
} from '../support/scorm-harness.js';

const LEARNER = { id: 'deelnemer-42', name: 'Jansen, Anna' };
// Two sittings a day apart; the first lasts 75 seconds, the second 30. The browser runs in
// Europe/Amsterdam (UTC+1 in March).
const FIRST_SITTING = new Date('2026-03-02T09:00:00Z');
const SECOND_SITTING = new Date('2026-03-03T09:00:00Z');

/** A fresh browser with a fake clock, and the harness serving `zip`. */
async function start(zip: Uint8Array): Promise<{ browser: TestBrowser; harness: ScormHarness }> {
  const [browser, harness] = await Promise.all([launchBrowser(), startScormHarness(zip)]);
  await browser.context.clock.install({ time: new Date('2026-03-02T08:00:00Z') });
  return { browser, harness };
}

describe('a SCORM 1.2 package, played with scorm-again', () => {
  let browser: TestBrowser;
  let harness: ScormHarness;
  beforeAll(async () => {
    ({ browser, harness } = await start(scorm12Package()));
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('suspends after an answered question, then resumes where it was, passes and finishes', async () => {
    const { page } = browser;
    expect(harness.version).toBe('1.2');

    // First sitting: the manifest's mastery score (70) comes along, as an LMS reads it.
    await page.goto(harness.url(firstLaunchCmi('1.2', LEARNER, '70')));
    await page.clock.pauseAt(FIRST_SITTING);
    expect(await playSco(page, [['start'], ['answer', true]])).toEqual([true, true]);
    await page.clock.fastForward(75_000);
    expect(await playSco(page, [['suspend', 'pagina=2'], ['finish']])).toEqual([true, true]);
    expect(callLines(await lmsLog(page))).toEqual([
      'LMSInitialize("") = "true"',
      'LMSGetValue("cmi.core.lesson_status") = "not attempted"',
      'LMSSetValue("cmi.core.lesson_status", "incomplete") = "true"',
      'LMSGetValue("cmi.suspend_data") = ""',
      'LMSSetValue("cmi.interactions.0.id", "vraag-1") = "true"',
      'LMSSetValue("cmi.interactions.0.type", "choice") = "true"',
      'LMSSetValue("cmi.interactions.0.correct_responses.0.pattern", "a") = "true"',
      'LMSSetValue("cmi.interactions.0.student_response", "a") = "true"',
      'LMSSetValue("cmi.interactions.0.result", "correct") = "true"',
      'LMSSetValue("cmi.interactions.0.time", "10:00:00") = "true"',
      'LMSCommit("") = "true"',
      'LMSSetValue("cmi.suspend_data", "pagina=2") = "true"',
      'LMSSetValue("cmi.core.exit", "suspend") = "true"',
      'LMSCommit("") = "true"',
      // CMITimespan, HHHH:MM:SS.SS
      'LMSSetValue("cmi.core.session_time", "0000:01:15.00") = "true"',
      'LMSFinish("") = "true"',
    ]);

    const saved = await lmsCmi(page);
    expect(saved).toMatchObject({
      core: {
        student_id: LEARNER.id,
        student_name: LEARNER.name,
        entry: 'ab-initio',
        lesson_status: 'incomplete',
        exit: 'suspend',
        total_time: '00:01:15',
      },
      suspend_data: 'pagina=2',
      interactions: {
        0: { id: 'vraag-1', type: 'choice', student_response: 'a', result: 'correct', correct_responses: { 0: { pattern: 'a' } } },
      },
    });

    // Second sitting: the LMS resumes the attempt; the SCO finds its suspend data.
    await page.goto(harness.url(resumeCmi('1.2', saved)));
    await page.clock.pauseAt(SECOND_SITTING);
    expect(await playSco(page, [['start']])).toEqual([true]);
    expect(await scoStatus(page)).toBe('Gestart; bewaard: pagina=2');
    await page.clock.fastForward(30_000);
    expect(await playSco(page, [['complete', true], ['finish']])).toEqual([true, true]);
    expect(await scoStatus(page)).toBe('Afgesloten');
    expect(callLines(await lmsLog(page))).toEqual([
      'LMSInitialize("") = "true"',
      'LMSGetValue("cmi.core.lesson_status") = "incomplete"',
      'LMSGetValue("cmi.suspend_data") = "pagina=2"',
      'LMSSetValue("cmi.core.score.raw", "80") = "true"',
      'LMSSetValue("cmi.core.lesson_status", "passed") = "true"',
      'LMSCommit("") = "true"',
      'LMSSetValue("cmi.core.session_time", "0000:00:30.00") = "true"',
      'LMSFinish("") = "true"',
    ]);

    const final = await lmsCmi(page);
    expect(final).toMatchObject({
      core: { student_id: LEARNER.id, entry: 'resume', exit: '', lesson_status: 'passed', score: { raw: '80' }, total_time: '00:01:45' },
      student_data: { mastery_score: '70' },
      suspend_data: 'pagina=2',
    });
    expect(await lmsErrors(page)).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});

describe('a SCORM 2004 4th Edition package, played with scorm-again', () => {
  let browser: TestBrowser;
  let harness: ScormHarness;
  beforeAll(async () => {
    ({ browser, harness } = await start(scorm2004Package()));
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('suspends after an answered question, then resumes where it was, completes, passes and terminates', async () => {
    const { page } = browser;
    expect(harness.version).toBe('2004');
    expect(harness.launch).toBe('content/les%201.html?taal=nl');

    // First sitting.
    await page.goto(harness.url(firstLaunchCmi('2004', LEARNER)));
    await page.clock.pauseAt(FIRST_SITTING);
    expect(await playSco(page, [['start'], ['answer', false]])).toEqual([true, true]);
    await page.clock.fastForward(75_000);
    expect(await playSco(page, [['suspend', 'pagina=2'], ['finish']])).toEqual([true, true]);
    expect(callLines(await lmsLog(page))).toEqual([
      'Initialize("") = "true"',
      'GetValue("cmi.completion_status") = "unknown"',
      'SetValue("cmi.completion_status", "incomplete") = "true"',
      // Nothing stored yet: the 2004 API says "not initialised" (403), as the standard wants.
      'GetValue("cmi.suspend_data") = "" [error 403]',
      'SetValue("cmi.interactions.0.id", "vraag-1") = "true"',
      'SetValue("cmi.interactions.0.type", "choice") = "true"',
      'SetValue("cmi.interactions.0.correct_responses.0.pattern", "a") = "true"',
      'SetValue("cmi.interactions.0.learner_response", "b") = "true"',
      'SetValue("cmi.interactions.0.result", "incorrect") = "true"',
      'SetValue("cmi.interactions.0.timestamp", "2026-03-02T09:00:00") = "true"',
      'Commit("") = "true"',
      'SetValue("cmi.suspend_data", "pagina=2") = "true"',
      'SetValue("cmi.exit", "suspend") = "true"',
      'Commit("") = "true"',
      // ISO 8601 duration
      'SetValue("cmi.session_time", "PT75.00S") = "true"',
      'Terminate("") = "true"',
    ]);

    const saved = await lmsCmi(page);
    expect(saved).toMatchObject({
      learner_id: LEARNER.id,
      learner_name: LEARNER.name,
      entry: 'ab-initio',
      completion_status: 'incomplete',
      success_status: 'unknown',
      exit: 'suspend',
      total_time: 'PT1M15S',
      suspend_data: 'pagina=2',
      interactions: {
        0: { id: 'vraag-1', type: 'choice', learner_response: 'b', result: 'incorrect', correct_responses: { 0: { pattern: 'a' } } },
      },
    });

    // Second sitting.
    await page.goto(harness.url(resumeCmi('2004', saved)));
    await page.clock.pauseAt(SECOND_SITTING);
    expect(await playSco(page, [['start']])).toEqual([true]);
    expect(await scoStatus(page)).toBe('Gestart; bewaard: pagina=2');
    await page.clock.fastForward(30_000);
    expect(await playSco(page, [['complete', true], ['finish']])).toEqual([true, true]);
    expect(await scoStatus(page)).toBe('Afgesloten');
    expect(callLines(await lmsLog(page))).toEqual([
      'Initialize("") = "true"',
      'GetValue("cmi.completion_status") = "incomplete"',
      'SetValue("cmi.completion_status", "incomplete") = "true"',
      'GetValue("cmi.suspend_data") = "pagina=2"',
      'SetValue("cmi.score.scaled", "0.8") = "true"',
      'SetValue("cmi.completion_status", "completed") = "true"',
      'SetValue("cmi.success_status", "passed") = "true"',
      'Commit("") = "true"',
      'SetValue("cmi.session_time", "PT30.00S") = "true"',
      'Terminate("") = "true"',
    ]);

    const final = await lmsCmi(page);
    expect(final).toMatchObject({
      learner_id: LEARNER.id,
      entry: 'resume',
      exit: '',
      completion_status: 'completed',
      success_status: 'passed',
      score: { scaled: '0.8' },
      total_time: 'PT1M45S',
      suspend_data: 'pagina=2',
      // The resumed attempt keeps the first sitting's interaction.
      interactions: { 0: { id: 'vraag-1', learner_response: 'b', result: 'incorrect' } },
    });
    expect(await lmsErrors(page)).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
