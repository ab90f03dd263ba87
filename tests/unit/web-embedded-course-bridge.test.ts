/**
 * The course side of the bridge protocol (functions/web/embedded/course-bridge.ts): the server's
 * progress as a progress message, the knowledge checks' `answered` statements (built by the real
 * builder from the real course) as interactions, the suspend data that remembers the screen, and
 * the bridge itself: ready, progress only when something changed, each interaction once, exit on
 * pagehide, and a `resume` taken only from the parent and only in its exact shape. Every message
 * posted must pass the launch page's own check, parseCourseMessage.
 */
import { describe, expect, it } from 'vitest';
import { allItems, loadCourse } from '../../functions/core/course/load.js';
import type { CheckItem } from '../../functions/core/course/schema.js';
import { BRIDGE_PROTOCOL, INTERACTION_ID_PATTERN, parseCourseMessage, type CourseMessage } from '../../functions/core/scorm/bridge-protocol.js';
import { knowledgeCheckAnswered, pageExperienced, type StatementInput } from '../../functions/core/xapi/profile/builders.js';
import type { Statement } from '../../functions/core/xapi/statement-schema.js';
import type { Progress } from '../../functions/web/api.js';
import {
  createCourseBridge,
  interactionFromStatement,
  interactionId,
  parseResumeMessage,
  progressMessage,
  resumeHash,
  routeHash,
  suspendDataFor,
} from '../../functions/web/embedded/course-bridge.js';
import { parseHash } from '../../functions/web/router.js';

const course = loadCourse();
const checks = allItems(course).filter((item): item is CheckItem => item.kind === 'check');

function progress(overrides: { gateOpen?: boolean; finalTest?: Partial<Progress['finalTest']> } = {}): Progress {
  return {
    registration: 'a1b2c3d4-0000-4000-8000-000000000001',
    studyTime: { creditedMinutes: 30, thresholdMinutes: 240, line: '', perItem: {} },
    items: {},
    outcomes: [],
    finalTest: { status: 'not-started', attempts: 0, canAttempt: true, ...overrides.finalTest },
    gate: { open: overrides.gateOpen ?? false, missing: [] },
    spinnenweb: [],
  };
}

const base = (): StatementInput => ({
  course,
  participant: { userId: 'b6f1c0de-0000-4000-8000-000000000001', name: 'Anna de Vries' },
  registration: 'a1b2c3d4-0000-4000-8000-000000000001',
  timestamp: '2026-05-12T10:00:00.000Z',
});

function answered(check: CheckItem, questionIndex: number, chosen: 'correct' | 'wrong'): Statement {
  const question = check.questions[questionIndex]!;
  const correct = question.options.filter((o) => o.correct).map((o) => o.id);
  const chosenOptionIds = chosen === 'correct' ? correct : [question.options.find((o) => !o.correct)!.id];
  return knowledgeCheckAnswered({ ...base(), itemId: check.id, questionId: question.id, chosenOptionIds });
}

describe('the progress message', () => {
  it('is incomplete with nothing else before the gate opens and the test is taken', () => {
    const message = progressMessage(progress());
    expect(message).toEqual({ protocol: BRIDGE_PROTOCOL, type: 'progress', completion: 'incomplete' });
    expect(parseCourseMessage(message)).toEqual(message);
  });

  it('is completed once the gate to the contact moment is open', () => {
    expect(progressMessage(progress({ gateOpen: true })).completion).toBe('completed');
  });

  it.each([
    ['passed', 85, 0.85],
    ['failed', 40, 0.4],
    ['passed', 100, 1],
    ['failed', 0, 0],
  ] as const)('carries a %s final test with score %s as scoreScaled %s', (status, percent, scaled) => {
    const message = progressMessage(progress({ gateOpen: true, finalTest: { status, lastScorePercent: percent, attempts: 1 } }));
    expect(message).toMatchObject({ completion: 'completed', success: status, scoreScaled: scaled });
    expect(parseCourseMessage(message)).toEqual(message);
  });

  it('leaves success out before the test, and the score out when there is none', () => {
    const message = progressMessage(progress({ finalTest: { status: 'not-started' } }));
    expect(message).not.toHaveProperty('success');
    expect(message).not.toHaveProperty('scoreScaled');
  });

  it('keeps a score the protocol would refuse within 0..1', () => {
    expect(progressMessage(progress({ finalTest: { status: 'passed', lastScorePercent: 104 } })).scoreScaled).toBe(1);
  });

  it('remembers the screen as short JSON suspend data', () => {
    const message = progressMessage(progress(), { at: '#/item/wm1-check' });
    expect(message.suspendData).toBe('{"v":1,"at":"#/item/wm1-check"}');
    expect(parseCourseMessage(message)).toEqual(message);
    expect(suspendDataFor(`#/item/${'x'.repeat(5000)}`)).toBeUndefined();
  });
});

