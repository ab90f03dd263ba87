/** In-memory fakes of the forwarding ports, with the DynamoDB adapters' semantics, for unit tests. */
import type { StatementJson } from '../../functions/core/xapi/statement-store.js';
import type {
  DeliveryState,
  DeliveryStateStore,
  ForwardingTarget,
  ForwardingTargetStore,
  ForwardMessage,
  ForwardQueue,
  SendOutcome,
  XapiSender,
} from '../../functions/core/forwarding/ports.js';

export function memoryTargets(targets: ForwardingTarget[] = []): ForwardingTargetStore {
  const byId = new Map(targets.map((t) => [t.targetId, t]));
  return {
    put: async (t) => void byId.set(t.targetId, t),
    get: async (id) => byId.get(id),
    list: async () => [...byId.values()],
  };
}

export function memoryDeliveries(): DeliveryStateStore & { states: Map<string, DeliveryState> } {
  const states = new Map<string, DeliveryState>();
  const key = (t: string, s: string) => `${t}|${s}`;
  const settle = (m: ForwardMessage, attempts: number, change: Partial<DeliveryState>) => {
    const state = states.get(key(m.targetId, m.statementId));
    if (!state || state.status !== 'delivering' || state.attempts !== attempts) return;
    const { leaseUntil: _l, ...rest } = state;
    states.set(key(m.targetId, m.statementId), { ...rest, ...change });
  };
  return {
    states,
    async claim(m, { now, leaseMs }) {
      const state = states.get(key(m.targetId, m.statementId));
      if (state?.status === 'delivered') return { kind: 'already-delivered' };
      if (state?.status === 'dead') return { kind: 'dead' };
      if (state?.status === 'delivering' && state.leaseUntil! >= now.toISOString()) return { kind: 'busy' };
      const attempts = (state?.attempts ?? 0) + 1;
      states.set(key(m.targetId, m.statementId), {
        targetId: m.targetId,
        statementId: m.statementId,
        groupId: m.groupId,
        seq: m.seq,
        status: 'delivering',
        attempts,
        leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
        updatedAt: now.toISOString(),
      });
      return { kind: 'claimed', attempts };
    },
    markDelivered: async (m, { now, attempts }) => settle(m, attempts, { status: 'delivered', updatedAt: now.toISOString() }),
    markFailed: async (m, { now, attempts, error }) => settle(m, attempts, { status: 'pending', lastError: error, updatedAt: now.toISOString() }),
    markDead: async (m, { now, attempts, error }) => settle(m, attempts, { status: 'dead', lastError: error, deadAt: now.toISOString(), updatedAt: now.toISOString() }),
    get: async (t, s) => states.get(key(t, s)),
    listDead: async (t) => [...states.values()].filter((s) => s.targetId === t && s.status === 'dead'),
    async revive(t, s, now) {
      const state = states.get(key(t, s));
      if (state?.status !== 'dead') return false;
      const { deadAt: _d, ...rest } = state;
      states.set(key(t, s), { ...rest, status: 'pending', attempts: 0, updatedAt: now.toISOString() });
      return true;
    },
  };
}

export function memoryQueue(): ForwardQueue & { messages: ForwardMessage[] } {
  const messages: ForwardMessage[] = [];
  return { messages, enqueue: async (m) => void messages.push(...m) };
}

/** A sender that answers from a script (then `fallback`), recording what it was sent. */
export function scriptedSender(script: SendOutcome[], fallback: SendOutcome = { kind: 'delivered', status: 204 }): XapiSender & { sent: StatementJson[] } {
  const sent: StatementJson[] = [];
  return {
    sent,
    async send(_target, statement) {
      sent.push(statement);
      return script.shift() ?? fallback;
    },
  };
}

export function targetFixture(overrides: Partial<ForwardingTarget> = {}): ForwardingTarget {
  return {
    targetId: 'target-1',
    accreditationBody: 'Kwaliteitsregister',
    endpoint: 'https://lrs.example.nl/xapi',
    key: 'key',
    secret: 'secret-secret-secret',
    filter: { verbs: [], activityTypes: [] },
    enabled: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
