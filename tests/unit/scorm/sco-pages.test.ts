/**
 * The test SCOs are real pages: their script runs here against a recording stand-in for the LMS
 * API, so a later browser test with scorm-again starts from pages known to make the right calls.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SCORM12_SCO_HTML, SCORM2004_SCO_HTML } from '../../support/scorm-packages.js';

interface Sco {
  start(): boolean;
  answer(correct: boolean): boolean;
  complete(passed: boolean): boolean;
  suspend(data: string): boolean;
  finish(): boolean;
  calls: Array<{ method: string; args: string[] }>;
}

/** Runs the page's script in a window whose parent holds `apiName`, an API that answers "true". */
function loadSco(html: string, apiName: string): Sco {
  const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
  const api = new Proxy({}, { get: (_, method) => (method === 'GetValue' || method === 'LMSGetValue' ? () => '' : () => 'true') });
  const parent: Record<string, unknown> = { [apiName]: api };
  parent.parent = parent;
  const window: Record<string, unknown> = { parent, opener: null };
  runInNewContext(script, { window, document: { getElementById: () => null } });
  return window.sco as Sco;
}

const setValues = (sco: Sco, method: string) =>
  Object.fromEntries(sco.calls.filter((c) => c.method === method).map((c) => [c.args[0], c.args[1]]));

describe('the SCORM 1.2 test SCO', () => {
  it('initialises, records an interaction, passes, suspends and finishes through the 1.2 API', () => {
    const sco = loadSco(SCORM12_SCO_HTML, 'API');
    expect([sco.start(), sco.answer(true), sco.complete(true), sco.suspend('pagina=2'), sco.finish()]).toEqual([true, true, true, true, true]);
    const values = setValues(sco, 'LMSSetValue');
    expect(values).toMatchObject({
      'cmi.interactions.0.id': 'vraag-1',
      'cmi.interactions.0.result': 'correct',
      'cmi.core.lesson_status': 'passed',
      'cmi.suspend_data': 'pagina=2',
      'cmi.core.exit': 'suspend',
    });
    expect(values['cmi.core.session_time']).toMatch(/^\d{4}:\d{2}:\d{2}\.\d{2}$/);
    expect(sco.calls.map((c) => c.method)).toContain('LMSCommit');
    expect(sco.calls.at(0)?.method).toBe('LMSInitialize');
    expect(sco.calls.at(-1)?.method).toBe('LMSFinish');
  });
});

describe('the SCORM 2004 test SCO', () => {
  it('initialises, records an interaction, completes, suspends and terminates through the 2004 API', () => {
    const sco = loadSco(SCORM2004_SCO_HTML, 'API_1484_11');
    expect([sco.start(), sco.answer(false), sco.complete(true), sco.suspend('pagina=2'), sco.finish()]).toEqual([true, true, true, true, true]);
    const values = setValues(sco, 'SetValue');
    expect(values).toMatchObject({
      'cmi.interactions.0.result': 'incorrect',
      'cmi.completion_status': 'completed',
      'cmi.success_status': 'passed',
      'cmi.score.scaled': '0.8',
      'cmi.suspend_data': 'pagina=2',
      'cmi.exit': 'suspend',
    });
    expect(values['cmi.session_time']).toMatch(/^PT\d+\.\d{2}S$/);
    expect(sco.calls.at(0)?.method).toBe('Initialize');
    expect(sco.calls.at(-1)?.method).toBe('Terminate');
  });

  it('says so when no API is found instead of throwing', () => {
    const sco = loadSco(SCORM2004_SCO_HTML, 'API');
    expect(sco.start()).toBe(false);
  });
});
