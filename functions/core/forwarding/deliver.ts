/**
 * The forwarder's one operation: deliver one queued statement to one target, exactly once.
 * The delivery state (ports.ts) is claimed with a conditional write first, so two workers never
 * send the same statement at the same time and a delivered statement is never sent again; the
 * target LRS keeps the statement id (PUT ?statementId=), so even a send whose answer got lost is
 * harmless when repeated (same id, same content: a no-op, or a 409 that we count as delivered).
 *
 * The answer tells the queue what to do: `done` (remove the message) or `retry` after a delay,
 * during which later messages of the same group wait (order per participant).
 */
import { backoffDelayMs, type RetrySettings } from './backoff.js';
import { isForwardable } from './policy.js';
import type { DeliveryStateStore, ForwardingTargetStore, ForwardMessage, StatementSource, XapiSender } from './ports.js';

export interface DeliverDeps {
  targets: ForwardingTargetStore;
  deliveries: DeliveryStateStore;
  statements: StatementSource;
  sender: XapiSender;
  now: () => Date;
  retry: RetrySettings;
}

export type DeliveryDecision =
  | { kind: 'done'; outcome: 'delivered' | 'already-delivered' | 'dead-lettered' }
  | { kind: 'retry'; delayMs: number; reason: string };

export function deliverForward(deps: DeliverDeps) {
  return async (message: ForwardMessage): Promise<DeliveryDecision> => {
    const claim = await deps.deliveries.claim(message, { now: deps.now(), leaseMs: deps.retry.leaseMs });
    if (claim.kind === 'already-delivered') return { kind: 'done', outcome: 'already-delivered' };
    if (claim.kind === 'dead') return { kind: 'done', outcome: 'dead-lettered' };
    // Another worker is sending it right now: this copy waits (and keeps its group waiting).
    if (claim.kind === 'busy') return { kind: 'retry', delayMs: deps.retry.baseDelayMs, reason: 'another worker holds the delivery' };
    const attempts = claim.attempts;
    const deadLetter = async (error: string): Promise<DeliveryDecision> => {
      await deps.deliveries.markDead(message, { now: deps.now(), attempts, error });
      return { kind: 'done', outcome: 'dead-lettered' };
    };

    const target = await deps.targets.get(message.targetId);
    if (!target || !target.enabled) return deadLetter('the forwarding target is disabled or removed');
    const statement = await deps.statements.get(message.statementId);
    if (!statement) return deadLetter("the statement is no longer in the LRS (erased with the participant's data)");
    // Checked again at delivery: a filter may have narrowed since, and health data never leaves.
    if (!isForwardable(statement, target.filter)) return deadLetter('the statement may not be forwarded to this target');

    let outcome;
    try {
      outcome = await deps.sender.send(target, statement);
    } catch (error) {
      outcome = { kind: 'retryable' as const, reason: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.kind === 'delivered') {
      await deps.deliveries.markDelivered(message, { now: deps.now(), attempts });
      return { kind: 'done', outcome: 'delivered' };
    }
    if (outcome.kind === 'permanent' || attempts >= deps.retry.maxAttempts) return deadLetter(outcome.reason);
    await deps.deliveries.markFailed(message, { now: deps.now(), attempts, error: outcome.reason });
    return { kind: 'retry', delayMs: backoffDelayMs(attempts, deps.retry), reason: outcome.reason };
  };
}
