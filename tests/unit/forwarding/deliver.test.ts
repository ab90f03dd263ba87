/**
 * The forwarder's decisions: delivered once, retried with exponential backoff, dead-lettered after
 * the last attempt or at once when it can never succeed, replayed by the admin; health data and
 * disabled targets never reach the sender.
 */
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, type RetrySettings } from '../../../functions/core/forwarding/backoff.js';
import { deliverForward } from '../../../functions/core/forwarding/deliver.js';
import { replayDeadLetters } from '../../../functions/core/forwarding/replay.js';
import { enqueueForwarding, forwardGroupId } from '../../../functions/core/forwarding/enqueue.js';
import type { ForwardMessage, SendOutcome } from '../../../functions/core/forwarding/ports.js';
import { outcomeOf } from '../../../functions/adapters/http/xapi-sender.js';
import { ACTIVITY_TYPES, EXTENSIONS, VERBS } from '../../../functions/core/xapi/profile/vocabulary.js';
import type { StatementJson } from '../../../functions/core/xapi/statement-store.js';
import { memoryDeliveries, memoryQueue, memoryTargets, scriptedSender, targetFixture } from '../../support/memory-forwarding.js';

const retry: RetrySettings = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 5_000, leaseMs: 30_000 };

function completion(overrides: Partial<StatementJson> = {}): StatementJson {
  return {
    id: '3f0c6f0e-7a39-4b0e-9b8e-2f4f6c1d9a01',
    stored: '2026-03-01T10:00:00.000Z',
    actor: { objectType: 'Agent', account: { homePage: 'https://introductie-pg.nl', name: 'p1' } },
    verb: { id: VERBS.completed },
    object: { id: 'https://introductie-pg.nl/xapi/course/introductie', definition: { type: ACTIVITY_TYPES.course } },
    ...overrides,
  };
}

function world(script: SendOutcome[] = [], statements: StatementJson[] = [completion()], target = targetFixture()) {
  let clock = Date.parse('2026-03-01T10:00:00.000Z');
  const deps = {
    targets: memoryTargets([target]),
    deliveries: memoryDeliveries(),
    statements: { get: async (id: string) => statements.find((s) => s.id === id) },
    sender: scriptedSender(script),
    now: () => new Date(clock),
    retry,
  };
  const message: ForwardMessage = { targetId: target.targetId, statementId: statements[0]!.id, seq: '1', groupId: forwardGroupId(target.targetId, statements[0]!) };
  return { deps, message, deliver: deliverForward(deps), advance: (ms: number) => (clock += ms) };
}

const down: SendOutcome = { kind: 'retryable', reason: 'could not reach the target' };

describe('backoffDelayMs', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, retry))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    expect(backoffDelayMs(5_000, retry)).toBe(5_000);
  });
});

