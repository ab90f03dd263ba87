/**
 * The profile's primary pattern against whole enrolments built with the builders: a complete
 * course follows it, an enrolment in progress is partial, and statements out of order fail.
 */
import { describe, expect, it } from 'vitest';
import * as build from '../../../functions/core/xapi/profile/builders.js';
import { loadProfile, parseProfile } from '../../../functions/core/xapi/profile/matcher.js';
import { followsPatterns } from '../../../functions/core/xapi/profile/pattern.js';
import { PATTERNS } from '../../../functions/core/xapi/profile/vocabulary.js';
import { course } from './arbitraries.js';

const profile = loadProfile();
const base = { course, participant: { userId: 'deelnemer-9', name: 'Lotte' }, registration: '7e6d5c4b-3a2f-4e1d-9c8b-7a6f5e4d3c2b' };
const interval = [['2026-02-01T10:00:00Z', '2026-02-01T10:05:00Z']] as const;

/** Every statement of one enrolment in the order a participant meets the course. */
function wholeCourse() {
  const study = course.workMoments.flatMap((moment) => [
    ...moment.items.flatMap((item) => {
      switch (item.kind) {
        case 'page':
          return [build.pageExperienced({ ...base, itemId: item.id, activeIntervals: interval })];
        case 'check':
          return item.questions.map((q) => build.knowledgeCheckAnswered({ ...base, itemId: item.id, questionId: q.id, chosenOptionIds: [q.options[0]!.id] }));
        case 'reflection':
          return item.prompts.map((p) => build.reflectionWritten({ ...base, itemId: item.id, promptId: p.id, text: 'In mijn eigen woorden.', activeIntervals: interval }));
        case 'spinnenweb':
          return [build.spinnenwebFilledIn({ ...base, itemId: item.id, scores: { lichaamsfuncties: 6, 'mentaal-welbevinden': 7, zingeving: 8, 'kwaliteit-van-leven': 7, meedoen: 6, 'dagelijks-functioneren': 8 } })];
        case 'package':
          // Imported packages are added at run time; the course content has none.
          return [];
      }
    }),
    ...course.assignments
      .filter((a) => a.afterWorkMoment === moment.id)
      .map((a) => build.assignmentReported({ ...base, itemId: a.id, answers: Object.fromEntries(a.reportForm.fields.filter((f) => f.required).map((f) => [f.id, 'Gedaan.'])) })),
  ]);
  const firstAttempt = build.finalTestAttempted(base);
  const abandoned = build.finalTestAttempted(base);
  const secondAttempt = build.finalTestAttempted(base);
  const test = [
    firstAttempt,
    build.finalTestSubmitted({ ...base, attemptStatementId: firstAttempt.id!, correctCount: 5 }),
    abandoned,
    secondAttempt,
    build.finalTestSubmitted({ ...base, attemptStatementId: secondAttempt.id!, correctCount: 11 }),
  ];
  const evaluation = build.evaluationSubmitted({ ...base, answers: { tevredenheid: 5, bruikbaarheid: 4, opdrachten: 4, contactmoment: 5, 'bestede-tijd': '4-tot-6-uur', aanbevelen: 'ja' } });
  return {
    study,
    test,
    unlocked: build.contactMomentUnlocked(base),
    attended: build.contactMomentAttended({ ...base, coach: { userId: 'coach-1' }, form: 'coaching' }),
    choice: build.followUpChosen({ ...base, route: 'gespreksvoering' }),
    changedChoice: build.followUpChosen({ ...base, route: 'werken-met-groepen' }),
    evaluation,
    completed: build.courseCompleted(base),
    revisit: build.pageExperienced({ ...base, itemId: 'wm1-welkom', activeIntervals: interval }),
  };
}