describe('routes and suspend data', () => {
  it.each(['#/', '#/item/wm1-check', '#/toets', '#/evaluatie', '#/vervolgkeuze', '#/contactmoment'])('%s survives the trip', (hash) => {
    expect(routeHash(parseHash(hash))).toBe(hash);
    expect(resumeHash(suspendDataFor(hash)!)).toBe(hash === '#/' ? undefined : hash);
  });

  it.each(['#/coach', '#/beheer/pakketten', '#/nergens', '#/coach/deelnemer/a1b2c3d4-0000-4000-8000-000000000001'])(
    'a screen that is not a participant\'s (%s) is the overview',
    (hash) => {
      expect(routeHash(parseHash(hash))).toBe('#/');
      expect(resumeHash(JSON.stringify({ v: 1, at: hash }))).toBeUndefined();
    },
  );

  it.each([
    '',
    'not json',
    '[]',
    'null',
    '{"v":2,"at":"#/toets"}',
    '{"v":1}',
    '{"v":1,"at":42}',
    '{"v":1,"at":"https://evil.example/#/toets"}',
    '{"v":1,"at":"#/item/../../x"}',
    'cmi suspend data of another course',
  ])('resumes nowhere from %j', (data) => {
    expect(resumeHash(data)).toBeUndefined();
  });

  it('goes back to the canonical address', () => {
    expect(resumeHash('{"v":1,"at":"#/toets/"}')).toBe('#/toets');
  });
});

describe('answered statements as interactions', () => {
  it('maps every question of every knowledge check, right and wrong, to an interaction the protocol takes', () => {
    expect(checks.length).toBeGreaterThan(0);
    for (const check of checks) {
      check.questions.forEach((question, index) => {
        for (const chosen of ['correct', 'wrong'] as const) {
          const interaction = interactionFromStatement(answered(check, index, chosen), course.id);
          const correct = question.options.filter((o) => o.correct).map((o) => o.id);
          expect(interaction).toEqual({
            id: `${check.id}.${question.id}`,
            type: 'choice',
            response: chosen === 'correct' ? correct.join(',') : question.options.find((o) => !o.correct)!.id,
            correctPattern: correct.join(','),
            result: chosen === 'correct' ? 'correct' : 'incorrect',
          });
          const message = progressMessage(progress(), { interactions: [interaction!] });
          expect(parseCourseMessage(message)).toEqual(message);
        }
      });
    }
  });

  it('joins several chosen options with ","', () => {
    const check = checks.find((c) => c.questions.some((q) => q.type === 'multiple'))!;
    const question = check.questions.find((q) => q.type === 'multiple')!;
    const chosen = question.options.slice(0, 2).map((o) => o.id);
    const statement = knowledgeCheckAnswered({ ...base(), itemId: check.id, questionId: question.id, chosenOptionIds: chosen });
    expect(interactionFromStatement(statement, course.id)?.response).toBe(chosen.join(','));
  });

  it('ignores every other statement, and statements of another course', () => {
    const page = allItems(course).find((item) => item.kind === 'page')!;
    const experienced = pageExperienced({ ...base(), itemId: page.id, activeIntervals: [['2026-05-12T10:00:00.000Z', '2026-05-12T10:01:00.000Z']] });
    expect(interactionFromStatement(experienced, course.id)).toBeUndefined();
    expect(interactionFromStatement(answered(checks[0]!, 0, 'correct'), 'https://elders.example/cursus')).toBeUndefined();
  });

  it('makes ids fit the protocol', () => {
    expect(interactionId('wm1-check', 'definitie')).toBe('wm1-check.definitie');
    expect(interactionId('-a b', 'c/d')).toBe('a-b.c-d');
    expect(interactionId('x'.repeat(300), 'y')).toHaveLength(255);
    expect(interactionId('', '')).toBeUndefined();
    for (const id of [interactionId('-a b', 'c/d'), interactionId('x'.repeat(300), 'y')]) expect(id).toMatch(INTERACTION_ID_PATTERN);
  });
});

