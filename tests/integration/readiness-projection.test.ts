/**
 * The readiness projection on DynamoDB Local, driven through its services as the API and the
 * stream drive it: statements update the record one at a time; the same statement twice changes
 * nothing; the gate opening records exactly one `unlocked` statement, also when two updaters race;
 * a rebuild from the LRS gives exactly the record the increments built, also after a statement
 * that arrived out of order and after a voided one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { loadCourse } from '../../functions/core/course/load.js';
import type { Enrolment } from '../../functions/core/enrolment/ports.js';
import { loadProgress } from '../../functions/core/progress/load-progress.js';
import { gateStatementId } from '../../functions/core/readiness/gate.js';
import type { ReadinessRecord } from '../../functions/core/readiness/ports.js';
import { emptyProjection, foldStatements } from '../../functions/core/readiness/project.js';
import { rebuildOne, rebuildReadiness } from '../../functions/core/readiness/rebuild-readiness.js';
import { updateReadiness } from '../../functions/core/readiness/update-readiness.js';
import * as build from '../../functions/core/xapi/profile/builders.js';
import { VERBS } from '../../functions/core/xapi/profile/vocabulary.js';
import type { StatementJson } from '../../functions/core/xapi/statement-store.js';
import { courseWalkthrough, longText, type TimedStatement } from '../support/course-walkthrough.js';
import { createReadinessWorld, OTHER_CLIENT, type ReadinessWorld } from '../support/readiness-world.js';

const course = loadCourse();
const START = Date.parse('2026-10-05T08:00:00Z');
let world: ReadinessWorld;

beforeAll(async () => {
  world = await createReadinessWorld();
});
afterAll(() => world?.close());

const record = async (enrolment: Enrolment) => (await world.deps.readiness.get(enrolment.registration))!;
const walkthrough = (enrolment: Enrolment, options: { startMs?: number; includeFinalTest?: boolean } = {}): TimedStatement[] =>
  courseWalkthrough({ participant: { userId: enrolment.userId }, registration: enrolment.registration, startMs: options.startMs ?? START, includeFinalTest: options.includeFinalTest ?? true });

/** What a rebuild must reproduce: everything but the write's own bookkeeping (version, updatedAt). */
const projected = (r: ReadinessRecord) => {
  const { version: _version, updatedAt: _updatedAt, ...rest } = r;
  return rest;
};

async function unlockedStatements(enrolment: Enrolment): Promise<StatementJson[]> {
  return (await world.statementsOf(enrolment)).filter((s) => (s.verb as { id: string }).id === VERBS.unlocked);
}

/** Groups the statements the app sends at the same moment, as one request would carry them. */
function requests(sitting: readonly TimedStatement[]): Array<{ at: number; statements: TimedStatement['statement'][] }> {
  const out: Array<{ at: number; statements: TimedStatement['statement'][] }> = [];
  for (const { statement, at } of sitting) {
    if (out.at(-1)?.at === at) out.at(-1)!.statements.push(statement);
    else out.push({ at, statements: [statement] });
  }
  return out;
}

/** Stores without projecting (as before the projection existed, or with the stream not yet caught up). */
async function storeOnly(sitting: readonly TimedStatement[]): Promise<void> {
  for (const { at, statements } of requests(sitting)) await world.store(statements, at);
}

/**
 * Stores and applies the statements as the app sends them and the inline path applies them:
 * those the app sends at the same moment in one request (e.g. every prompt of a reflection).
 */
async function sit(enrolment: Enrolment, sitting: readonly TimedStatement[], onEach?: () => Promise<void>): Promise<StatementJson[]> {
  const all: StatementJson[] = [];
  for (const { at, statements } of requests(sitting)) {
    const stored = await world.store(statements, at);
    await updateReadiness(world.deps)(stored);
    all.push(...stored);
    await onEach?.();
  }
  return all;
}

