/**
 * The template matcher: the Profiles spec's rule semantics (presence, any, all, none, selector),
 * determining properties, StatementRef templates, the JSONPath subset, and clear problems for
 * statements that break the course profile.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as build from '../../../functions/core/xapi/profile/builders.js';
import { evaluateJsonPath, JsonPathError, parseJsonPath } from '../../../functions/core/xapi/profile/json-path.js';
import { findTemplate, loadProfile, matchTemplate, validateStatement, type StatementTemplate, type TemplateRule } from '../../../functions/core/xapi/profile/matcher.js';
import { EXTENSIONS, TEMPLATES } from '../../../functions/core/xapi/profile/vocabulary.js';
import { anyCase, course } from './arbitraries.js';

const profile = loadProfile();
const template = (id: string) => profile.templates!.find((t) => t.id === id)!;

const base = { course, participant: { userId: 'deelnemer-4' }, registration: '3f9a1c2b-7d4e-4f5a-9b6c-1d2e3f4a5b6c' };
const page = () => build.pageExperienced({ ...base, itemId: 'wm1-welkom', activeIntervals: [['2026-02-01T10:00:00Z', '2026-02-01T10:04:00Z']] });

/** A copy of a statement with a change made to it. */
function changed<T>(statement: T, change: (s: any) => void): T {
  const copy = structuredClone(statement);
  change(copy);
  return copy;
}

function problems(statement: object, t: StatementTemplate): string[] {
  const result = matchTemplate(statement, t);
  return result.ok ? [] : result.problems;
}

/** A template with no determining properties and just these rules. */
function ruleTemplate(...rules: TemplateRule[]): StatementTemplate {
  return { id: 'https://example.org/t', type: 'StatementTemplate', inScheme: 'https://example.org/v1', prefLabel: { en: 't' }, definition: { en: 't' }, rules };
}

