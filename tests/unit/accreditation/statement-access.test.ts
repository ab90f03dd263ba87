/** The accreditation allow-list against the course profile, and the redaction of allowed statements. */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { loadProfile } from '../../../functions/core/xapi/profile/matcher.js';
import { PRIVATE_TEMPLATES } from '../../../functions/core/xapi/profile/vocabulary.js';
import { loadCourse } from '../../../functions/core/course/load.js';
import * as build from '../../../functions/core/xapi/profile/builders.js';
import {
  ACCREDITATION_ALLOW_LIST,
  ACCREDITATION_TEMPLATES,
  isAccreditationRelevant,
  redactForAccreditation,
} from '../../../functions/core/accreditation/statement-access.js';
import type { StatementJson } from '../../../functions/core/xapi/statement-store.js';

const profile = loadProfile();
const course = loadCourse();
const scope = { courseIds: [course.id] };
const pair = (t: { verb?: string; objectActivityType?: string }) => `${t.verb} ${t.objectActivityType}`;
const asStored = (statement: object) => ({ stored: new Date().toISOString(), ...statement }) as StatementJson;

describe('the allow-list', () => {
  it('is exactly the (verb, object type) pairs of the accreditation templates of the profile', () => {
    const templates = (profile.templates ?? []).filter((t) => ACCREDITATION_TEMPLATES.includes(t.id));
    expect(templates).toHaveLength(ACCREDITATION_TEMPLATES.length);
    expect(new Set(ACCREDITATION_ALLOW_LIST.map(pair))).toEqual(new Set(templates.map(pair)));
  });

  it('shares no pair with any other template of the profile (reflections, spinnenweb, assignments, evaluation...)', () => {
    const allowed = new Set(ACCREDITATION_ALLOW_LIST.map(pair));
    const others = (profile.templates ?? []).filter((t) => !ACCREDITATION_TEMPLATES.includes(t.id));
    expect(others.map((t) => t.id)).toEqual(expect.arrayContaining([...PRIVATE_TEMPLATES]));
    for (const template of others) expect(allowed.has(pair(template)), template.id).toBe(false);
  });

  it('keeps statements of the course only', () => {
    const input = { course, participant: { userId: 'p1' }, registration: randomUUID() };
    const completed = asStored(build.courseCompleted(input));
    expect(isAccreditationRelevant(completed, scope)).toBe(true);
    expect(isAccreditationRelevant(completed, { courseIds: ['https://elders.example/course'] })).toBe(false);
    const item = course.workMoments.flatMap((w) => w.items).find((i) => i.kind === 'reflection')!;
    if (item.kind !== 'reflection') throw new Error('no reflection');
    const reflection = asStored(build.reflectionWritten({ ...input, itemId: item.id, promptId: item.prompts[0]!.id, text: 'mijn verhaal', timestamp: '2026-11-01T10:01:00.000Z', activeIntervals: [['2026-11-01T10:00:00.000Z', '2026-11-01T10:01:00.000Z']] }));
    expect(isAccreditationRelevant(reflection, scope)).toBe(false);
  });
});

describe('redaction', () => {
  it('rebuilds an allowed statement from an explicit list, dropping what could carry health data', () => {
    const statement = asStored({
      ...build.courseCompleted({ course, participant: { userId: 'p1', name: 'Pim' }, registration: randomUUID() }),
      attachments: [{ usageType: 'https://x.example/u', display: { nl: 'x' }, contentType: 'text/plain', length: 1, sha2: 'a'.repeat(64) }],
    });
    const result = statement['result'] as Record<string, unknown>;
    result['response'] = 'geheim';
    (result['extensions'] as Record<string, unknown>)['https://introductie-pg.nl/xapi/extensions/spinnenweb-scores'] = { zingeving: 2 };
    const redacted = redactForAccreditation(statement);
    expect(redacted['attachments']).toBeUndefined();
    expect(redacted['result']).toEqual({ completion: true, duration: 'PT5H', extensions: { 'https://introductie-pg.nl/xapi/extensions/study-hours': course.accreditationHours } });
    expect(JSON.stringify(redacted)).not.toContain('geheim');
    expect(redacted['actor']).toEqual(statement['actor']);
    expect(redacted['id']).toBe(statement.id);
  });
});
