import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../../functions/core/course/load.js';
import { amsterdamDate, coachRecordFields, readCoachRecord } from '../../../functions/core/contact-moment/coach-record-form.js';
import { ValidationError } from '../../../functions/core/errors.js';

const course = loadCourse();
const TODAY = '2026-11-22';
const words = (n: number) => Array.from({ length: n }, (_, i) => `woord${i}`).join(' ');

function answers(overrides: Record<string, string | number | undefined> = {}): Record<string, string | number> {
  const base: Record<string, string | number | undefined> = {
    vorm: 'coaching',
    datum: '2026-11-20',
    'betekenis-persoonlijk': words(12),
    'betekenis-beroepsmatig': words(12),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string | number] => e[1] !== undefined));
}

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((i) => i.path);
  }
  throw new Error('expected a ValidationError');
}

describe('the course content', () => {
  it("has a date field and a field with the contact forms in the coach's record form", () => {
    const { dateField, formField } = coachRecordFields(course);
    expect(dateField.type).toBe('date');
    expect(formField.type === 'single' && formField.options.map((o) => o.id).sort()).toEqual([...course.contactMoment.forms].sort());
  });
});

describe('readCoachRecord', () => {
  it('returns the date, the form and the answers of a complete record', () => {
    expect(readCoachRecord(course, { attended: true, answers: answers({ afspraken: '  Volgt de leerroute gespreksvoering. ' }) }, TODAY)).toEqual({
      date: '2026-11-20',
      form: 'coaching',
      answers: { ...answers(), afspraken: 'Volgt de leerroute gespreksvoering.' },
    });
  });

  it('needs what the participant said, in enough words, when they attended', () => {
    expect(issuesOf(() => readCoachRecord(course, { attended: true, answers: answers({ 'betekenis-persoonlijk': undefined, 'betekenis-beroepsmatig': words(3) }) }, TODAY))).toEqual([
      'answers.betekenis-persoonlijk',
      'answers.betekenis-beroepsmatig',
    ]);
  });

  it('needs only the date and the form for a missed meeting', () => {
    expect(readCoachRecord(course, { attended: false, answers: { vorm: 'inspiratiesessie', datum: '2026-11-21' } }, TODAY)).toMatchObject({ form: 'inspiratiesessie', date: '2026-11-21' });
    expect(issuesOf(() => readCoachRecord(course, { attended: false, answers: { vorm: 'inspiratiesessie' } }, TODAY))).toEqual(['answers.datum']);
  });

  it('refuses a date in the future, a bad date, an unknown form and unknown fields', () => {
    expect(issuesOf(() => readCoachRecord(course, { attended: true, answers: answers({ datum: '2026-11-23' }) }, TODAY))).toEqual(['answers.datum']);
    expect(issuesOf(() => readCoachRecord(course, { attended: true, answers: answers({ datum: '22-11-2026' }) }, TODAY))).toEqual(['answers.datum']);
    expect(issuesOf(() => readCoachRecord(course, { attended: true, answers: answers({ vorm: 'wandeling' }) }, TODAY))).toEqual(['answers.vorm']);
    expect(issuesOf(() => readCoachRecord(course, { attended: true, answers: answers({ score: 8 }) }, TODAY))).toEqual(['answers.score']);
  });
});

describe('amsterdamDate', () => {
  it('is the calendar day in the Netherlands', () => {
    expect(amsterdamDate(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
    expect(amsterdamDate(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(amsterdamDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });
});
