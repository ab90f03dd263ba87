/**
 * The items of the document store (used by document-store.ts and activity-definition-writer.ts):
 *
 * | item                | pk                                   | sk                                  |
 * |---------------------|--------------------------------------|-------------------------------------|
 * | state document      | `STATE#<activityId>\|<agent IFI>`     | `<registration or ->\|<stateId>`     |
 * | activity profile    | `ACTIVITY#<activityId>`              | `PROFILE\|<profileId>`               |
 * | agent profile       | `AGENT#<agent IFI>`                  | `PROFILE\|<profileId>`               |
 * | activity definition | `ACTIVITY#<activityId>`              | `DEFINITION`                        |
 *
 * A document item holds `documentId`, `contentType`, `content` (binary, byte-exact), `etag` (hex
 * SHA-1 of content), `updated` (ISO 8601), and the context it belongs to (`activityId`, `agent`,
 * `registration`) for whoever reads the table. An Activity id is an IRI and holds no "|", so the
 * State partition key splits unambiguously.
 *
 * DynamoDB caps a partition key at 2048 bytes and a sort key at 1024: longer values are replaced by
 * their SHA-256 under a prefix of their own (`STATEH#`, `ACTIVITYH#`, `AGENTH#`; sort keys
 * `<prefix>#<sha256>` instead of `<prefix>|<id>`), so a hashed key never equals a literal one. The
 * real ids stay in the item's attributes.
 */
import { createHash } from 'node:crypto';
import type { DocumentKey, DocumentSet, StoredDocument } from '../../core/xapi/documents/document-store.js';

export type Item = Record<string, unknown>;
export type Key = { pk: string; sk: string };

const MAX_PARTITION_KEY_BYTES = 2048;
const MAX_SORT_KEY_BYTES = 1024;
const NO_REGISTRATION = '-';
const PROFILE_SK_PREFIX = 'PROFILE';
export const DEFINITION_SK = 'DEFINITION';

/** A stored item does not have the shape this adapter writes: a bug or a manual edit (a 500). */
export class MalformedDocumentItemError extends Error {
  override readonly name = 'MalformedDocumentItemError';
  constructor(key: string, problem: string) {
    super(`Stored document item ${key} is malformed: ${problem}.`);
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

function partitionKey(prefix: string, value: string): string {
  const literal = `${prefix}#${value}`;
  return byteLength(literal) <= MAX_PARTITION_KEY_BYTES ? literal : `${prefix}H#${sha256(value)}`;
}

function sortKey(prefix: string, id: string): string {
  const literal = `${prefix}|${id}`;
  return byteLength(literal) <= MAX_SORT_KEY_BYTES ? literal : `${prefix}#${sha256(id)}`;
}

export function activityPk(activityId: string): string {
  return partitionKey('ACTIVITY', activityId);
}

function statePk(activityId: string, agent: string): string {
  return partitionKey('STATE', `${activityId}|${agent}`);
}

function agentPk(agent: string): string {
  return partitionKey('AGENT', agent);
}

export function documentItemKey(key: DocumentKey): Key {
  switch (key.resource) {
    case 'state':
      return { pk: statePk(key.activityId, key.agent), sk: sortKey(key.registration ?? NO_REGISTRATION, key.id) };
    case 'activityProfile':
      return { pk: activityPk(key.activityId), sk: sortKey(PROFILE_SK_PREFIX, key.id) };
    case 'agentProfile':
      return { pk: agentPk(key.agent), sk: sortKey(PROFILE_SK_PREFIX, key.id) };
  }
}

/**
 * The partition of a set and the sort key prefix its documents share. A registration is a UUID of
 * fixed length and `-` starts none, so one registration's prefix never matches another's.
 */
export function documentSetQuery(set: DocumentSet): { pk: string; skPrefix?: string } {
  switch (set.resource) {
    case 'state':
      return { pk: statePk(set.activityId, set.agent), ...(set.registration ? { skPrefix: set.registration } : {}) };
    case 'activityProfile':
      return { pk: activityPk(set.activityId), skPrefix: PROFILE_SK_PREFIX };
    case 'agentProfile':
      return { pk: agentPk(set.agent), skPrefix: PROFILE_SK_PREFIX };
  }
}

function contextAttributes(key: DocumentKey): Item {
  switch (key.resource) {
    case 'state':
      return { activityId: key.activityId, agent: key.agent, ...(key.registration ? { registration: key.registration } : {}) };
    case 'activityProfile':
      return { activityId: key.activityId };
    case 'agentProfile':
      return { agent: key.agent };
  }
}

export function toDocumentItem(key: DocumentKey, document: StoredDocument): Item {
  return {
    ...documentItemKey(key),
    documentId: key.id,
    ...contextAttributes(key),
    contentType: document.contentType,
    content: document.content,
    etag: document.etag,
    updated: document.updated,
  };
}

export function toStoredDocument(item: Item): StoredDocument {
  const where = `${String(item.pk)}/${String(item.sk)}`;
  const { contentType, content, etag, updated } = item;
  if (typeof contentType !== 'string') throw new MalformedDocumentItemError(where, 'contentType is not a string');
  if (!(content instanceof Uint8Array)) throw new MalformedDocumentItemError(where, 'content is not binary');
  if (typeof etag !== 'string') throw new MalformedDocumentItemError(where, 'etag is not a string');
  if (typeof updated !== 'string') throw new MalformedDocumentItemError(where, 'updated is not a string');
  return { contentType, content: Buffer.from(content.buffer, content.byteOffset, content.byteLength), etag, updated };
}

export function toDocumentIdEntry(item: Item): { id: string; updated: string } {
  const { documentId, updated } = item;
  if (typeof documentId !== 'string' || typeof updated !== 'string') {
    throw new MalformedDocumentItemError(`${String(item.pk)}/${String(item.sk)}`, 'documentId or updated is not a string');
  }
  return { id: documentId, updated };
}

/** An item's size as DynamoDB counts it: attribute names plus values (strings UTF-8, binary raw). */
export function itemBytes(item: Item): number {
  let total = 0;
  for (const [name, value] of Object.entries(item)) {
    total += byteLength(name);
    if (typeof value === 'string') total += byteLength(value);
    else if (value instanceof Uint8Array) total += value.byteLength;
    else total += byteLength(JSON.stringify(value) ?? '');
  }
  return total;
}