describe('a participant working through the course', () => {
  let carla: Enrolment;
  let statements: StatementJson[];
  const versions: number[] = [];
  const minutes: number[] = [];

  beforeAll(async () => {
    carla = await world.enrol('Carla Jansen');
    statements = await sit(carla, walkthrough(carla), async () => {
      const r = await record(carla);
      versions.push(r.version);
      minutes.push(r.creditedMinutes);
    });
  }, 300_000);

  it('updates the record with every statement, one version at a time', () => {
    // One write per request; the gate opening is applied in the same write as its trigger.
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect(minutes.every((m, i) => i === 0 || m >= minutes[i - 1]!)).toBe(true);
    expect(minutes.at(-1)).toBeGreaterThanOrEqual(course.gateThresholdMinutes);
  });

  it('holds exactly the fold of the same statements (what GET /api/progress folds on read)', async () => {
    const r = await record(carla);
    const { state } = await loadProgress(world.deps)({ enrolment: carla, course });
    expect(r.state).toEqual(state);
    expect(r).toMatchObject({ userId: carla.userId, courseId: course.id, participantName: 'Carla Jansen', coachId: null, booking: null });
  });

  it('opens the gate and records it exactly once, as the profile says', async () => {
    const r = await record(carla);
    expect(r).toMatchObject({ status: 'ready', gateOpen: true, missing: [], outcomesMet: course.outcomes.length });
    const unlocked = await unlockedStatements(carla);
    expect(unlocked.map((s) => s.id)).toEqual([gateStatementId(carla.registration)]);
    expect(r.state.gateOpenedAt).toBe(unlocked[0]!.stored);
    // Timestamped with the stored time of the statement that opened the gate.
    const trigger = foldStatements(emptyProjection(), statements, course).gateTrigger!;
    expect(unlocked[0]!.timestamp).toBe(trigger.stored);
  });

  it('changes nothing when a statement is applied again, not even the version', async () => {
    const before = await record(carla);
    await updateReadiness(world.deps)(statements.slice(-3));
    await updateReadiness(world.deps)(statements.at(-1)!);
    expect(await record(carla)).toEqual(before);
    expect(await unlockedStatements(carla)).toHaveLength(1);
  });

  it('is rebuilt from the statements into exactly the same record, keeping the coach and the booking', async () => {
    const assigned = await record(carla);
    const booking = { kind: 'contact-request' as const, form: 'coaching' as const, slotId: null, startsAt: null, bookedAt: new Date(START + 86_400_000).toISOString() };
    await world.deps.readiness.put({ ...assigned, coachId: 'coach-anna', booking, status: 'scheduled' }, assigned.version);
    const incremental = await record(carla);

    expect(await rebuildOne(world.deps)(carla.registration)).toBe('rebuilt');
    const rebuilt = await record(carla);
    expect(projected(rebuilt)).toEqual(projected(incremental));
    expect(rebuilt.version).toBe(incremental.version + 1);
    expect(await unlockedStatements(carla)).toHaveLength(1);
    expect((await world.deps.readiness.listForCoach('coach-anna', { status: 'scheduled' })).map((r) => r.registration)).toEqual([carla.registration]);
  });
});

describe('statements from any xAPI client', () => {
  it('count when they are about the participant in the enrolment; others are ignored', async () => {
    const daan = await world.enrol('Daan de Vries');
    const at = START + 3_600_000;
    const interval: build.ActiveInterval = [new Date(at - 60_000).toISOString(), new Date(at).toISOString()];
    const page = course.workMoments[0]!.items.find((i) => i.kind === 'page')!;
    const [own] = await world.store([build.itemExperienced({ course, participant: { userId: daan.userId }, registration: daan.registration, itemId: page.id, activeIntervals: [interval], timestamp: new Date(at).toISOString() })], at, OTHER_CLIENT);
    const [aboutSomeoneElse] = await world.store([build.itemExperienced({ course, participant: { userId: 'eva' }, registration: daan.registration, itemId: page.id, activeIntervals: [interval] })], at + 1, OTHER_CLIENT);
    const [unknownEnrolment] = await world.store([build.itemExperienced({ course, participant: { userId: daan.userId }, registration: randomUUID(), itemId: page.id, activeIntervals: [interval] })], at + 2, OTHER_CLIENT);

    await updateReadiness(world.deps)([own!, aboutSomeoneElse!, unknownEnrolment!]);
    const r = await record(daan);
    expect(r.state.pagesSeen).toEqual([page.id]);
    expect(r.creditedMinutes).toBe(1);
    expect(r.version).toBe(1);
    expect(await world.deps.readiness.get((unknownEnrolment!.context as { registration: string }).registration)).toBeUndefined();
  });
});

describe('the gate, raced', () => {
  it('is recorded by exactly one statement when two updaters apply the opening statement at once', async () => {
    const eva = await world.enrol('Eva Bakker');
    const sitting = walkthrough(eva, { startMs: START + 86_400_000 });
    const all = sitting.map((t) => ({ ...(t.statement as object), id: t.statement.id!, stored: new Date(t.at).toISOString() }) as StatementJson);
    const triggerAt = Date.parse(foldStatements(emptyProjection(), all, course).gateTrigger!.stored);
    // Her history up to the opening, projected in one go (the rebuild), to keep the test short.
    await storeOnly(sitting.filter((t) => t.at < triggerAt));
    await rebuildOne(world.deps)(eva.registration);
    const before = await record(eva);
    expect(before.gateOpen).toBe(false);

    const opening = await world.store(sitting.filter((t) => t.at === triggerAt).map((t) => t.statement), triggerAt);
    await Promise.all([updateReadiness(world.deps)(opening), updateReadiness(world.otherProcess())(opening), updateReadiness(world.otherProcess())(opening)]);

    const r = await record(eva);
    expect(r.gateOpen).toBe(true);
    // One of them wrote; the others found the statements applied already.
    expect(r.version).toBe(before.version + 1);
    const unlocked = await unlockedStatements(eva);
    expect(unlocked.map((s) => s.id)).toEqual([gateStatementId(eva.registration)]);
    expect(r.state.gateOpenedAt).toBe(unlocked[0]!.stored);

    await rebuildOne(world.deps)(eva.registration);
    expect(projected(await record(eva))).toEqual(projected(r));
  }, 300_000);
});

