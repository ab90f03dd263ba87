/**
 * The ports of statement forwarding. The domain (this folder) never imports an adapter: the
 * composition root wires DynamoDB, SQS (AWS) or the local queue, and the HTTP sender.
 */
import type { StatementJson } from '../xapi/statement-store.js';
import type { ForwardingFilter } from './policy.js';

/** An accreditation body's external LRS, as stored (the secret never leaves through the API). */
export interface ForwardingTarget {
  targetId: string;
  /** Which accreditation body this endpoint belongs to (free text, e.g. "V&VN Kwaliteitsregister"). */
  accreditationBody: string;
  /** The xAPI endpoint, e.g. https://lrs.example.nl/xapi (without /statements). */
  endpoint: string;
  /** Basic key (user name) at the target LRS. */
  key: string;
  secret: string;
  filter: ForwardingFilter;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What the admin API shows of a target. */
export type ForwardingTargetView = Omit<ForwardingTarget, 'secret'> & { secretSet: true };

export interface ForwardingTargetStore {
  put(target: ForwardingTarget): Promise<void>;
  get(targetId: string): Promise<ForwardingTarget | undefined>;
  list(): Promise<ForwardingTarget[]>;
}

/** One statement for one target, in the queue. */
export interface ForwardMessage {
  targetId: string;
  statementId: string;
  /** The statement's time-ordered key: the order within a group. */
  seq: string;
  /** Messages of one group are delivered one after the other, in order (a participant at a target). */
  groupId: string;
  /** Set by a replay, so the queue does not drop the message as a duplicate of the first one. */
  replayedAt?: string;
}

export interface ForwardQueue {
  /** Idempotent per (targetId, statementId) within the queue's deduplication window. */
  enqueue(messages: readonly ForwardMessage[]): Promise<void>;
}

export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'dead';

export interface DeliveryState {
  targetId: string;
  statementId: string;
  status: DeliveryStatus;
  attempts: number;
  /** While `delivering`: until when the claim holds (a crashed worker's claim expires). */
  leaseUntil?: string;
  lastError?: string;
  updatedAt: string;
  /** Set when the state became `dead`. */
  deadAt?: string;
  groupId: string;
  seq: string;
}

/** The claim a worker holds on one delivery. */
export type ClaimResult =
  | { kind: 'claimed'; attempts: number }
  /** Another worker holds a live claim: leave the message for it. */
  | { kind: 'busy' }
  | { kind: 'already-delivered' }
  | { kind: 'dead' };

/**
 * Delivery state per (target, statement), written with conditions so two workers never both
 * deliver the same statement, and a delivered one is never sent again.
 */
export interface DeliveryStateStore {
  /** Takes the delivery for `leaseMs` unless delivered, dead, or claimed by a live lease. */
  claim(message: ForwardMessage, input: { now: Date; leaseMs: number }): Promise<ClaimResult>;
  /** Only the holder of the claim (same attempt number) may settle it. */
  markDelivered(message: ForwardMessage, input: { now: Date; attempts: number }): Promise<void>;
  markFailed(message: ForwardMessage, input: { now: Date; attempts: number; error: string }): Promise<void>;
  markDead(message: ForwardMessage, input: { now: Date; attempts: number; error: string }): Promise<void>;
  get(targetId: string, statementId: string): Promise<DeliveryState | undefined>;
  listDead(targetId: string): Promise<DeliveryState[]>;
  /** Dead → pending with attempts 0; false when it was not dead (any more). */
  revive(targetId: string, statementId: string, now: Date): Promise<boolean>;
}

export type SendOutcome =
  /** 2xx, or 409 (the target has that id already): nothing more to do. */
  | { kind: 'delivered'; status: number }
  /** Worth trying again later: network error, timeout, 408, 429, 5xx, 401/403 (credentials may be fixed). */
  | { kind: 'retryable'; reason: string }
  /** Will never succeed as it is: e.g. 400 or 413. */
  | { kind: 'permanent'; reason: string };

export interface XapiSender {
  /** PUT the statement under its own id. */
  send(target: ForwardingTarget, statement: StatementJson): Promise<SendOutcome>;
}

/** The statements to forward, by id (the module's own statement store). */
export interface StatementSource {
  get(statementId: string): Promise<StatementJson | undefined>;
}
