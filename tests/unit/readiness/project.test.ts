/**
 * The pure part of the readiness projection: which deliveries count (applied-statements.ts), the
 * fold of new statements and the gate trigger (project.ts), the gate statement's id (gate.ts).
 * The property that matters: however the statements are delivered (in pieces, with repeats), the
 * projection equals one fold of them all in stored order, or it asks for a refold.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { loadCourse } from '../../../functions/core/course/load.js';
import { applyStatement, emptyProgress } from '../../../functions/core/progress/progress.js';
import { classifyArrival, noneApplied, RECENT_MAX, RECENT_WINDOW_MS, rememberApplied } from '../../../functions/core/readiness/applied-statements.js';
import { gateStatementId, uuidV5 } from '../../../functions/core/readiness/gate.js';
import { emptyProjection, foldStatements, gateConditionsMet, isEnrolmentStatement, type Projection } from '../../../functions/core/readiness/project.js';
import { deriveReadiness } from '../../../functions/core/readiness/readiness.js';
import * as build from '../../../functions/core/xapi/profile/builders.js';
import { validateStatement } from '../../../functions/core/xapi/profile/matcher.js';
import { TEMPLATES } from '../../../functions/core/xapi/profile/vocabulary.js';
import type { StatementJson } from '../../../functions/core/xapi/statement-store.js';
import { courseWalkthrough, type TimedStatement } from '../../support/course-walkthrough.js';

const course = loadCourse();
const participant = { userId: 'carla', name: 'Carla Jansen' };
const START = Date.parse('2026-11-02T09:00:00Z');

const stored = (t: TimedStatement): StatementJson => ({ ...(t.statement as object), id: t.statement.id!, stored: new Date(t.at).toISOString() }) as StatementJson;
const ref = (id: string, ms: number) => ({ id, stored: new Date(ms).toISOString() });

function walk(options: Partial<Parameters<typeof courseWalkthrough>[0]> = {}) {
  const registration = options.registration ?? randomUUID();
  return { registration, statements: courseWalkthrough({ participant, registration, startMs: START, includeFinalTest: true, ...options }).map(stored) };
}

const plainFold = (statements: readonly StatementJson[]) => statements.reduce((state, s) => applyStatement(state, s, course), emptyProgress());

describe('applied statements', () => {
  it('tells a repeat, the next statement and one out of stored order apart', () => {
    let applied = noneApplied();
    expect(classifyArrival(applied, ref('a', START))).toBe('next');
    applied = rememberApplied(applied, ref('a', START));
    expect(classifyArrival(applied, ref('a', START))).toBe('applied');
    expect(classifyArrival(applied, ref('b', START))).toBe('next'); // same stored: same batch or a tie
    expect(classifyArrival(applied, ref('c', START + 1))).toBe('next');
    expect(classifyArrival(applied, ref('d', START - 1))).toBe('out-of-order');
  });

  it('stays bounded, and what it forgot counts as out of order rather than new', () => {
    let applied = noneApplied();
    for (let i = 0; i < RECENT_MAX + 20; i++) applied = rememberApplied(applied, ref(`s${i}`, START));
    expect(applied.recent).toHaveLength(RECENT_MAX);
    expect(classifyArrival(applied, ref('s0', START))).toBe('out-of-order');
    expect(classifyArrival(applied, ref(`s${RECENT_MAX + 19}`, START))).toBe('applied');

    applied = rememberApplied(applied, ref('late', START + RECENT_WINDOW_MS + 1));
    expect(applied.recent).toEqual([['late', new Date(START + RECENT_WINDOW_MS + 1).toISOString()]]);
    expect(applied.forgottenThrough).toBe(new Date(START).toISOString());
  });
});

describe('foldStatements', () => {
  const { registration, statements } = walk();
  const whole = foldStatements(emptyProjection(), statements, course);

  it('gives the plain fold of progress.ts', () => {
    expect(whole.state).toEqual(plainFold(statements));
    expect(whole.outOfOrder).toBe(false);
  });

  it('changes nothing when the same statements come again', () => {
    const again = foldStatements(whole, statements, course);
    expect(again.changed).toBe(false);
    expect(again.state).toEqual(whole.state);
    expect(again.applied).toEqual(whole.applied);
  });

  it('gives the same projection however the statements are delivered in stored order, repeats included', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(statements.length), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 13 }), (cuts, repeats) => {
        const bounds = [...new Set([0, ...cuts, statements.length])].sort((a, b) => a - b);
        let projection: Projection = emptyProjection();
        for (let i = 1; i < bounds.length; i++) {
          const delivered = statements.slice(0, bounds[i]);
          // A delivery: the next piece, then again a statement delivered before (the stream after the inline update).
          const piece = statements.slice(bounds[i - 1], bounds[i]);
          const repeat = delivered[(repeats[i] ?? 0) % delivered.length]!;
          for (const delivery of [piece, [repeat]]) {
            const outcome = foldStatements(projection, delivery, course);
            // The projection refolds everything delivered so far (update-readiness.ts).
            projection = outcome.outOfOrder ? foldStatements(emptyProjection(), delivered, course) : outcome;
          }
        }
        expect(projection.state).toEqual(whole.state);
        expect(projection.applied).toEqual(whole.applied);
      }),
      { numRuns: 40 },
    );
  });

  it('asks for a refold when a statement arrives after a later-stored one', () => {
    const first = foldStatements(emptyProjection(), statements.slice(0, 10), course);
    const skipped = foldStatements(first, statements.slice(11, 20), course);
    const late = foldStatements(skipped, [statements[10]!], course);
    expect(late.outOfOrder).toBe(true);
    expect(late.state).toEqual(skipped.state);
  });

  it('finds the statement that opened the gate, the same one in pieces as in one go', () => {
    expect(gateConditionsMet(whole.state, course)).toBe(true);
    const trigger = whole.gateTrigger!;
    expect(trigger).toBeDefined();
    const index = statements.indexOf(trigger);
    expect(gateConditionsMet(plainFold(statements.slice(0, index)), course)).toBe(false);
    expect(gateConditionsMet(plainFold(statements.slice(0, index + 1)), course)).toBe(true);

    const before = foldStatements(emptyProjection(), statements.slice(0, index), course);
    expect(before.gateTrigger).toBeUndefined();
    const after = foldStatements(before, statements.slice(index), course);
    expect(after.gateTrigger?.id).toBe(trigger.id);
    expect(deriveReadiness(after.state, null, course, new Date()).status).toBe('ready');
    expect(registration).toBe(after.state.registration);
  });

  it('reports no trigger once the gate is recorded', () => {
    // Stored now, after everything applied; timestamped with the trigger's stored time.
    const storedAt = new Date(Date.parse(statements.at(-1)!.stored) + 1000).toISOString();
    const gate = { ...build.contactMomentUnlocked({ course, participant, registration, id: gateStatementId(registration), timestamp: whole.gateTrigger!.stored }), stored: storedAt } as StatementJson;
    const recorded = foldStatements(whole, [gate], course);
    expect(recorded.state.gateOpenedAt).toBe(storedAt);
    expect(recorded.gateTrigger).toBeUndefined();
  });
});

describe('whose statements count', () => {
  it("only the participant's own in the enrolment, from whatever client", () => {
    const registration = randomUUID();
    const interval: build.ActiveInterval = [new Date(START - 60_000).toISOString(), new Date(START).toISOString()];
    const mine = stored({ statement: build.itemExperienced({ course, participant, registration, itemId: 'wm1-gezondheid-anders-bekeken', activeIntervals: [interval] }), at: START });
    const someoneElse = stored({ statement: build.itemExperienced({ course, participant: { userId: 'daan' }, registration, itemId: 'wm1-gezondheid-anders-bekeken', activeIntervals: [interval] }), at: START });
    expect(isEnrolmentStatement(mine, { userId: 'carla', registration })).toBe(true);
    expect(isEnrolmentStatement(someoneElse, { userId: 'carla', registration })).toBe(false);
    expect(isEnrolmentStatement(mine, { userId: 'carla', registration: randomUUID() })).toBe(false);
  });
});

describe('the gate statement', () => {
  it('has a name-based UUID (v5) per registration', () => {
    // RFC 4122 test vector: uuid5(NAMESPACE_DNS, "python.org").
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(gateStatementId('ABC')).toBe('5e19283f-7a01-5fc7-9482-455b6ac4d666');
    expect(gateStatementId(randomUUID())).not.toBe(gateStatementId(randomUUID()));
  });

  it('follows the contact-moment-unlocked template of the profile', () => {
    const registration = randomUUID();
    const statement = build.contactMomentUnlocked({ course, participant: { userId: 'carla' }, registration, id: gateStatementId(registration), timestamp: new Date(START).toISOString() });
    const validation = validateStatement(statement);
    expect(validation.outcome).toBe('success');
    expect(validation.outcome === 'success' && validation.templates).toContain(TEMPLATES.contactMomentUnlocked);
  });
});