describe('the primary pattern', () => {
  const c = wholeCourse();

  it('accepts a whole enrolment: self-study, gate, contact moment, completion, later revisits', () => {
    const statements = [...c.study, ...c.test, c.choice, c.unlocked, c.attended, c.evaluation, c.changedChoice, c.completed, c.revisit];
    expect(followsPatterns(statements, profile)).toEqual({ outcome: 'success', pattern: PATTERNS.course, problems: [] });
  });

  it('accepts self-study again after the gate opened, and two group meetings', () => {
    const statements = [...c.study.slice(0, 20), ...c.test, c.unlocked, ...c.study.slice(20), c.attended, c.attended, c.choice, c.evaluation, c.completed];
    expect(followsPatterns(statements, profile).outcome).toBe('success');
  });

  it('calls an enrolment in progress partial', () => {
    expect(followsPatterns(c.study.slice(0, 7), profile).outcome).toBe('partial');
    expect(followsPatterns([...c.study, ...c.test, c.unlocked, c.attended], profile).outcome).toBe('partial');
  });

  it('fails attendance before the gate opened, naming the statement', () => {
    const statements = [...c.study, c.attended, c.unlocked, c.completed];
    expect(followsPatterns(statements, profile)).toMatchObject({ outcome: 'failure', failedAt: c.study.length });
  });

  it('fails completion before the gate, and anything but revisits after completion', () => {
    expect(followsPatterns([...c.study, c.completed], profile)).toMatchObject({ outcome: 'failure', failedAt: c.study.length });
    const afterCompletion = [...c.study, c.unlocked, c.attended, c.completed, c.changedChoice];
    expect(followsPatterns(afterCompletion, profile)).toMatchObject({ outcome: 'failure', failedAt: afterCompletion.length - 1 });
  });

  it('fails a statement that breaks its template, before looking at the order', () => {
    const broken = structuredClone(c.study[3]!) as { context: { registration?: string } };
    delete broken.context.registration;
    const result = followsPatterns([c.study[0]!, broken], profile);
    expect(result).toMatchObject({ outcome: 'failure', failedAt: 1 });
    expect(result.problems[0]).toContain('$.context.registration: is missing');
  });
});

describe('pattern semantics (Profiles communication 2.2) on a small profile', () => {
  const V = 'https://example.org/v1';
  const t = (name: string) => ({
    id: `https://example.org/t/${name}`,
    type: 'StatementTemplate',
    inScheme: V,
    prefLabel: { en: name },
    definition: { en: name },
    verb: `https://example.org/verbs/${name}`,
  });
  const p = (name: string, body: object, primary = false) => ({
    id: `https://example.org/p/${name}`,
    type: 'Pattern',
    inScheme: V,
    ...(primary ? { primary, prefLabel: { en: name }, definition: { en: name } } : {}),
    ...body,
  });
  const small = parseProfile({
    '@context': 'https://w3id.org/xapi/profiles/context',
    id: 'https://example.org/profile',
    type: 'Profile',
    conformsTo: 'https://w3id.org/xapi/profiles#1.0',
    prefLabel: { en: 'small' },
    definition: { en: 'small' },
    versions: [{ id: V, generatedAtTime: '2026-01-01T00:00:00Z' }],
    author: { type: 'Person', name: 'test' },
    templates: [t('a'), t('b'), t('c')],
    patterns: [
      p('main', { sequence: ['https://example.org/p/choice', 'https://example.org/t/c'] }, true),
      p('choice', { alternates: ['https://example.org/t/a', 'https://example.org/p/ab'] }),
      p('ab', { sequence: ['https://example.org/t/a', 'https://example.org/p/bs'] }),
      p('bs', { oneOrMore: 'https://example.org/t/b' }),
    ],
  });
  const s = (name: string) => ({ verb: { id: `https://example.org/verbs/${name}` } });
  const outcome = (...names: string[]) => followsPatterns(names.map(s), small).outcome;

  it('alternates take the longest match (greedy)', () => {
    expect(outcome('a', 'c')).toBe('success');
    expect(outcome('a', 'b', 'b', 'c')).toBe('success');
  });

  it('reports partial while the pattern can still complete, failure when it cannot', () => {
    expect(outcome('a', 'b')).toBe('partial');
    expect(outcome('a')).toBe('partial');
    expect(outcome('b', 'c')).toBe('failure');
    expect(outcome('a', 'c', 'c')).toBe('failure');
  });
});
