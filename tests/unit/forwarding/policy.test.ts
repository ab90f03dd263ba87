/**
 * What may leave for an accreditation body: every statement the module builds, for every template
 * of the profile, is forwardable exactly when it is accreditation-relevant; health data never,
 * whatever the target's filter, even when a client dresses it up as an accreditation statement.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carriesHealthData, isForwardable } from '../../../functions/core/forwarding/policy.js';
import { ACTIVITY_TYPES, EXTENSIONS, PRIVATE_TEMPLATES, TEMPLATES, VERBS, type TemplateName } from '../../../functions/core/xapi/profile/vocabulary.js';
import type { StatementJson } from '../../../functions/core/xapi/statement-store.js';
import { anyCase, cases } from '../profile/arbitraries.js';

const FORWARDED: readonly TemplateName[] = ['courseCompleted', 'finalTestPassed', 'finalTestFailed', 'contactMomentAttended'];
const everything = { verbs: [], activityTypes: [] };
const asStored = (statement: unknown) => ({ stored: '2026-01-01T00:00:00.000Z', ...(statement as object) }) as StatementJson;

describe('isForwardable', () => {
  it('passes exactly the accreditation-relevant templates, for any statement the module builds', () => {
    fc.assert(
      fc.property(anyCase, ({ template, statement }) => {
        expect(isForwardable(asStored(statement), everything)).toBe(FORWARDED.includes(template));
      }),
      { numRuns: 500 },
    );
  });

  it.each(Object.keys(TEMPLATES).filter((name) => PRIVATE_TEMPLATES.includes(TEMPLATES[name as TemplateName])).concat('evaluationSubmitted'))(
    'never passes %s (health data), with any filter',
    (name) => {
      fc.assert(
        fc.property(cases[name as TemplateName], ({ statement }) => {
          expect(carriesHealthData(asStored(statement))).toBe(true);
          expect(isForwardable(asStored(statement), { verbs: [VERBS.completed], activityTypes: [] })).toBe(false);
        }),
        { numRuns: 30 },
      );
    },
  );

  it('refuses an accreditation verb and type that carry health data anyway', () => {
    const completed = { id: 'c5b8d1f4-1f0a-4c55-9c55-7a3c8b0f2e11', stored: '2026-01-01T00:00:00.000Z', actor: { mbox: 'mailto:a@b.nl' }, verb: { id: VERBS.completed }, object: { id: 'https://x/course', definition: { type: ACTIVITY_TYPES.course } } };
    expect(isForwardable(completed, everything)).toBe(true);
    expect(isForwardable({ ...completed, result: { extensions: { [EXTENSIONS.spinnenwebScores]: { lichaam: 7 } } } }, everything)).toBe(false);
    expect(isForwardable({ ...completed, result: { response: 'wat mij raakte…' } }, everything)).toBe(false);
    expect(isForwardable({ ...completed, context: { contextActivities: { parent: [{ id: 'https://x/r', definition: { type: ACTIVITY_TYPES.reflection } }] } } }, everything)).toBe(false);
    expect(isForwardable({ ...completed, context: { extensions: { [EXTENSIONS.formAnswers]: {} } } }, everything)).toBe(false);
  });

  it('narrows by the target filter', () => {
    fc.assert(
      fc.property(cases.courseCompleted, cases.contactMomentAttended, (course, attended) => {
        const onlyCourse = { verbs: [], activityTypes: [ACTIVITY_TYPES.course] };
        expect(isForwardable(asStored(course.statement), onlyCourse)).toBe(true);
        expect(isForwardable(asStored(attended.statement), onlyCourse)).toBe(false);
        expect(isForwardable(asStored(attended.statement), { verbs: [VERBS.attended], activityTypes: [] })).toBe(true);
      }),
      { numRuns: 20 },
    );
  });
});