describe('deliverForward', () => {
  it('delivers once; the same message again does not reach the target a second time', async () => {
    const { deps, message, deliver } = world();
    expect(await deliver(message)).toEqual({ kind: 'done', outcome: 'delivered' });
    expect(await deliver(message)).toEqual({ kind: 'done', outcome: 'already-delivered' });
    expect(deps.sender.sent).toHaveLength(1);
    expect((await deps.deliveries.get(message.targetId, message.statementId))?.status).toBe('delivered');
  });

  it('retries with exponential backoff, then dead-letters after maxAttempts', async () => {
    const { deps, message, deliver } = world([down, down, down, down]);
    const decisions = [];
    for (let i = 0; i < retry.maxAttempts; i += 1) decisions.push(await deliver(message));
    expect(decisions).toEqual([
      { kind: 'retry', delayMs: 1_000, reason: down.reason },
      { kind: 'retry', delayMs: 2_000, reason: down.reason },
      { kind: 'retry', delayMs: 4_000, reason: down.reason },
      { kind: 'done', outcome: 'dead-lettered' },
    ]);
    expect(deps.sender.sent).toHaveLength(4);
    expect(await deps.deliveries.listDead(message.targetId)).toEqual([expect.objectContaining({ statementId: message.statementId, attempts: 4, lastError: down.reason })]);
    // Dead stays dead until replayed.
    expect(await deliver(message)).toEqual({ kind: 'done', outcome: 'dead-lettered' });
    expect(deps.sender.sent).toHaveLength(4);
  });

  it('dead-letters at once what can never succeed (e.g. 400), and counts 409 as delivered', async () => {
    const bad = world([outcomeOf(400, 'bad statement')]);
    expect(await bad.deliver(bad.message)).toEqual({ kind: 'done', outcome: 'dead-lettered' });
    const there = world([outcomeOf(409)]);
    expect(await there.deliver(there.message)).toEqual({ kind: 'done', outcome: 'delivered' });
  });

  it('replays a dead letter: back in the queue, fresh attempts, then delivered', async () => {
    const { deps, message, deliver } = world([down, down, down, down]);
    for (let i = 0; i < retry.maxAttempts; i += 1) await deliver(message);
    const queue = memoryQueue();
    const replayed = await replayDeadLetters({ deliveries: deps.deliveries, queue, now: deps.now })(message.targetId);
    expect(replayed).toEqual([message.statementId]);
    expect(queue.messages).toEqual([{ ...message, replayedAt: deps.now().toISOString() }]);
    expect(await deliver(queue.messages[0]!)).toEqual({ kind: 'done', outcome: 'delivered' });
    expect(await deps.deliveries.listDead(message.targetId)).toEqual([]);
  });

  it('leaves a delivery another worker holds, and takes it over when that worker\'s lease ran out', async () => {
    const { deps, message, deliver, advance } = world();
    await deps.deliveries.claim(message, { now: deps.now(), leaseMs: retry.leaseMs });
    expect(await deliver(message)).toMatchObject({ kind: 'retry' });
    expect(deps.sender.sent).toHaveLength(0);
    advance(retry.leaseMs + 1);
    expect(await deliver(message)).toEqual({ kind: 'done', outcome: 'delivered' });
    // The stale holder's late settlement changes nothing.
    await deps.deliveries.markFailed(message, { now: deps.now(), attempts: 1, error: 'late' });
    expect((await deps.deliveries.get(message.targetId, message.statementId))?.status).toBe('delivered');
  });

  it('never sends health data, nor to a disabled target', async () => {
    const health = world([], [completion({ result: { extensions: { [EXTENSIONS.spinnenwebScores]: { lichaam: 6 } } } })]);
    expect(await health.deliver(health.message)).toEqual({ kind: 'done', outcome: 'dead-lettered' });
    expect(health.deps.sender.sent).toEqual([]);
    const disabled = world([], [completion()], targetFixture({ enabled: false }));
    expect(await disabled.deliver(disabled.message)).toEqual({ kind: 'done', outcome: 'dead-lettered' });
    expect(disabled.deps.sender.sent).toEqual([]);
  });

  it('treats a sender that throws like an unreachable target', async () => {
    const { deps, message } = world();
    const deliver = deliverForward({ ...deps, sender: { send: () => Promise.reject(new Error('socket hang up')) } });
    expect(await deliver(message)).toEqual({ kind: 'retry', delayMs: 1_000, reason: 'socket hang up' });
  });
});

describe('outcomeOf', () => {
  it('maps the target\'s answers', () => {
    expect(outcomeOf(204).kind).toBe('delivered');
    expect(outcomeOf(200).kind).toBe('delivered');
    expect(outcomeOf(409).kind).toBe('delivered');
    for (const status of [401, 403, 408, 429, 500, 502, 503]) expect(outcomeOf(status).kind).toBe('retryable');
    for (const status of [400, 404, 413]) expect(outcomeOf(status).kind).toBe('permanent');
  });
});

describe('enqueueForwarding', () => {
  it('queues accreditation statements per enabled target, one group per participant, nothing else', async () => {
    const other = completion({ id: '9d3c1b7a-2b55-4c1e-8f0a-6e1d2c3b4a50', actor: { objectType: 'Agent', mbox: 'mailto:p2@example.nl' } });
    const spinnenweb = completion({ id: '1a2b3c4d-0000-4000-8000-000000000001', verb: { id: VERBS.completed }, object: { id: 'https://x/sw', definition: { type: ACTIVITY_TYPES.spinnenweb } } });
    const targets = memoryTargets([targetFixture(), targetFixture({ targetId: 'off', enabled: false })]);
    const queue = memoryQueue();
    const messages = await enqueueForwarding({ targets, queue })([
      { statement: completion(), seq: 'a' },
      { statement: spinnenweb, seq: 'b' },
      { statement: other, seq: 'c' },
    ]);
    expect(messages.map((m) => [m.targetId, m.statementId])).toEqual([
      ['target-1', completion().id],
      ['target-1', other.id],
    ]);
    expect(messages[0]!.groupId).not.toBe(messages[1]!.groupId);
    expect(messages[0]!.groupId).toMatch(/^[0-9a-f]{64}$/);
    expect(queue.messages).toEqual(messages);
  });
});
