/**
 * The storage port of the three document resources (State, Activity Profile, Agent Profile) and of
 * the activities' canonical definitions. The services in this folder decide what to write and under
 * which condition; an adapter (functions/adapters/dynamodb/document-store.ts) does the I/O,
 * atomically per document. No AWS types cross this line.
 */
import type { ActivityDefinition } from '../statement-schema.js';

/** One State document: an Activity, an Agent (its IFI key), a registration or none, and the stateId. */
export interface StateDocumentKey {
  resource: 'state';
  activityId: string;
  /** The Agent's canonical IFI (agents.ts agentKey). */
  agent: string;
  /** Lowercase UUID, or null for the document stored without a registration. */
  registration: string | null;
  id: string;
}

export interface ActivityProfileKey {
  resource: 'activityProfile';
  activityId: string;
  id: string;
}

export interface AgentProfileKey {
  resource: 'agentProfile';
  agent: string;
  id: string;
}

export type DocumentKey = StateDocumentKey | ActivityProfileKey | AgentProfileKey;
export type DocumentResource = DocumentKey['resource'];

/**
 * The documents a multiple-document GET lists or a State DELETE without stateId removes. For State,
 * no registration means every registration: "all state data for this context (Activity + Agent
 * [+ registration if specified])" (Communication 2.3.s4, 2.3.s5).
 */
export type DocumentSet =
  | { resource: 'state'; activityId: string; agent: string; registration?: string }
  | { resource: 'activityProfile'; activityId: string }
  | { resource: 'agentProfile'; agent: string };

export interface DocumentContent {
  /** The Content-Type the client sent, as sent (parameters included). */
  contentType: string;
  /** The bytes as sent; stored and returned byte-exact. */
  content: Uint8Array;
}

export interface StoredDocument extends DocumentContent {
  /** Lowercase hex SHA-1 of `content`, unquoted. */
  etag: string;
  /** When it was last written, ISO 8601 UTC with milliseconds. */
  updated: string;
}

/**
 * A condition a write needs to hold, checked atomically with the write. Several conditions
 * together must all hold.
 */
export type WriteCondition =
  /** No document is stored under the key. */
  | { kind: 'absent' }
  /** A document is stored under the key. */
  | { kind: 'present' }
  /** A document is stored and its etag is one of these. */
  | { kind: 'etagIn'; etags: readonly string[] }
  /** No document is stored, or its etag is none of these. */
  | { kind: 'absentOrEtagNotIn'; etags: readonly string[] };

export interface DocumentIdEntry {
  id: string;
  updated: string;
}

export interface DocumentStore {
  /** The document, read strongly consistent; undefined when none is stored. */
  get(key: DocumentKey): Promise<StoredDocument | undefined>;
  /** Stores the document if every condition holds; false (nothing written) when one does not. */
  put(key: DocumentKey, document: StoredDocument, conditions: readonly WriteCondition[]): Promise<boolean>;
  /** Deletes the document if every condition holds; false when one does not. Deleting nothing is fine. */
  delete(key: DocumentKey, conditions: readonly WriteCondition[]): Promise<boolean>;
  /** The ids (with their updated time) of the set's documents, only those updated after `since` (exclusive) if given. */
  listIds(set: DocumentSet, since?: string): Promise<DocumentIdEntry[]>;
  /** Deletes every document of the set (State only). Not atomic across documents; each one goes whole. */
  deleteAll(set: DocumentSet): Promise<void>;
  /** The canonical definition of an Activity, as collected from stored statements; undefined if none. */
  activityDefinition(activityId: string): Promise<ActivityDefinition | undefined>;
}
