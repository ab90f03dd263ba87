/**
 * The course definition (content/introductie/course.json) against its schema and against what
 * DESIGN.md and the accreditation bodies expect of it.
 */
import { describe, expect, it } from 'vitest';
import raw from '../../../content/introductie/course.json' with { type: 'json' };
import { courseSchema, DimensionId, ItemKind, type Item } from '../../../functions/core/course/schema.js';
import {
  allItems,
  CourseContentError,
  itemById,
  itemMinutesTotal,
  loadCourse,
  nominalMinutesTotal,
  parseCourse,
} from '../../../functions/core/course/load.js';

const course = loadCourse();
const items = allItems(course);

/** A deep, mutable copy of the raw JSON to break on purpose. */
function broken(mutate: (c: any) => void): unknown {
  const copy = structuredClone(raw) as any;
  mutate(copy);
  return copy;
}

/** The messages of the issues the schema reports for a candidate course. */
function problems(candidate: unknown): string[] {
  const result = courseSchema().safeParse(candidate);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => allStrings(v, out));
  return out;
}

describe('course content parses', () => {
  it('matches the schema', () => {
    expect(problems(raw)).toEqual([]);
  });

  it('is loaded once and frozen', () => {
    expect(loadCourse()).toBe(course);
    expect(Object.isFrozen(course)).toBe(true);
    expect(Object.isFrozen(course.workMoments[0]!.items)).toBe(true);
  });

  it('has a course IRI and a version id that statements can carry', () => {
    expect(course.id).toBe('https://introductie-pg.nl/xapi/course/introductie');
    expect(course.versionId).toMatch(/^\S+$/);
    expect(course.language).toBe('nl-NL');
  });

  it('finds items by id', () => {
    expect(itemById(course, 'eindtoets')?.kind).toBe('test');
    expect(itemById(course, 'vervolgkeuze')?.kind).toBe('choice');
    expect(itemById(course, 'bestaat-niet')).toBeUndefined();
    for (const item of items) expect(itemById(course, item.id)).toBe(item);
  });

  it('uses every item kind', () => {
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(ItemKind.options));
  });

  it('contains Markdown and text only, no raw HTML', () => {
    for (const s of allStrings(raw)) expect(s).not.toMatch(/<\/?[A-Za-z][\w-]*(?:\s[^>]*)?\/?>/);
  });
});

describe('study load', () => {
  it('items plus the contact moment add up to the study load and the accredited hours', () => {
    const sum = items.reduce((total, item) => total + item.nominalMinutes, 0) + course.contactMoment.minutes;
    expect(sum).toBe(course.studyLoadMinutes);
    expect(nominalMinutesTotal(course)).toBe(course.studyLoadMinutes);
    expect(itemMinutesTotal(course)).toBe(course.studyLoadMinutes - course.contactMoment.minutes);
    expect(course.studyLoadMinutes).toBe(course.accreditationHours * 60);
    expect(course.accreditationHours).toBe(5);
    expect(course.studyLoadMinutes).toBe(300);
  });

  it('states a gate threshold reachable before the contact moment', () => {
    expect((raw as { gateThresholdMinutes?: number }).gateThresholdMinutes).toBeTypeOf('number');
    const dueLater = items.filter((i) => (i.kind === 'evaluation' || i.kind === 'choice') && i.due === 'before-completion');
    const beforeContact = course.studyLoadMinutes - course.contactMoment.minutes - dueLater.reduce((s, i) => s + i.nominalMinutes, 0);
    expect(course.gateThresholdMinutes).toBeGreaterThan(0);
    expect(course.gateThresholdMinutes).toBeLessThanOrEqual(beforeContact);
  });

  it('gives every item realistic nominal minutes', () => {
    // Packages are never in course.json: an admin adds them at run time.
    const range: Record<Exclude<Item['kind'], 'package'>, [number, number]> = {
      page: [4, 8],
      check: [3, 8],
      reflection: [10, 15],
      spinnenweb: [10, 20],
      assignment: [20, 45],
      test: [10, 30],
      evaluation: [3, 10],
      choice: [3, 10],
    };
    for (const item of items) {
      expect(item.kind).not.toBe('package');
      const [min, max] = range[item.kind as Exclude<Item['kind'], 'package'>];
      expect(item.nominalMinutes, item.id).toBeGreaterThanOrEqual(min);
      expect(item.nominalMinutes, item.id).toBeLessThanOrEqual(max);
    }
  });

  it('plans a contact moment of coaching or inspiration session, groups of at most 12', () => {
    expect(course.contactMoment.minutes).toBeGreaterThanOrEqual(60);
    expect([...course.contactMoment.forms].sort()).toEqual(['coaching', 'inspiratiesessie']);
    expect(course.contactMoment.groupMax).toBe(12);
  });
});

