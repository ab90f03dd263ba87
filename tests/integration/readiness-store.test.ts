/**
 * The DynamoDB adapter of the readiness port on DynamoDB Local: a record round-trips exactly; a
 * write on a stale version loses with ReadinessVersionConflict; a coach's list by status is one
 * index Query without the state; the course's registrations come from the enrolment roster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createEnrolmentStore } from '../../functions/adapters/dynamodb/enrolment-store.js';
import { createReadinessStore } from '../../functions/adapters/dynamodb/readiness-store.js';
import { MalformedItemError } from '../../functions/adapters/dynamodb/auth-store-errors.js';
import { loadCourse } from '../../functions/core/course/load.js';
import { ReadinessVersionConflict, type ReadinessRecord, type ReadinessStore } from '../../functions/core/readiness/ports.js';
import { blankRecord } from '../../functions/core/readiness/update-readiness.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';

const course = loadCourse();
let table: TestTable;
let store: ReadinessStore;

beforeAll(async () => {
  table = await createTestTable();
  store = createReadinessStore({ doc: table.doc, tableName: table.tableName });
});
afterAll(() => table?.drop());

function aRecord(overrides: Partial<ReadinessRecord> = {}): ReadinessRecord {
  const base = blankRecord({ registration: randomUUID(), userId: `user-${randomUUID()}`, courseId: course.id, participantName: 'Carla Jansen' }, course, new Date('2026-11-02T09:00:00Z'));
  return { ...base, ...overrides };
}

describe('get and put', () => {
  it('round-trips a record, and the version counts the writes', async () => {
    const record = aRecord({
      coachId: 'coach-anna',
      booking: { kind: 'slot', form: 'inspiratiesessie', slotId: 'slot-1', startsAt: '2026-12-01T13:00:00.000Z', bookedAt: '2026-11-20T10:00:00.000Z' },
      status: 'scheduled',
      applied: { newestStored: '2026-11-02T09:00:00.000Z', recent: [[randomUUID(), '2026-11-02T09:00:00.000Z']], forgottenThrough: null },
    });
    await store.put(record, null);
    expect(await store.get(record.registration)).toEqual({ ...record, version: 1 });
    await store.put({ ...record, creditedMinutes: 12 }, 1);
    expect(await store.get(record.registration)).toMatchObject({ creditedMinutes: 12, version: 2 });
    expect(await store.get(randomUUID())).toBeUndefined();
  });

  it('refuses a write on a version that is no longer current, and a second create', async () => {
    const record = aRecord();
    await store.put(record, null);
    await expect(store.put(record, null)).rejects.toBeInstanceOf(ReadinessVersionConflict);
    await store.put(record, 1);
    await expect(store.put({ ...record, creditedMinutes: 99 }, 1)).rejects.toBeInstanceOf(ReadinessVersionConflict);
    expect((await store.get(record.registration))?.creditedMinutes).toBe(0);
  });

  it('keeps the state out of the coach index: it lives in an item of its own', async () => {
    const record = aRecord({ coachId: 'coach-size' });
    await store.put(record, null);
    const summary = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `READINESS#${record.registration}`, sk: 'READINESS' } }));
    expect(summary.Item).toMatchObject({ gsi1pk: 'COACH#coach-size', gsi1sk: `in_progress#carla jansen#${record.registration}`, version: 1 });
    expect(summary.Item?.state).toBeUndefined();
  });

  it('says so when a stored item has another shape', async () => {
    const record = aRecord();
    await store.put(record, null);
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { pk: `READINESS#${record.registration}`, sk: 'STATE', state: '{"registration":', applied: '{}', version: 1 } }));
    await expect(store.get(record.registration)).rejects.toBeInstanceOf(MalformedItemError);
  });
});

describe("a coach's list", () => {
  it('is one Query by coach, optionally by status, ordered by name, without the state', async () => {
    const coachId = `coach-${randomUUID()}`;
    const records = [
      aRecord({ coachId, participantName: 'Bram', status: 'ready', gateOpen: true }),
      aRecord({ coachId, participantName: 'anna', status: 'ready', gateOpen: true }),
      aRecord({ coachId, participantName: 'Cees', status: 'in_progress' }),
      aRecord({ coachId: null, participantName: 'Dirk', status: 'ready' }),
    ];
    for (const record of records) await store.put(record, null);
    const ready = await store.listForCoach(coachId, { status: 'ready' });
    expect(ready.map((r) => r.participantName)).toEqual(['anna', 'Bram']);
    expect(ready[0]).not.toHaveProperty('state');
    expect(ready[0]).toMatchObject({ coachId, status: 'ready', gateOpen: true, version: 1 });
    expect((await store.listForCoach(coachId)).map((r) => r.participantName)).toEqual(['Cees', 'anna', 'Bram']);
    expect((await store.listForCoach('unassigned', { status: 'ready' })).map((r) => r.participantName)).toContain('Dirk');
  });
});

describe('registrations of a course', () => {
  it('lists every enrolment from the roster the enrolment store writes, once each', async () => {
    const enrolments = createEnrolmentStore({ doc: table.doc, tableName: table.tableName });
    const courseId = `course-${randomUUID()}`;
    const created = [];
    for (let i = 0; i < 30; i++) {
      created.push((await enrolments.createOrGet({ userId: `user-${i}`, courseId, courseVersion: 'v1', registration: randomUUID(), createdAt: new Date().toISOString() })).registration);
    }
    // A second first visit of the same user adds no second roster entry.
    await enrolments.createOrGet({ userId: 'user-0', courseId, courseVersion: 'v1', registration: randomUUID(), createdAt: new Date().toISOString() });
    const listed: string[] = [];
    for await (const registration of store.listRegistrations(courseId)) listed.push(registration);
    expect(listed.sort()).toEqual(created.sort());
  });
});