describe('statements that break the course profile', () => {
  it('a statement without registration is reported on its template', () => {
    const statement = changed(page(), (s) => delete s.context.registration);
    expect(problems(statement, template(TEMPLATES.pageExperienced))).toEqual(['$.context.registration: is missing; the template requires it (presence "included")']);
    expect(validateStatement(statement, profile)).toMatchObject({ outcome: 'invalid', templates: [TEMPLATES.pageExperienced] });
    expect(findTemplate(statement, profile)).toBeUndefined();
  });

  it('a wrong verb is named with the verb the template requires', () => {
    const statement = changed(page(), (s) => (s.verb.id = 'http://adlnet.gov/expapi/verbs/completed'));
    expect(problems(statement, template(TEMPLATES.pageExperienced))).toEqual([
      'verb.id is "http://adlnet.gov/expapi/verbs/completed"; the template requires "http://adlnet.gov/expapi/verbs/experienced"',
    ]);
    expect(validateStatement(statement, profile).outcome).toBe('unmatched');
  });

  it('a missing course version, a foreign course and a missing work moment are each reported', () => {
    const statement = changed(page(), (s) => {
      delete s.context.extensions[EXTENSIONS.courseVersion];
      s.context.contextActivities.grouping[0].id = 'https://example.org/other-course';
      delete s.context.contextActivities.parent;
    });
    expect(problems(statement, template(TEMPLATES.pageExperienced))).toEqual([
      'context.contextActivities.parent has no activity of type "http://adlnet.gov/expapi/activities/module" (found []), which the template requires',
      `$.context.extensions['${EXTENSIONS.courseVersion}']: is missing; the template requires it (presence "included")`,
      `$.context.contextActivities.grouping[*].id: must include at least one of ["${course.id}"], found ["https://example.org/other-course"]`,
      '$.context.contextActivities.parent[*].id: is missing; the template requires it (presence "included")',
    ]);
  });

  it('spinnenweb grades as a score are refused (grades never become a score)', () => {
    const statement = build.spinnenwebFilledIn({ ...base, itemId: 'wm1-spinnenweb', scores: { lichaamsfuncties: 5, 'mentaal-welbevinden': 5, zingeving: 5, 'kwaliteit-van-leven': 5, meedoen: 5, 'dagelijks-functioneren': 5 } });
    const scored = changed(statement, (s) => (s.result.score = { raw: 30, min: 0, max: 60 }));
    expect(problems(scored, template(TEMPLATES.spinnenwebFilledIn))).toEqual(['$.result.score: must be absent (presence "excluded"), found [{"raw":30,"min":0,"max":60}]']);
  });

  it('a passed test with success false, and an unknown follow-up route, break "all"', () => {
    const passed = build.finalTestSubmitted({ ...base, attemptStatementId: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d', correctCount: 12 });
    expect(problems(changed(passed, (s) => (s.result.success = false)), template(TEMPLATES.finalTestPassed))).toEqual(['$.result.success: false is not allowed; allowed: [true]']);
    const chosen = changed(build.followUpChosen({ ...base, route: 'nu-niet' }), (s) => (s.result.response = 'misschien-later'));
    expect(problems(chosen, template(TEMPLATES.followUpChosen))).toEqual([
      '$.result.response: "misschien-later" is not allowed; allowed: ["zorgen-voor-mensen","gespreksvoering","implementatie-in-de-organisatie","werken-met-groepen","nu-niet"]',
    ]);
  });

  it('a test outcome must refer to an attempt, and to a statement of the attempted template when it can be found', () => {
    const attempt = build.finalTestAttempted(base);
    const unlocked = build.contactMomentUnlocked(base);
    const outcome = build.finalTestSubmitted({ ...base, attemptStatementId: attempt.id!, correctCount: 3 });
    const failedTemplate = template(TEMPLATES.finalTestFailed);
    const stored = new Map<string, object>([[attempt.id!, attempt], [unlocked.id!, unlocked]]);
    const resolveStatement = (id: string) => stored.get(id);
    expect(matchTemplate(outcome, failedTemplate, { profile, resolveStatement })).toEqual({ ok: true });
    expect(problems(changed(outcome, (s) => delete s.context.statement), failedTemplate)).toEqual([
      `context.statement must be a StatementRef to a statement of template "${TEMPLATES.finalTestAttempted}"`,
    ]);
    const wrongRef = changed(outcome, (s) => (s.context.statement.id = unlocked.id));
    expect(matchTemplate(wrongRef, failedTemplate, { profile, resolveStatement })).toEqual({
      ok: false,
      problems: [`context.statement refers to statement ${unlocked.id}, which does not match template "${TEMPLATES.finalTestAttempted}"`],
    });
  });

  it('stops following StatementRefs that point at each other', () => {
    const [idA, idB] = ['aaaaaaaa-1111-4111-8111-111111111111', 'bbbbbbbb-2222-4222-8222-222222222222'];
    const a = build.finalTestSubmitted({ ...base, id: idA, attemptStatementId: idB, correctCount: 2 });
    const b = build.finalTestSubmitted({ ...base, id: idB, attemptStatementId: idA, correctCount: 2 });
    const stored = new Map<string, object>([[idA, a], [idB, b]]);
    expect(matchTemplate(a, template(TEMPLATES.finalTestFailed), { profile, resolveStatement: (id) => stored.get(id) })).toEqual({
      ok: false,
      problems: [`context.statement refers to statement ${idB}, which does not match template "${TEMPLATES.finalTestAttempted}"`],
    });
  });

  it('reads a single context activity as an array of one (normalization)', () => {
    const statement = changed(page(), (s) => (s.context.contextActivities.grouping = s.context.contextActivities.grouping[0]));
    expect(matchTemplate(statement, template(TEMPLATES.pageExperienced))).toEqual({ ok: true });
  });

  it('removing any value a template requires makes the statement fail on that location', () => {
    fc.assert(
      fc.property(anyCase, fc.nat(), ({ template: name, statement }, pick) => {
        const t = template(TEMPLATES[name]);
        const required = t.rules!.filter((r) => r.presence === 'included' && !r.location.includes('*'));
        const rule = required[pick % required.length]!;
        const broken = changed(statement, (s) => removeAt(s, rule.location));
        const result = matchTemplate(broken, t);
        expect(result.ok).toBe(false);
        expect(result.ok ? [] : result.problems).toContain(`${rule.location}: is missing; the template requires it (presence "included")`);
      }),
      { numRuns: 300 },
    );
  });
});

/** Deletes the value at a path of dotted names and ['quoted'] names. */
function removeAt(root: any, location: string): void {
  const steps = parseJsonPath(location).paths[0]!.map((step) => (step[0] as { name: string }).name);
  const last = steps.pop()!;
  const parent = steps.reduce((node, key) => node?.[key], root);
  if (parent) delete parent[last];
}

describe('rule semantics (Profiles communication 2.1)', () => {
  const statement = { id: 'x', result: { response: 'b', extensions: { 'https://e.org/x': null } }, context: { contextActivities: { parent: [{ id: 'p1' }, { id: 'p2', definition: { type: 't2' } }] } } };
  const check = (rule: TemplateRule) => matchTemplate(statement, ruleTemplate(rule));

  it('included: needs a value; excluded: needs none; recommended: never fails alone', () => {
    expect(check({ location: '$.result.response', presence: 'included' }).ok).toBe(true);
    expect(check({ location: '$.result.success', presence: 'included' }).ok).toBe(false);
    expect(check({ location: '$.result.success', presence: 'excluded' }).ok).toBe(true);
    expect(check({ location: '$.result.response', presence: 'excluded' }).ok).toBe(false);
    expect(check({ location: '$.result.success', presence: 'recommended' }).ok).toBe(true);
    expect(check({ location: "$.result.extensions['https://e.org/x']", presence: 'included' }).ok).toBe(true);
  });

  it('any, all and none compare the found values', () => {
    expect(check({ location: '$.result.response', any: ['a', 'b'] }).ok).toBe(true);
    expect(check({ location: '$.result.response', any: ['a', 'c'] }).ok).toBe(false);
    expect(check({ location: '$.context.contextActivities.parent[*].id', all: ['p1', 'p2'] }).ok).toBe(true);
    expect(check({ location: '$.context.contextActivities.parent[*].id', all: ['p1'] })).toEqual({ ok: false, problems: ['$.context.contextActivities.parent[*].id: "p2" is not allowed; allowed: ["p1"]'] });
    expect(check({ location: '$.context.contextActivities.parent[*].id', none: ['p3'] }).ok).toBe(true);
    expect(check({ location: '$.context.contextActivities.parent[*].id', none: ['p2'] })).toEqual({ ok: false, problems: ['$.context.contextActivities.parent[*].id: must not be "p2"'] });
  });

  it('without presence, any applies to a missing value (strict); with recommended it does not', () => {
    expect(check({ location: '$.result.success', any: [true] }).ok).toBe(false);
    expect(check({ location: '$.result.success', presence: 'recommended', any: [true] }).ok).toBe(true);
    expect(check({ location: '$.result.response', presence: 'recommended', any: ['c'] }).ok).toBe(false);
  });

  it('a selector that finds nothing in a value is unmatchable: included and all fail, none does not', () => {
    const parents = '$.context.contextActivities.parent[*]';
    expect(check({ location: parents, selector: '$.definition.type', presence: 'included' }).ok).toBe(false);
    expect(check({ location: parents, selector: '$.definition.type', all: ['t2'] }).ok).toBe(false);
    expect(check({ location: parents, selector: '$.definition.type', any: ['t2'] }).ok).toBe(true);
    expect(check({ location: parents, selector: '$.definition.type', none: ['t1'] }).ok).toBe(true);
    expect(check({ location: parents, selector: '$.id', presence: 'included', all: ['p1', 'p2'] }).ok).toBe(true);
  });

  it('determining properties: the statement\'s context types must include the template\'s', () => {
    const t: StatementTemplate = { ...ruleTemplate(), contextParentActivityType: ['t2'] };
    expect(matchTemplate(statement, t).ok).toBe(true);
    expect(matchTemplate(statement, { ...t, contextParentActivityType: ['t2', 't3'] })).toEqual({
      ok: false,
      problems: ['context.contextActivities.parent has no activity of type "t3" (found [null,"t2"]), which the template requires'],
    });
  });
});

describe('JSONPath subset', () => {
  const doc = { a: { 'b.c': [10, 20, 30], d: { e: 1 } }, f: [{ g: 1 }, { g: 2 }, { h: 3 }] };
  const at = (path: string) => evaluateJsonPath(parseJsonPath(path), doc);

  it('reads names, quoted names, indexes, wildcards and unions', () => {
    expect(at('$.a.d.e')).toEqual([1]);
    expect(at('a.d.e')).toEqual([1]);
    expect(at("$.a['b.c'][1]")).toEqual([20]);
    expect(at('$.a["b.c"][0,2]')).toEqual([10, 30]);
    expect(at('$.f[*].g')).toEqual([1, 2]);
    expect(at('$.f.*.h')).toEqual([3]);
    expect(at("$.a['d','x']")).toEqual([{ e: 1 }]);
    expect(at('$.a.d.e | $.f[0].g')).toEqual([1, 1]);
    expect(at("$.a['b.c']")).toEqual([[10, 20, 30]]);
    expect(at('$.missing.x')).toEqual([]);
    expect(at('$.f[7]')).toEqual([]);
  });

  it.each([
    ['$..g', 'recursive descent (..) is not supported'],
    ['$.f[?(@.g)]', 'filter and script expressions are not supported'],
    ['$.f[(@.length-1)]', 'filter and script expressions are not supported'],
    ['$.f[0:2]', 'slices are not supported'],
    ['$.f[-1]', 'negative indexes are not supported'],
    ["$.a['b", 'unterminated quoted name'],
    ['$.a b', 'expected ".", "[" or "|"'],
  ])('rejects %s', (path, message) => {
    expect(() => parseJsonPath(path)).toThrow(JsonPathError);
    expect(() => parseJsonPath(path)).toThrow(message);
  });
});