describe('parseResumeMessage', () => {
  it('takes exactly the resume message', () => {
    expect(parseResumeMessage({ protocol: BRIDGE_PROTOCOL, type: 'resume', suspendData: '' })).toEqual({ protocol: BRIDGE_PROTOCOL, type: 'resume', suspendData: '' });
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'resume'],
    ['an array', []],
    ['another protocol', { protocol: 'ipg-scorm-bridge/2', type: 'resume', suspendData: '' }],
    ['another type', { protocol: BRIDGE_PROTOCOL, type: 'ready' }],
    ['no suspend data', { protocol: BRIDGE_PROTOCOL, type: 'resume' }],
    ['suspend data of the wrong type', { protocol: BRIDGE_PROTOCOL, type: 'resume', suspendData: 1 }],
    ['an extra field', { protocol: BRIDGE_PROTOCOL, type: 'resume', suspendData: '', evil: true }],
  ])('refuses %s', (_, data) => {
    expect(parseResumeMessage(data)).toBeUndefined();
  });
});

// The bridge, with a stand-in parent and window.

function setup() {
  const posted: { message: unknown; targetOrigin: string }[] = [];
  const parent = { postMessage: (message: unknown, targetOrigin: string) => void posted.push({ message, targetOrigin }) };
  const events = new EventTarget();
  const resumes: string[] = [];
  let navigates = true;
  const bridge = createCourseBridge({
    parent,
    events,
    courseId: course.id,
    onResume: (hash) => {
      resumes.push(hash);
      return navigates;
    },
  });
  const messages = (): CourseMessage[] =>
    posted.map(({ message, targetOrigin }) => {
      expect(targetOrigin).toBe('*');
      const parsed = parseCourseMessage(message);
      expect(parsed, `posted ${JSON.stringify(message)}`).toEqual(message);
      return parsed!;
    });
  const receive = (data: unknown, source: unknown = parent) => events.dispatchEvent(Object.assign(new Event('message'), { data, source }));
  const pagehide = () => events.dispatchEvent(new Event('pagehide'));
  return { bridge, messages, receive, pagehide, resumes, setNavigates: (value: boolean) => (navigates = value) };
}

const resume = (suspendData: string) => ({ protocol: BRIDGE_PROTOCOL, type: 'resume', suspendData });