describe('exceptions that refold the enrolment', () => {
  let fien: Enrolment;
  const at = START + 2 * 86_400_000;
  const reflection = course.workMoments[0]!.items.find((i) => i.kind === 'reflection')!;
  if (reflection.kind !== 'reflection') throw new Error('fixture: the first work moment has a reflection');

  beforeAll(async () => {
    fien = await world.enrol('Fien');
  });

  it('a statement that arrives after a later-stored one: the record still equals the rebuild', async () => {
    const page = course.workMoments[0]!.items.find((i) => i.kind === 'page')!;
    const flush = (t: number) =>
      build.itemExperienced({ course, participant: { userId: fien.userId }, registration: fien.registration, itemId: page.id, sessionId: 'tab-1', timestamp: new Date(t).toISOString(), activeIntervals: [[new Date(t - 60_000).toISOString(), new Date(t).toISOString()]] });
    const [first] = await world.store([flush(at)], at);
    const [second] = await world.store([flush(at + 61_000)], at + 61_000);
    // The stream may hand them over in another order than they were stored.
    await updateReadiness(world.deps)(second!);
    await updateReadiness(world.deps)(first!);
    const incremental = await record(fien);
    expect(incremental.creditedMinutes).toBe(2);
    await rebuildOne(world.deps)(fien.registration);
    expect(projected(await record(fien))).toEqual(projected(incremental));
  });

  it('a voided statement: its evidence is taken back, as the rebuild does', async () => {
    const prompt = reflection.prompts[0]!;
    const t = at + 600_000;
    const [written] = await world.store(
      [build.reflectionWritten({ course, participant: { userId: fien.userId }, registration: fien.registration, itemId: reflection.id, promptId: prompt.id, text: longText(prompt.minWords + 3), activeIntervals: [[new Date(t - 60_000).toISOString(), new Date(t).toISOString()]] })],
      t,
    );
    await updateReadiness(world.deps)(written!);
    expect((await record(fien)).state.reflectionAnswers[reflection.id]).toEqual([prompt.id]);

    const voiding = { actor: { objectType: 'Agent' as const, account: { homePage: 'https://introductie-pg.nl', name: 'admin' } }, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef' as const, id: written!.id } };
    const [voided] = await world.store([voiding], t + 1000, OTHER_CLIENT);
    await updateReadiness(world.deps)(voided!);
    const incremental = await record(fien);
    expect(incremental.state.reflectionAnswers[reflection.id] ?? []).toEqual([]);
    await rebuildOne(world.deps)(fien.registration);
    expect(projected(await record(fien))).toEqual(projected(incremental));
  });
});

describe('the rebuild command', () => {
  it('builds the record of an enrolment whose statements were never projected, recording its open gate once', async () => {
    const gijs = await world.enrol('Gijs');
    await storeOnly(walkthrough(gijs, { startMs: START + 5 * 86_400_000 }));
    expect(await world.deps.readiness.get(gijs.registration)).toBeUndefined();

    await rebuildOne(world.deps)(gijs.registration);
    const first = await record(gijs);
    expect(first).toMatchObject({ status: 'ready', gateOpen: true, version: 1 });
    const unlocked = await unlockedStatements(gijs);
    expect(unlocked.map((s) => s.id)).toEqual([gateStatementId(gijs.registration)]);
    expect(first.state.gateOpenedAt).toBe(unlocked[0]!.stored);

    await rebuildOne(world.deps)(gijs.registration);
    expect(projected(await record(gijs))).toEqual(projected(first));
    expect(await unlockedStatements(gijs)).toHaveLength(1);
  }, 300_000);


  it('lists every enrolment of the course (no Scan) and rebuilds those with statements', async () => {
    const idle = await world.enrol('Nog niet begonnen');
    const summary = await rebuildReadiness(world.deps)();
    expect(summary.unknown).toBe(0);
    expect(summary.rebuilt).toBeGreaterThanOrEqual(4);
    expect(summary.empty).toBeGreaterThanOrEqual(1);
    expect(await world.deps.readiness.get(idle.registration)).toBeUndefined();
  });
});
