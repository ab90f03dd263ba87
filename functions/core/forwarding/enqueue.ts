/**
 * The stream side of forwarding: every newly stored statement that an enabled target may receive
 * becomes one queue message per target. Messages of one participant at one target share a group,
 * so they are delivered in stored order.
 */
import { createHash } from 'node:crypto';
import { agentKey, type Identifiable } from '../xapi/agents.js';
import type { StatementJson } from '../xapi/statement-store.js';
import { isForwardable } from './policy.js';
import type { ForwardingTargetStore, ForwardMessage, ForwardQueue } from './ports.js';

export interface EnqueueDeps {
  targets: ForwardingTargetStore;
  queue: ForwardQueue;
}

/** `statements` in stored order (by seq). Returns the messages enqueued. */
export function enqueueForwarding(deps: EnqueueDeps) {
  return async (statements: ReadonlyArray<{ statement: StatementJson; seq: string }>): Promise<ForwardMessage[]> => {
    if (statements.length === 0) return [];
    const targets = (await deps.targets.list()).filter((t) => t.enabled);
    const messages: ForwardMessage[] = [];
    for (const { statement, seq } of statements) {
      for (const target of targets) {
        if (!isForwardable(statement, target.filter)) continue;
        messages.push({ targetId: target.targetId, statementId: statement.id, seq, groupId: forwardGroupId(target.targetId, statement) });
      }
    }
    if (messages.length > 0) await deps.queue.enqueue(messages);
    return messages;
  };
}

/**
 * One group per participant at one target: the actor's identifier (else the registration). Hashed:
 * an SQS message group id holds at most 128 characters and must not carry personal data.
 */
export function forwardGroupId(targetId: string, statement: StatementJson): string {
  const actor = typeof statement.actor === 'object' && statement.actor !== null ? agentKey(statement.actor as Identifiable) : undefined;
  const context = statement.context as { registration?: unknown } | undefined;
  const participant = actor ?? (typeof context?.registration === 'string' ? `registration:${context.registration}` : `statement:${statement.id}`);
  return createHash('sha256').update(`${targetId}|${participant}`).digest('hex');
}