describe('the course bridge', () => {
  it('posts ready as soon as it listens, then nothing until the progress is known', () => {
    const { bridge, messages } = setup();
    bridge.setRoute(parseHash('#/'));
    bridge.setProgress(undefined);
    bridge.setProgress(null);
    expect(messages()).toEqual([{ protocol: BRIDGE_PROTOCOL, type: 'ready' }]);
  });

  it('posts progress after each load, but not the same message twice', () => {
    const { bridge, messages } = setup();
    bridge.setRoute(parseHash('#/'));
    bridge.setProgress(progress());
    bridge.setProgress(progress());
    bridge.setProgress(progress({ gateOpen: true }));
    bridge.setProgress(null);
    bridge.setProgress(progress({ gateOpen: true }));
    expect(messages().map((m) => (m.type === 'progress' ? m.completion : m.type))).toEqual(['ready', 'incomplete', 'completed']);
  });

  it('leaves the screen out until the launch page has said what the LMS kept', () => {
    const { bridge, messages, receive } = setup();
    bridge.setRoute(parseHash('#/'));
    bridge.setProgress(progress());
    expect(messages().at(-1)).not.toHaveProperty('suspendData');
    receive(resume(''));
    expect(messages().at(-1)).toMatchObject({ type: 'progress', suspendData: '{"v":1,"at":"#/"}' });
  });

  it('sends the screen once the learner moves, even without a resume, and on every move after', () => {
    const { bridge, messages } = setup();
    bridge.setRoute(parseHash('#/'));
    bridge.setProgress(progress());
    bridge.setRoute(parseHash('#/item/wm1-check'));
    bridge.setRoute(parseHash('#/item/wm1-check'));
    bridge.setRoute(parseHash('#/toets'));
    const suspendData = messages().flatMap((m) => (m.type === 'progress' ? [m.suspendData] : []));
    expect(suspendData).toEqual([undefined, '{"v":1,"at":"#/item/wm1-check"}', '{"v":1,"at":"#/toets"}']);
  });

  it('goes back to the screen the LMS kept when the app is at the overview', () => {
    const { bridge, messages, receive, resumes } = setup();
    bridge.setRoute(parseHash('#/'));
    bridge.setProgress(progress());
    const before = messages().length;
    receive(resume('{"v":1,"at":"#/item/wm1-check"}'));
    expect(resumes).toEqual(['#/item/wm1-check']);
    // The overview is not reported over what the LMS kept; the new screen is.
    expect(messages()).toHaveLength(before);
    bridge.setRoute(parseHash('#/item/wm1-check'));
    expect(messages().at(-1)).toMatchObject({ suspendData: '{"v":1,"at":"#/item/wm1-check"}' });
  });

  it('stays where the learner is when they moved on before the resume came', () => {
    const { bridge, receive, resumes } = setup();
    bridge.setRoute(parseHash('#/'));
    bridge.setRoute(parseHash('#/toets'));
    receive(resume('{"v":1,"at":"#/item/wm1-check"}'));
    expect(resumes).toEqual([]);
  });

  it('reports the screen when the app did not navigate after all', () => {
    const { bridge, messages, receive, setNavigates } = setup();
    setNavigates(false);
    bridge.setRoute(parseHash('#/'));
    bridge.setProgress(progress());
    receive(resume('{"v":1,"at":"#/toets"}'));
    expect(messages().at(-1)).toMatchObject({ suspendData: '{"v":1,"at":"#/"}' });
  });

  it('ignores messages that are not from the parent, or not a resume', () => {
    const { bridge, messages, receive, resumes } = setup();
    bridge.setRoute(parseHash('#/'));
    bridge.setProgress(progress());
    const before = messages();
    receive(resume('{"v":1,"at":"#/toets"}'), {});
    receive(resume('{"v":1,"at":"#/toets"}'), null);
    receive({ ...resume('{"v":1,"at":"#/toets"}'), extra: 1 });
    receive({ protocol: BRIDGE_PROTOCOL, type: 'resume', suspendData: 7 });
    receive('{"protocol":"ipg-scorm-bridge/1","type":"resume","suspendData":""}');
    expect(resumes).toEqual([]);
    expect(messages()).toEqual(before);
  });

  it('sends each answered question once, in the next progress message, and holds them until the progress is known', () => {
    const { bridge, messages } = setup();
    const check = checks[0]!;
    bridge.setRoute(parseHash(`#/item/${check.id}`));
    bridge.record([answered(check, 0, 'wrong')]);
    expect(messages()).toHaveLength(1);
    bridge.setProgress(progress());
    bridge.record([answered(check, 0, 'correct'), answered(check, 1, 'correct')]);
    bridge.record([answered(check, 1, 'wrong')]);
    bridge.setProgress(progress());
    const sent = messages().flatMap((m) => (m.type === 'progress' ? [m.interactions?.map((i) => `${i.id}:${i.result}`) ?? []] : []));
    expect(sent).toEqual([[`${check.id}.${check.questions[0]!.id}:incorrect`], [`${check.id}.${check.questions[1]!.id}:correct`]]);
  });

  it('posts nothing for statements that are no answers', () => {
    const { bridge, messages } = setup();
    bridge.setProgress(progress());
    const count = messages().length;
    const page = allItems(course).find((item) => item.kind === 'page')!;
    bridge.record([pageExperienced({ ...base(), itemId: page.id, activeIntervals: [['2026-05-12T10:00:00.000Z', '2026-05-12T10:01:00.000Z']] })]);
    expect(messages()).toHaveLength(count);
  });

  it('splits more interactions than one message may carry', () => {
    const { bridge, messages } = setup();
    const all = checks.flatMap((check) => check.questions.map((_, index) => answered(check, index, 'correct')));
    const many = Array.from({ length: 3 }, () => all).flat();
    bridge.record(many);
    bridge.setProgress(progress());
    const counts = messages().flatMap((m) => (m.type === 'progress' ? [m.interactions?.length ?? 0] : []));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all.length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(50);
  });

  it('on pagehide posts what is left and exit, suspending unless completed, and then nothing more', () => {
    const incomplete = setup();
    incomplete.bridge.setProgress(progress());
    incomplete.bridge.record([answered(checks[0]!, 0, 'correct')]);
    incomplete.pagehide();
    incomplete.bridge.setProgress(progress({ gateOpen: true }));
    incomplete.pagehide();
    expect(incomplete.messages().map((m) => m.type)).toEqual(['ready', 'progress', 'progress', 'exit']);
    expect(incomplete.messages().at(-1)).toEqual({ protocol: BRIDGE_PROTOCOL, type: 'exit', suspend: true });

    const completed = setup();
    completed.bridge.setProgress(progress({ gateOpen: true }));
    completed.pagehide();
    expect(completed.messages().at(-1)).toEqual({ protocol: BRIDGE_PROTOCOL, type: 'exit', suspend: false });

    const unknown = setup();
    unknown.pagehide();
    expect(unknown.messages().at(-1)).toEqual({ protocol: BRIDGE_PROTOCOL, type: 'exit', suspend: true });
  });

  it('stops listening when stopped', () => {
    const { bridge, messages, receive, pagehide, resumes } = setup();
    bridge.setRoute(parseHash('#/'));
    bridge.stop();
    receive(resume('{"v":1,"at":"#/toets"}'));
    pagehide();
    bridge.setProgress(progress());
    expect(resumes).toEqual([]);
    expect(messages()).toEqual([{ protocol: BRIDGE_PROTOCOL, type: 'ready' }]);
  });
});
