/**
 * The statement builders: for any valid input, a statement that parses as xAPI 1.0.3 and matches
 * exactly the one template of the profile it is built for; input that does not fit the course is
 * refused with a clear issue.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/core/errors.js';
import * as build from '../../../functions/core/xapi/profile/builders.js';
import { findTemplate, loadProfile, matchTemplate } from '../../../functions/core/xapi/profile/matcher.js';
import { EXTENSIONS, PROFILE_VERSION_ID, TEMPLATES, type TemplateName } from '../../../functions/core/xapi/profile/vocabulary.js';
import { parseStatement } from '../../../functions/core/xapi/statement-schema.js';
import { anyCase, cases, course } from './arbitraries.js';

const profile = loadProfile();
const templates = profile.templates ?? [];

const base = { course, participant: { userId: 'deelnemer-17', name: 'Sanne' }, registration: '0b7c2a4e-9d3f-4b1a-8c6e-5f2d1e0a9b8c' };
const interval = [['2026-02-01T10:00:00.000Z', '2026-02-01T10:06:00.000Z']] as const;

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected the builder to refuse the input');
}

describe('every builder, any valid input', () => {
  it('has a generator for every template of the profile', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(TEMPLATES).sort());
  });

  it('builds a statement that parses with parseStatement and matches exactly its own template', () => {
    fc.assert(
      fc.property(anyCase, ({ template, statement }) => {
        expect(parseStatement(statement)).toEqual(statement);
        const matching = templates.filter((t) => matchTemplate(statement, t).ok).map((t) => t.id);
        expect(matching).toEqual([TEMPLATES[template]]);
        expect(findTemplate(statement, profile)?.id).toBe(TEMPLATES[template]);
      }),
      { numRuns: 600 },
    );
  });

  it.each(Object.keys(cases) as TemplateName[])('%s: registration, course version, grouping and profile category are set', (name) => {
    fc.assert(
      fc.property(cases[name], ({ statement }) => {
        expect(statement.context?.registration).toMatch(/^[0-9a-f-]{36}$/);
        expect(statement.context?.extensions?.[EXTENSIONS.courseVersion]).toBe(course.versionId);
        expect(statement.context?.contextActivities?.grouping).toEqual([expect.objectContaining({ id: course.id })]);
        expect(statement.context?.contextActivities?.category).toEqual([expect.objectContaining({ id: PROFILE_VERSION_ID })]);
        expect(statement.actor).toMatchObject({ objectType: 'Agent', account: { homePage: 'https://introductie-pg.nl' } });
      }),
      { numRuns: 30 },
    );
  });
});

describe('what the statements say', () => {
  it('puts items of a work moment under their work moment (and a question under its check)', () => {
    const statement = build.knowledgeCheckAnswered({ ...base, itemId: 'wm2-check-zingeving', questionId: 'rol-zingeving', chosenOptionIds: ['bron-veerkracht'] });
    expect((statement.context?.contextActivities?.parent as { id: string }[]).map((a) => a.id)).toEqual([
      build.workMomentIri(course, 'werkmoment-2'),
      build.itemIri(course, 'wm2-check-zingeving'),
    ]);
    expect(statement.object).toMatchObject({ id: build.questionIri(course, 'wm2-check-zingeving', 'rol-zingeving') });
    expect(statement.result).toEqual({ response: 'bron-veerkracht', success: true });
  });

  it('scores a knowledge check question as right only with exactly the correct options', () => {
    const answer = (chosenOptionIds: string[]) => build.knowledgeCheckAnswered({ ...base, itemId: 'wm1-check', questionId: 'drie-kanten', chosenOptionIds }).result;
    expect(answer(['houding', 'concept', 'werkwijze'])).toEqual({ response: 'concept[,]werkwijze[,]houding', success: true });
    expect(answer(['concept', 'werkwijze'])?.success).toBe(false);
    expect(answer(['concept', 'werkwijze', 'houding', 'vragenlijst'])?.success).toBe(false);
  });

  it('gives no parent to items outside work moments', () => {
    const statement = build.assignmentReported({
      ...base,
      itemId: 'opdracht-wat-is-belangrijk',
      answers: { 'rustig-moment': 'Wandelen.', 'echt-belangrijk': 'Mijn kinderen.', veranderwens: 'Meer rust.' },
    });
    expect(statement.context?.contextActivities?.parent).toBeUndefined();
    expect(statement.result?.response).toBe(
      'Wat deed je, en hoe was het om stil te staan bij deze vraag?\nWandelen.\n\nWat is nu echt belangrijk voor jou?\nMijn kinderen.\n\nKwam er een wens op? Wat zou je willen veranderen of versterken?\nMeer rust.',
    );
    expect(statement.result?.extensions?.[EXTENSIONS.formAnswers]).toEqual({ 'rustig-moment': 'Wandelen.', 'echt-belangrijk': 'Mijn kinderen.', veranderwens: 'Meer rust.' });
  });

  it('measures active time as the union of the intervals', () => {
    const statement = build.pageExperienced({
      ...base,
      itemId: 'wm1-welkom',
      activeIntervals: [
        ['2026-02-01T10:05:00+01:00', '2026-02-01T10:10:00+01:00'],
        ['2026-02-01T09:00:00Z', '2026-02-01T09:02:30.25Z'],
        ['2026-02-01T09:01:00Z', '2026-02-01T09:03:00Z'],
      ],
    });
    expect(statement.result?.duration).toBe('PT8M');
    expect(statement.context?.extensions?.[EXTENSIONS.activeIntervals]).toEqual([
      ['2026-02-01T09:00:00.000Z', '2026-02-01T09:02:30.250Z'],
      ['2026-02-01T09:01:00.000Z', '2026-02-01T09:03:00.000Z'],
      ['2026-02-01T09:05:00.000Z', '2026-02-01T09:10:00.000Z'],
    ]);
  });

  it('passes the final test exactly at the pass mark', () => {
    const max = course.finalTest.questions.length;
    const atMark = Math.ceil((course.finalTest.passMarkPercent * max) / 100);
    const submit = (correctCount: number) => build.finalTestSubmitted({ ...base, attemptStatementId: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d', correctCount });
    expect(submit(atMark).verb.id).toBe('http://adlnet.gov/expapi/verbs/passed');
    expect(submit(atMark).result).toEqual({ score: { scaled: atMark / max, raw: atMark, min: 0, max }, success: true, completion: true });
    expect(submit(atMark - 1).verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
    expect(submit(atMark - 1).result?.success).toBe(false);
    expect(submit(atMark).context?.statement).toEqual({ objectType: 'StatementRef', id: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d' });
    expect(submit(atMark).context?.extensions?.[EXTENSIONS.masteryScore]).toBe(course.finalTest.passMarkPercent / 100);
  });

  it('reports the accredited study hours on completion', () => {
    const statement = build.courseCompleted(base);
    expect(statement.object).toMatchObject({ id: course.id });
    expect(statement.result).toEqual({ completion: true, duration: 'PT5H', extensions: { [EXTENSIONS.studyHours]: 5 } });
  });

  it('names the coach as instructor of the contact moment', () => {
    const statement = build.contactMomentAttended({ ...base, coach: { userId: 'coach-3', name: 'Ahmed' }, form: 'inspiratiesessie', durationMinutes: 90 });
    expect(statement.context?.instructor).toEqual({ objectType: 'Agent', name: 'Ahmed', account: { homePage: 'https://introductie-pg.nl', name: 'coach-3' } });
    expect(statement.context?.extensions?.[EXTENSIONS.contactForm]).toBe('inspiratiesessie');
    expect(statement.result?.duration).toBe('PT1H30M');
  });

  it('uses the id and timestamp the caller gives, and makes fresh ones otherwise', () => {
    const given = build.contactMomentUnlocked({ ...base, id: 'a1b2c3d4-e5f6-4a1b-8c2d-3e4f5a6b7c8d', timestamp: '2026-03-01T12:00:00Z' });
    expect(given).toMatchObject({ id: 'a1b2c3d4-e5f6-4a1b-8c2d-3e4f5a6b7c8d', timestamp: '2026-03-01T12:00:00Z' });
    const [a, b] = [build.contactMomentUnlocked(base), build.contactMomentUnlocked(base)];
    expect(a.id).not.toBe(b.id);
    expect(Date.parse(a.timestamp!)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('refusing input that does not fit the course', () => {
  it.each([
    ['an unknown item', () => build.pageExperienced({ ...base, itemId: 'wm9-bestaat-niet', activeIntervals: interval }), 'itemId: the course has no item "wm9-bestaat-niet"'],
    ['an item of another kind', () => build.pageExperienced({ ...base, itemId: 'wm1-check', activeIntervals: interval }), 'itemId: "wm1-check" is a check, not a page'],
    ['a registration that is not a UUID', () => build.courseCompleted({ ...base, registration: 'inschrijving-1' }), "registration: must be the enrolment's registration UUID"],
    ['an empty user id', () => build.courseCompleted({ ...base, participant: { userId: '' } }), 'participant.userId: must be the user id of the account'],
    ['a page without active time', () => build.pageExperienced({ ...base, itemId: 'wm1-welkom', activeIntervals: [] }), 'activeIntervals: needs at least one [start, end] interval of active time'],
    ['an interval that ends before it starts', () => build.pageExperienced({ ...base, itemId: 'wm1-welkom', activeIntervals: [['2026-02-01T10:00:00Z', '2026-02-01T09:00:00Z']] }), 'activeIntervals[0]: must end after it starts'],
    ['two options on a single-choice question', () => build.knowledgeCheckAnswered({ ...base, itemId: 'wm1-check', questionId: 'definitie', chosenOptionIds: ['geen-ziekte', 'aanpassen-en-regie'] }), 'chosenOptionIds: question "definitie" takes exactly one option'],
    ['an unknown option', () => build.knowledgeCheckAnswered({ ...base, itemId: 'wm1-check', questionId: 'definitie', chosenOptionIds: ['misschien'] }), 'chosenOptionIds: "misschien" is not an option of question "definitie"'],
    ['an unknown prompt', () => build.reflectionWritten({ ...base, itemId: 'wm1-reflectie-eigen-woorden', promptId: 'iets', text: 'x', activeIntervals: interval }), 'promptId: "iets" is not a prompt of reflection "wm1-reflectie-eigen-woorden"'],
    ['an empty reflection', () => build.reflectionWritten({ ...base, itemId: 'wm1-reflectie-eigen-woorden', promptId: 'wat-is-pg', text: '  ', activeIntervals: interval }), 'text: must contain the reflection in your own words'],
    ['a spinnenweb grade of 11', () => build.spinnenwebFilledIn({ ...base, itemId: 'wm1-spinnenweb', scores: { lichaamsfuncties: 11, 'mentaal-welbevinden': 6, zingeving: 8, 'kwaliteit-van-leven': 7, meedoen: 5, 'dagelijks-functioneren': 9 } }), 'scores.lichaamsfuncties: needs a whole number from 0 to 10'],
    ['a missing spinnenweb dimension', () => build.spinnenwebFilledIn({ ...base, itemId: 'wm1-spinnenweb', scores: { lichaamsfuncties: 1, 'mentaal-welbevinden': 6, zingeving: 8, 'kwaliteit-van-leven': 7, meedoen: 5 } as never }), 'scores.dagelijks-functioneren: needs a whole number from 0 to 10'],
    ['a report without a required answer', () => build.assignmentReported({ ...base, itemId: 'opdracht-wat-is-belangrijk', answers: { 'rustig-moment': 'a', 'echt-belangrijk': ' ' } }), 'answers.echt-belangrijk: is required ("Wat is nu echt belangrijk voor jou?")'],
    ['text longer than the field allows', () => build.assignmentReported({ ...base, itemId: 'opdracht-luisteren-en-stilte', answers: { 'met-wie': 'x'.repeat(81), stilte: 'a', lastig: 'b', meenemen: 'c' } }), 'answers.met-wie: must be at most 80 characters'],
    ['a rating out of range', () => build.evaluationSubmitted({ ...base, answers: { tevredenheid: 6, bruikbaarheid: 5, opdrachten: 3, contactmoment: 4, 'bestede-tijd': '4-tot-6-uur', aanbevelen: 'ja' } }), 'answers.tevredenheid: must be a whole number from 1 to 5'],
    ['an answer to a field the form does not have', () => build.evaluationSubmitted({ ...base, answers: { tevredenheid: 4, bruikbaarheid: 5, opdrachten: 3, contactmoment: 4, 'bestede-tijd': '4-tot-6-uur', aanbevelen: 'ja', cijfer: 8 } }), 'answers.cijfer: is not a field of this form'],
    ['a follow-up route that does not exist', () => build.followUpChosen({ ...base, route: 'alles' as never }), 'route: must be one of "zorgen-voor-mensen", "gespreksvoering", "implementatie-in-de-organisatie", "werken-met-groepen", "nu-niet"'],
    ['more correct answers than questions', () => build.finalTestSubmitted({ ...base, attemptStatementId: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d', correctCount: 13 }), 'correctCount: must be a whole number from 0 to 12 (the number of questions)'],
    ['a contact form the course does not offer', () => build.contactMomentAttended({ ...base, coach: { userId: 'c' }, form: 'webinar' as never }), 'form: must be one of "coaching", "inspiratiesessie"'],
  ])('%s', (_name, fn, issue) => {
    expect(issuesOf(fn)).toContain(issue);
  });
});

describe('isoDuration', () => {
  it.each([
    [0, 'PT0S'],
    [10, 'PT0.01S'],
    [90_500, 'PT1M30.5S'],
    [3_600_000, 'PT1H'],
    [5 * 3_600_000 + 61_000, 'PT5H1M1S'],
    [59_994, 'PT59.99S'],
    [59_996, 'PT1M'],
  ])('%i ms is %s', (ms, duration) => {
    expect(build.isoDuration(ms)).toBe(duration);
  });
});

describe('activity IRIs', () => {
  it('parse back to what they were made from', () => {
    expect(build.parseActivityIri(course, build.courseIri(course))).toEqual({ kind: 'course' });
    expect(build.parseActivityIri(course, build.workMomentIri(course, 'werkmoment-3'))).toEqual({ kind: 'work-moment', workMomentId: 'werkmoment-3' });
    expect(build.parseActivityIri(course, build.itemIri(course, 'eindtoets'))).toEqual({ kind: 'item', itemId: 'eindtoets' });
    expect(build.parseActivityIri(course, build.questionIri(course, 'wm1-check', 'definitie'))).toEqual({ kind: 'question', itemId: 'wm1-check', questionId: 'definitie' });
    expect(build.parseActivityIri(course, build.promptIri(course, 'wm3-reflectie-jouw-rol', 'uitproberen'))).toEqual({ kind: 'prompt', itemId: 'wm3-reflectie-jouw-rol', promptId: 'uitproberen' });
    expect(build.parseActivityIri(course, build.contactMomentIri(course))).toEqual({ kind: 'contact-moment', contactMomentId: 'contactmoment' });
    expect(build.parseActivityIri(course, 'https://example.org/item/x')).toBeUndefined();
    expect(build.parseActivityIri(course, `${course.id}/item/x/extra`)).toBeUndefined();
  });
});
