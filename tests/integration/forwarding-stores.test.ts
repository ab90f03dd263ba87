/**
 * The forwarding adapters on DynamoDB Local: the delivery state's conditional writes under racing
 * workers, dead letters and replay, the target store, and the local queue's FIFO behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryStateStore } from '../../functions/adapters/dynamodb/delivery-state-store.js';
import { createForwardingTargetStore } from '../../functions/adapters/dynamodb/forwarding-target-store.js';
import { createLocalForwardQueue } from '../../functions/adapters/dynamodb/local-forward-queue.js';
import type { ForwardMessage } from '../../functions/core/forwarding/ports.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { targetFixture } from '../support/memory-forwarding.js';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable(undefined, { stream: false });
});
afterAll(async () => {
  await table?.drop();
});

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
let n = 0;
function message(overrides: Partial<ForwardMessage> = {}): ForwardMessage {
  n += 1;
  return { targetId: 'target-1', statementId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, seq: String(n).padStart(6, '0'), groupId: 'g1', ...overrides };
}

describe('delivery state store', () => {
  const store = () => createDeliveryStateStore({ doc: table.doc, tableName: table.tableName });

  it('lets exactly one of many racing workers claim a delivery', async () => {
    const m = message();
    const results = await Promise.all(Array.from({ length: 16 }, () => store().claim(m, { now: T0, leaseMs: 60_000 })));
    expect(results.filter((r) => r.kind === 'claimed')).toEqual([{ kind: 'claimed', attempts: 1 }]);
    expect(results.filter((r) => r.kind === 'busy')).toHaveLength(15);
  });

  it('never claims a delivered statement again, even when racing after the lease', async () => {
    const m = message();
    const s = store();
    const claim = await s.claim(m, { now: T0, leaseMs: 1_000 });
    expect(claim).toEqual({ kind: 'claimed', attempts: 1 });
    await s.markDelivered(m, { now: T0, attempts: 1 });
    const later = await Promise.all(Array.from({ length: 8 }, () => store().claim(m, { now: at(10_000), leaseMs: 1_000 })));
    expect(later.every((r) => r.kind === 'already-delivered')).toBe(true);
    expect(await s.get(m.targetId, m.statementId)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('hands an expired lease to exactly one new worker, and ignores the old holder\'s late settlement', async () => {
    const m = message();
    const s = store();
    await s.claim(m, { now: T0, leaseMs: 1_000 });
    const racing = await Promise.all(Array.from({ length: 8 }, () => store().claim(m, { now: at(5_000), leaseMs: 1_000 })));
    expect(racing.filter((r) => r.kind === 'claimed')).toEqual([{ kind: 'claimed', attempts: 2 }]);
    await s.markDelivered(m, { now: at(5_100), attempts: 1 });
    expect((await s.get(m.targetId, m.statementId))?.status).toBe('delivering');
    await s.markFailed(m, { now: at(5_200), attempts: 2, error: 'HTTP 503' });
    expect(await s.get(m.targetId, m.statementId)).toMatchObject({ status: 'pending', attempts: 2, lastError: 'HTTP 503' });
  });

  it('lists dead letters of a target and revives each once', async () => {
    const m = message({ targetId: 'target-dead' });
    const s = store();
    await s.claim(m, { now: T0, leaseMs: 1_000 });
    await s.markDead(m, { now: T0, attempts: 1, error: 'HTTP 400' });
    expect(await s.claim(m, { now: at(1), leaseMs: 1_000 })).toEqual({ kind: 'dead' });
    expect(await s.listDead('target-dead')).toEqual([expect.objectContaining({ statementId: m.statementId, lastError: 'HTTP 400', groupId: 'g1', seq: m.seq })]);
    const revived = await Promise.all([s.revive('target-dead', m.statementId, at(2)), s.revive('target-dead', m.statementId, at(2))]);
    expect(revived.filter(Boolean)).toHaveLength(1);
    expect(await s.get('target-dead', m.statementId)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await s.listDead('target-dead')).toEqual([]);
    expect(await s.claim(m, { now: at(3), leaseMs: 1_000 })).toEqual({ kind: 'claimed', attempts: 1 });
  });
});

describe('forwarding target store', () => {
  it('stores and lists targets with their filter', async () => {
    const store = createForwardingTargetStore({ doc: table.doc, tableName: table.tableName });
    const target = targetFixture({ targetId: 'tgt-a', filter: { verbs: ['http://adlnet.gov/expapi/verbs/completed'], activityTypes: [] } });
    await store.put(target);
    expect(await store.get('tgt-a')).toEqual(target);
    expect(await store.list()).toContainEqual(target);
    expect(await store.get('nope')).toBeUndefined();
  });
});

describe('local forwarding queue', () => {
  it('hands out the head of each group only, keeps a delayed group waiting, and drops duplicates', async () => {
    let now = T0;
    const queue = createLocalForwardQueue({ doc: table.doc, tableName: table.tableName, now: () => now });
    const a1 = message({ groupId: 'qa', seq: '001' });
    const a2 = message({ groupId: 'qa', seq: '002' });
    const b1 = message({ groupId: 'qb', seq: '001' });
    await queue.enqueue([a2, a1, b1]);
    await queue.enqueue([a1]);
    expect(await queue.size()).toBe(3);
    let heads = await queue.receiveHeads(now);
    expect(heads.map((h) => h.message)).toEqual([a1, b1]);
    await queue.delay(heads[0]!.handle, at(10_000));
    heads = await queue.receiveHeads(now);
    expect(heads.map((h) => h.message)).toEqual([b1]);
    await queue.delete(heads[0]!.handle);
    now = at(10_000);
    heads = await queue.receiveHeads(now);
    expect(heads.map((h) => h.message)).toEqual([a1]);
    await queue.delete(heads[0]!.handle);
    expect((await queue.receiveHeads(now)).map((h) => h.message)).toEqual([a2]);
  });
});