describe('structure', () => {
  it('has unique ids for work moments, items and the contact moment', () => {
    const ids = [...course.workMoments.map((m) => m.id), ...items.map((i) => i.id), course.contactMoment.id];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('has at least three work moments, each with several pages, a check and a reflection', () => {
    expect(course.workMoments.length).toBeGreaterThanOrEqual(3);
    for (const moment of course.workMoments) {
      const count = (kind: string) => moment.items.filter((i) => i.kind === kind).length;
      expect(count('page'), moment.id).toBeGreaterThanOrEqual(3);
      expect(count('check'), moment.id).toBeGreaterThanOrEqual(1);
      expect(count('reflection'), moment.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives every knowledge-check question feedback per option or per outcome', () => {
    for (const item of items) {
      if (item.kind !== 'check') continue;
      for (const q of item.questions) {
        expect(q.feedback !== undefined || q.options.every((o) => o.feedback), `${item.id}/${q.id}`).toBe(true);
      }
    }
  });

  it('has a do-and-experience assignment between every two work moments, each with instructions, time frame and report form', () => {
    const momentIds = course.workMoments.map((m) => m.id);
    for (const id of momentIds.slice(0, -1)) {
      expect(course.assignments.some((a) => a.afterWorkMoment === id), `after ${id}`).toBe(true);
    }
    for (const a of course.assignments) {
      expect(momentIds).toContain(a.afterWorkMoment);
      expect(a.instructions.length).toBeGreaterThan(200);
      expect(a.timeFrame.length).toBeGreaterThan(10);
      expect(a.reportForm.fields.filter((f) => f.required).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('has the spinnenweb with the six named dimensions, graded 0-10, each with aspects to think about', () => {
    const names = course.spinnenweb.dimensions.map((d) => d.name.toLowerCase());
    expect(names).toEqual([
      'lichaamsfuncties',
      'mentaal welbevinden',
      'zingeving',
      'kwaliteit van leven',
      'meedoen',
      'dagelijks functioneren',
    ]);
    expect(course.spinnenweb.dimensions.map((d) => d.id)).toEqual(DimensionId.options);
    expect(course.spinnenweb.scale).toEqual({ min: 0, max: 10 });
    for (const d of course.spinnenweb.dimensions) expect(d.aspects.length).toBeGreaterThanOrEqual(3);
    expect(items.filter((i) => i.kind === 'spinnenweb')).toHaveLength(1);
  });

  it('has an evaluation asking for satisfaction and usefulness', () => {
    const measures = course.evaluation.form.fields.flatMap((f) => (f.type === 'rating' && f.measures ? [f.measures] : []));
    expect(measures).toEqual(expect.arrayContaining(['satisfaction', 'usefulness']));
  });

  it('offers the four learning routes and "nu niet" as the follow-up choice', () => {
    expect(course.followUpChoice.options.map((o) => o.id).sort()).toEqual(
      ['gespreksvoering', 'implementatie-in-de-organisatie', 'nu-niet', 'werken-met-groepen', 'zorgen-voor-mensen'].sort(),
    );
  });
});

describe('learning outcomes and their evidence', () => {
  const outcome = (n: number) => course.outcomes.find((o) => o.number === n)!;
  const kinds = (n: number) => outcome(n).evidence.map((e) => e.kind);

  it('has the eight outcomes, each with evidence that exists and has the item kind', () => {
    expect(course.outcomes.map((o) => o.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const o of course.outcomes) {
      expect(o.evidence.length, `outcome ${o.number}`).toBeGreaterThanOrEqual(1);
      for (const e of o.evidence) {
        expect(itemById(course, e.itemId)?.kind, `outcome ${o.number}: ${e.itemId}`).toBe(e.kind);
        expect(e.label).toMatch(/^(je|de) /);
      }
    }
  });

  it('evidences outcomes with own words, a check, a done assignment or the spinnenweb filled in, never scores', () => {
    // DESIGN.md: the participant's own words, a knowledge check, having done the assignment.
    for (const n of [1, 2, 4, 6, 7]) expect(kinds(n), `outcome ${n}`).toContain('reflection');
    for (const n of [1, 2, 3, 4, 5, 7]) expect(kinds(n), `outcome ${n}`).toContain('check');
    // 3: filled in once plus explaining the dimensions.
    expect(kinds(3)).toEqual(expect.arrayContaining(['spinnenweb', 'check', 'reflection']));
    // 5: the way of working, shown by doing the listening and small-step assignments.
    expect(kinds(5)).toContain('assignment');
    // 8: the follow-up choice, which may come after the contact moment.
    expect(kinds(8)).toEqual(['choice']);
    expect(outcome(8).evidenceDue).toBe('before-completion');
    for (const n of [1, 2, 3, 4, 5, 6, 7]) expect(outcome(n).evidenceDue).toBe('before-contact');
  });

  it('uses every assignment, check and reflection as evidence for some outcome', () => {
    const used = new Set(course.outcomes.flatMap((o) => o.evidence.map((e) => e.itemId)));
    for (const item of items) {
      if (['assignment', 'check', 'reflection', 'spinnenweb', 'choice'].includes(item.kind)) expect(used, item.id).toContain(item.id);
    }
  });
});

describe('final test', () => {
  it('covers outcomes 1-7 and sets the pass mark and retry rules in the content', () => {
    const test = course.finalTest;
    expect(new Set(test.questions.map((q) => q.outcome))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    expect((raw as { finalTest: { passMarkPercent?: number } }).finalTest.passMarkPercent).toBe(70);
    expect(test.retries.maxAttempts).toBeGreaterThanOrEqual(2);
    expect(test.retries.waitMinutesBetweenAttempts).toBeGreaterThanOrEqual(0);
    expect(test.revealCorrectAnswers).toBe('after-pass');
    expect(test.questions.length).toBeGreaterThanOrEqual(10);
  });

  it('gives feedback after submission for every question and has sound answer keys', () => {
    for (const q of course.finalTest.questions) {
      expect(q.feedback.correct.length).toBeGreaterThan(0);
      expect(q.feedback.incorrect.length).toBeGreaterThan(0);
      const correct = q.options.filter((o) => o.correct).length;
      if (q.type === 'single') expect(correct, q.id).toBe(1);
      else expect(correct, q.id).toBeGreaterThanOrEqual(1);
      expect(correct, q.id).toBeLessThan(q.options.length);
    }
  });
});

describe('the schema rejects a broken course', () => {
  it('an evidence id that does not exist', () => {
    const messages = problems(broken((c) => (c.outcomes[3].evidence[0].itemId = 'wm2-reflectie-bestaat-niet')));
    expect(messages.join('\n')).toMatch(/learning outcome 4: evidence item "wm2-reflectie-bestaat-niet" does not exist/);
  });

  it('evidence whose kind does not match its item', () => {
    expect(problems(broken((c) => (c.outcomes[0].evidence[0].kind = 'check'))).join('\n')).toMatch(/is a reflection, not a check/);
  });

  it('minutes that do not add up to the study load', () => {
    const messages = problems(broken((c) => (c.workMoments[0].items[0].nominalMinutes += 5)));
    expect(messages.join('\n')).toMatch(/plus the contact moment .* not the study load of 300/);
  });

  it('a study load that does not match the accredited hours', () => {
    expect(problems(broken((c) => (c.accreditationHours = 4))).join('\n')).toMatch(/does not match 4 accredited hours/);
  });

  it('a gate threshold beyond what can be done before the contact moment', () => {
    expect(problems(broken((c) => (c.gateThresholdMinutes = 241))).join('\n')).toMatch(/gate threshold 241 min exceeds/);
  });

  it('a duplicate id', () => {
    expect(problems(broken((c) => (c.workMoments[1].items[0].id = 'wm1-welkom'))).join('\n')).toMatch(/duplicate course id "wm1-welkom"/);
  });

  it('a final test that leaves an outcome untested', () => {
    const messages = problems(broken((c) => (c.finalTest.questions = c.finalTest.questions.filter((q: { outcome: number }) => q.outcome !== 6))));
    expect(messages.join('\n')).toMatch(/no question for learning outcome 6/);
  });

  it('a final-test question for outcome 8', () => {
    expect(problems(broken((c) => (c.finalTest.questions[0].outcome = 8))).length).toBeGreaterThan(0);
  });

  it('an outcome without evidence, or a missing outcome', () => {
    expect(problems(broken((c) => (c.outcomes[5].evidence = []))).length).toBeGreaterThan(0);
    expect(problems(broken((c) => c.outcomes.pop())).length).toBeGreaterThan(0);
  });

  it('evidence due before the contact moment that can only come later', () => {
    const messages = problems(broken((c) => c.outcomes[6].evidence.push({ itemId: 'vervolgkeuze', kind: 'choice', label: 'je keuze' })));
    expect(messages.join('\n')).toMatch(/learning outcome 7 is due before the contact moment/);
  });

  it('a work moment with too few pages or no reflection', () => {
    const messages = problems(broken((c) => (c.workMoments[2].items = c.workMoments[2].items.filter((i: { kind: string }) => i.kind !== 'reflection'))));
    expect(messages.join('\n')).toMatch(/"werkmoment-3" needs at least 1 item\(s\) of kind "reflection"/);
  });

  it('an assignment after an unknown work moment, leaving two work moments without one between them', () => {
    const messages = problems(broken((c) => (c.assignments[1].afterWorkMoment = 'werkmoment-9'))).join('\n');
    expect(messages).toMatch(/unknown work moment "werkmoment-9"/);
    expect(messages).toMatch(/no do-and-experience assignment between work moments "werkmoment-2" and "werkmoment-3"/);
  });

  it('a spinnenweb with a dimension missing or renamed', () => {
    expect(problems(broken((c) => c.spinnenweb.dimensions.pop())).length).toBeGreaterThan(0);
    expect(problems(broken((c) => (c.spinnenweb.dimensions[5].id = 'zingeving'))).join('\n')).toMatch(/duplicate dimension id "zingeving"/);
  });

  it('a single-choice question with two correct options, or without feedback', () => {
    expect(problems(broken((c) => (c.workMoments[0].items[4].questions[0].options[0].correct = true))).join('\n')).toMatch(/exactly one correct option, found 2/);
    expect(problems(broken((c) => delete c.workMoments[0].items[4].questions[0].options[0].feedback)).join('\n')).toMatch(/feedback per option/);
  });

  it('raw HTML in a page and unknown fields', () => {
    expect(problems(broken((c) => (c.workMoments[0].items[0].body += '\n\n<script>alert(1)</script>'))).join('\n')).toMatch(/raw HTML/);
    expect(problems(broken((c) => (c.workMoments[0].items[0].colour = 'blue'))).length).toBeGreaterThan(0);
  });

  it('parseCourse throws a readable error', () => {
    expect(() => parseCourse(broken((c) => (c.outcomes[0].evidence[0].itemId = 'weg')))).toThrow(CourseContentError);
    expect(() => parseCourse(broken((c) => (c.outcomes[0].evidence[0].itemId = 'weg')))).toThrow(/evidence item "weg" does not exist/);
  });
});
