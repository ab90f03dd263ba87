/**
 * The browser's side of imported SCORM packages: reading a SCO's CMI as the contract's Runtime
 * (SCORM 1.2 and 2004), session times in ms, and the CMI loaded before a sitting from the
 * server's record. The last block runs the real scorm-again APIs, so the shapes these functions
 * read are the shapes scorm-again renders.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scorm12API, Scorm2004API } from 'scorm-again';
import type { PackageRecord } from '../../functions/web/package-types.js';
import {
  durationToMs,
  launchCmi,
  lessonStatusToRuntime,
  msToDuration,
  msToTimespan,
  runtimeFromCmi,
  RUNTIME_LIMITS,
  timespanToMs,
  type CmiJson,
} from '../../functions/web/scorm-runtime.js';

const LEARNER = { id: 'b6f1c0de-0000-4000-8000-000000000001', name: 'Anna de Vries' };

function record(overrides: Partial<PackageRecord> = {}): PackageRecord {
  return {
    completion: 'incomplete',
    success: 'unknown',
    scoreScaled: null,
    suspendData: '',
    location: '',
    exit: '',
    totalTimeMs: 0,
    sittings: 1,
    interactions: [],
    updatedAt: '2026-05-12T10:00:00.000Z',
    ...overrides,
  };
}

function cmi12(core: CmiJson = {}, rest: CmiJson = {}): CmiJson {
  return { core: { lesson_status: 'not attempted', exit: '', session_time: '00:00:00', lesson_location: '', score: { raw: '', min: '', max: '100' }, ...core }, suspend_data: '', ...rest };
}

describe('SCORM 1.2 session time (CMITimespan)', () => {
  it.each([
    ['00:00:00', 0],
    ['00:10:05.25', 605_250],
    ['01:02:03.5', 3_723_500],
    ['0001:00:00', 3_600_000],
    ['9999:59:59.99', 9999 * 3_600_000 + 59 * 60_000 + 59_990],
  ])('%s is %i ms', (value, ms) => {
    expect(timespanToMs(value)).toBe(ms);
  });

  it.each(['', '1:00:00', '00:60:00', '00:00:60', '00:00:00.123', 'PT1H', '00:00', 'abc'])('"%s" is not a timespan', (value) => {
    expect(timespanToMs(value)).toBeNull();
  });

  it('writes ms back as a timespan the SCO reads as the same time (to hundredths)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 * 3_600_000 }), (ms) => {
        const text = msToTimespan(ms);
        expect(text).toMatch(/^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{2})?$/);
        expect(Math.abs(timespanToMs(text)! - ms)).toBeLessThanOrEqual(5);
      }),
    );
  });

  it('caps a total beyond what a timespan holds', () => {
    expect(msToTimespan(20_000 * 3_600_000)).toBe('9999:59:59.99');
  });
});

describe('SCORM 2004 session time (ISO 8601 duration)', () => {
  it.each([
    ['PT0H0M0S', 0],
    ['PT10M5.25S', 605_250],
    ['PT1H2M3.5S', 3_723_500],
    ['PT0.01S', 10],
    ['P1D', 86_400_000],
    ['P1DT1H', 90_000_000],
    ['PT36H', 129_600_000],
    ['P1W', 604_800_000],
    ['P1M', 30 * 86_400_000],
    ['P1Y', 365 * 86_400_000],
  ])('%s is %i ms', (value, ms) => {
    expect(durationToMs(value)).toBe(ms);
  });

  it.each(['', 'P', 'PT', 'P1DT', '00:10:00', 'PT-1S', 'PT1.S', '1H', 'pt1h'])('"%s" is not a duration', (value) => {
    expect(durationToMs(value)).toBeNull();
  });

  it('writes ms back as a duration that reads as the same time (to hundredths)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 * 3_600_000 }), (ms) => {
        const text = msToDuration(ms);
        expect(text).toMatch(/^PT\d+H\d+M\d+(\.\d{1,2})?S$/);
        expect(Math.abs(durationToMs(text)! - ms)).toBeLessThanOrEqual(5);
      }),
    );
  });
});

describe('runtimeFromCmi, SCORM 1.2', () => {
  it.each([
    ['passed', 'completed', 'passed'],
    ['failed', 'completed', 'failed'],
    ['completed', 'completed', 'unknown'],
    ['incomplete', 'incomplete', 'unknown'],
    ['browsed', 'incomplete', 'unknown'],
    ['not attempted', 'not attempted', 'unknown'],
    ['', 'unknown', 'unknown'],
  ] as const)('lesson_status "%s" is completion %s, success %s', (status, completion, success) => {
    expect(lessonStatusToRuntime(status)).toEqual({ completion, success });
    const runtime = runtimeFromCmi('1.2', cmi12({ lesson_status: status }), { sessionTimeReported: false });
    expect([runtime.completion, runtime.success]).toEqual([completion, success]);
  });

  it('scales the score by max, or by 100 when there is no max', () => {
    const scaled = (score: CmiJson) => runtimeFromCmi('1.2', cmi12({ score }), { sessionTimeReported: false }).scoreScaled;
    expect(scaled({ raw: '8', min: '0', max: '10' })).toBe(0.8);
    expect(scaled({ raw: '75', min: '', max: '' })).toBe(0.75);
    expect(scaled({ raw: '75', min: '', max: '0' })).toBe(0.75);
    expect(scaled({ raw: '', min: '', max: '100' })).toBeNull();
    expect(scaled({ raw: '150', min: '', max: '100' })).toBe(1);
  });

  it('reads exit, location, suspend data and (when the SCO set it) the session time', () => {
    const cmi = cmi12({ exit: 'suspend', lesson_location: 'pagina-3', session_time: '00:10:05.25' }, { suspend_data: 'abc=1' });
    expect(runtimeFromCmi('1.2', cmi, { sessionTimeReported: true })).toMatchObject({
      exit: 'suspend',
      location: 'pagina-3',
      suspendData: 'abc=1',
      sessionTimeMs: 605_250,
    });
    // scorm-again's default session time is not the SCO's.
    expect(runtimeFromCmi('1.2', cmi, { sessionTimeReported: false }).sessionTimeMs).toBeNull();
  });

  it.each([
    ['suspend', 'suspend'],
    ['logout', 'logout'],
    ['time-out', 'time-out'],
    ['', ''],
    ['normal', ''],
    ['whatever', ''],
  ])('exit "%s" is "%s"', (exit, expected) => {
    expect(runtimeFromCmi('1.2', cmi12({ exit }), { sessionTimeReported: false }).exit).toBe(expected);
  });

  it('reads the interactions in index order, student_response as the learner response', () => {
    const cmi = cmi12(
      {},
      {
        interactions: {
          '10': { id: 'q11', type: 'true-false', student_response: 't', result: 'wrong', correct_responses: {} },
          '2': { id: 'q3', type: 'choice', student_response: 'a,b', result: 'correct', correct_responses: { '1': { pattern: 'b,a' }, '0': { pattern: 'a,b' } } },
          '3': { id: '', type: 'choice', student_response: 'x', result: 'neutral' },
        },
      },
    );
    expect(runtimeFromCmi('1.2', cmi, { sessionTimeReported: false }).interactions).toEqual([
      { id: 'q3', type: 'choice', learnerResponse: 'a,b', result: 'correct', correctResponses: ['a,b', 'b,a'], description: null },
      { id: 'q11', type: 'true-false', learnerResponse: 't', result: 'wrong', correctResponses: [], description: null },
    ]);
  });

  it('keeps to the server limits', () => {
    const many: CmiJson = {};
    for (let i = 0; i < 300; i++) many[String(i)] = { id: `q${i}`, type: 'choice', student_response: 'a', result: 'correct' };
    const runtime = runtimeFromCmi('1.2', cmi12({ lesson_location: 'x'.repeat(2_000) }, { suspend_data: 'y'.repeat(70_000), interactions: many }), { sessionTimeReported: false });
    expect(runtime.interactions).toHaveLength(RUNTIME_LIMITS.interactions);
    expect(runtime.interactions[0]!.id).toBe('q0');
    expect(runtime.location).toHaveLength(RUNTIME_LIMITS.location);
    expect(runtime.suspendData).toHaveLength(RUNTIME_LIMITS.suspendData);
  });

  it('reads nothing from something that is not CMI', () => {
    expect(runtimeFromCmi('1.2', undefined, { sessionTimeReported: true })).toEqual({
      completion: 'unknown',
      success: 'unknown',
      scoreScaled: null,
      suspendData: '',
      location: '',
      exit: '',
      sessionTimeMs: null,
      interactions: [],
    });
  });
});

describe('runtimeFromCmi, SCORM 2004', () => {
  const cmi2004 = (overrides: CmiJson = {}): CmiJson => ({
    completion_status: 'unknown',
    success_status: 'unknown',
    score: { scaled: '', raw: '', min: '', max: '' },
    exit: '',
    location: '',
    suspend_data: '',
    session_time: 'PT0H0M0S',
    interactions: {},
    ...overrides,
  });

  it('takes completion, success and the scaled score as they are', () => {
    expect(
      runtimeFromCmi('2004', cmi2004({ completion_status: 'completed', success_status: 'failed', score: { scaled: '-0.25', raw: '', min: '', max: '' } }), { sessionTimeReported: false }),
    ).toMatchObject({ completion: 'completed', success: 'failed', scoreScaled: -0.25 });
    expect(runtimeFromCmi('2004', cmi2004({ completion_status: 'bogus', success_status: 'bogus' }), { sessionTimeReported: false })).toMatchObject({
      completion: 'unknown',
      success: 'unknown',
      scoreScaled: null,
    });
  });

  it.each(['suspend', 'logout', 'normal', 'time-out', ''])('keeps exit "%s"', (exit) => {
    expect(runtimeFromCmi('2004', cmi2004({ exit }), { sessionTimeReported: false }).exit).toBe(exit);
  });

  it('reads the session time, location, suspend data and interactions with learner_response and description', () => {
    const runtime = runtimeFromCmi(
      '2004',
      cmi2004({
        session_time: 'PT1H2M3.5S',
        location: 'slide-7',
        suspend_data: '{"a":1}',
        interactions: {
          '0': { id: 'urn:q1', type: 'choice', learner_response: 'b', result: 'incorrect', description: 'Wat is gezondheid?', correct_responses: { '0': { pattern: 'a' } } },
          '1': { id: 'urn:q2', type: 'fill-in', learner_response: 'veerkracht', result: 'correct', description: '', correct_responses: {} },
        },
      }),
      { sessionTimeReported: true },
    );
    expect(runtime).toMatchObject({ sessionTimeMs: 3_723_500, location: 'slide-7', suspendData: '{"a":1}' });
    expect(runtime.interactions).toEqual([
      { id: 'urn:q1', type: 'choice', learnerResponse: 'b', result: 'incorrect', correctResponses: ['a'], description: 'Wat is gezondheid?' },
      { id: 'urn:q2', type: 'fill-in', learnerResponse: 'veerkracht', result: 'correct', correctResponses: [], description: null },
    ]);
  });
});

describe('launchCmi', () => {
  it('starts a first sitting ab-initio with only who the learner is', () => {
    expect(launchCmi('1.2', LEARNER, null)).toEqual({
      core: { student_id: LEARNER.id, student_name: LEARNER.name, entry: 'ab-initio', credit: 'credit', lesson_mode: 'normal' },
    });
    expect(launchCmi('2004', LEARNER, null)).toEqual({ learner_id: LEARNER.id, learner_name: LEARNER.name, entry: 'ab-initio', credit: 'credit', mode: 'normal' });
  });

  it('resumes after a suspended sitting with what it left (1.2)', () => {
    const cmi = launchCmi('1.2', LEARNER, record({ exit: 'suspend', location: 'p3', suspendData: 'abc', totalTimeMs: 3_723_500, scoreScaled: 0.8 }));
    expect(cmi).toEqual({
      core: {
        student_id: LEARNER.id,
        student_name: LEARNER.name,
        entry: 'resume',
        credit: 'credit',
        lesson_mode: 'normal',
        lesson_location: 'p3',
        lesson_status: 'incomplete',
        total_time: '01:02:03.50',
        score: { raw: '80', min: '0', max: '100' },
      },
      suspend_data: 'abc',
    });
  });

  it('resumes after a suspended sitting with what it left (2004)', () => {
    const cmi = launchCmi('2004', LEARNER, record({ exit: 'suspend', location: 'p3', suspendData: 'abc', totalTimeMs: 3_723_500, scoreScaled: 0.5, success: 'failed' }));
    expect(cmi).toEqual({
      learner_id: LEARNER.id,
      learner_name: LEARNER.name,
      entry: 'resume',
      credit: 'credit',
      mode: 'normal',
      location: 'p3',
      suspend_data: 'abc',
      completion_status: 'incomplete',
      success_status: 'failed',
      score: { scaled: '0.5' },
      total_time: 'PT1H2M3.5S',
    });
  });

  it.each(['', 'normal', 'logout', 'time-out'] as const)('starts ab-initio after a sitting that exited "%s"', (exit) => {
    expect((launchCmi('1.2', LEARNER, record({ exit })).core as CmiJson).entry).toBe('ab-initio');
    expect(launchCmi('2004', LEARNER, record({ exit })).entry).toBe('ab-initio');
  });

  it.each([
    [{ completion: 'completed', success: 'passed' }, 'passed'],
    [{ completion: 'completed', success: 'failed' }, 'failed'],
    [{ completion: 'completed', success: 'unknown' }, 'completed'],
    [{ completion: 'incomplete', success: 'unknown' }, 'incomplete'],
    [{ completion: 'not attempted', success: 'unknown' }, undefined],
    [{ completion: 'unknown', success: 'unknown' }, undefined],
  ] as const)('gives SCORM 1.2 the lesson status of %o: %s', (status, lessonStatus) => {
    expect((launchCmi('1.2', LEARNER, record(status)).core as CmiJson).lesson_status).toBe(lessonStatus);
  });
});

describe('with scorm-again itself', () => {
  const settings = { autocommit: false, lmsCommitUrl: false, logLevel: 'NONE' } as const;

  it('SCORM 1.2: a SCO resumes from launchCmi, and its data comes back as the Runtime', () => {
    const api = new Scorm12API(settings);
    api.loadFromJSON(launchCmi('1.2', LEARNER, record({ exit: 'suspend', location: 'p3', suspendData: 'abc', totalTimeMs: 3_723_500 })));
    expect(api.LMSInitialize('')).toBe('true');
    expect(api.LMSGetValue('cmi.core.entry')).toBe('resume');
    expect(api.LMSGetValue('cmi.core.student_id')).toBe(LEARNER.id);
    expect(api.LMSGetValue('cmi.suspend_data')).toBe('abc');
    expect(api.LMSGetValue('cmi.core.lesson_location')).toBe('p3');
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('incomplete');
    expect(timespanToMs(api.LMSGetValue('cmi.core.total_time'))).toBe(3_723_500);

    api.LMSSetValue('cmi.core.lesson_status', 'passed');
    api.LMSSetValue('cmi.core.score.raw', '8');
    api.LMSSetValue('cmi.core.score.max', '10');
    api.LMSSetValue('cmi.core.exit', 'suspend');
    api.LMSSetValue('cmi.core.session_time', '00:10:05.25');
    api.LMSSetValue('cmi.suspend_data', 'def');
    api.LMSSetValue('cmi.interactions.0.id', 'q1');
    api.LMSSetValue('cmi.interactions.0.type', 'choice');
    api.LMSSetValue('cmi.interactions.0.student_response', 'a');
    api.LMSSetValue('cmi.interactions.0.result', 'correct');
    api.LMSSetValue('cmi.interactions.0.correct_responses.0.pattern', 'a');
    expect(api.LMSFinish('')).toBe('true');

    expect(runtimeFromCmi('1.2', api.renderCMIToJSONObject().cmi, { sessionTimeReported: true })).toEqual({
      completion: 'completed',
      success: 'passed',
      scoreScaled: 0.8,
      suspendData: 'def',
      location: 'p3',
      exit: 'suspend',
      sessionTimeMs: 605_250,
      interactions: [{ id: 'q1', type: 'choice', learnerResponse: 'a', result: 'correct', correctResponses: ['a'], description: null }],
    });
  });

  it('SCORM 2004: a SCO resumes from launchCmi, and its data comes back as the Runtime', () => {
    const api = new Scorm2004API(settings);
    api.loadFromJSON(launchCmi('2004', LEARNER, record({ exit: 'suspend', location: 'p3', suspendData: 'abc', totalTimeMs: 3_723_500, scoreScaled: 0.5 })));
    expect(api.Initialize('')).toBe('true');
    expect(api.GetValue('cmi.entry')).toBe('resume');
    expect(api.GetValue('cmi.learner_name')).toBe(LEARNER.name);
    expect(api.GetValue('cmi.suspend_data')).toBe('abc');
    expect(api.GetValue('cmi.location')).toBe('p3');
    expect(api.GetValue('cmi.completion_status')).toBe('incomplete');
    expect(api.GetValue('cmi.score.scaled')).toBe('0.5');
    expect(durationToMs(api.GetValue('cmi.total_time'))).toBe(3_723_500);

    api.SetValue('cmi.completion_status', 'completed');
    api.SetValue('cmi.success_status', 'passed');
    api.SetValue('cmi.score.scaled', '0.9');
    api.SetValue('cmi.exit', 'normal');
    api.SetValue('cmi.session_time', 'PT10M5.25S');
    api.SetValue('cmi.interactions.0.id', 'urn:q1');
    api.SetValue('cmi.interactions.0.type', 'choice');
    api.SetValue('cmi.interactions.0.learner_response', 'b');
    api.SetValue('cmi.interactions.0.result', 'incorrect');
    api.SetValue('cmi.interactions.0.description', 'Vraag 1');
    api.SetValue('cmi.interactions.0.correct_responses.0.pattern', 'a');
    expect(api.Terminate('')).toBe('true');

    expect(runtimeFromCmi('2004', api.renderCMIToJSONObject().cmi, { sessionTimeReported: true })).toEqual({
      completion: 'completed',
      success: 'passed',
      scoreScaled: 0.9,
      suspendData: 'abc',
      location: 'p3',
      exit: 'normal',
      sessionTimeMs: 605_250,
      interactions: [{ id: 'urn:q1', type: 'choice', learnerResponse: 'b', result: 'incorrect', correctResponses: ['a'], description: 'Vraag 1' }],
    });
  });
});
