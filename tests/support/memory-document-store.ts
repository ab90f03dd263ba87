/**
 * An in-memory DocumentStore for the services' unit tests: the port's contract (conditions checked
 * with the write, nothing written when one fails) without DynamoDB.
 */
import type {
  DocumentIdEntry,
  DocumentKey,
  DocumentSet,
  DocumentStore,
  StoredDocument,
  WriteCondition,
} from '../../functions/core/xapi/documents/document-store.js';
import type { ActivityDefinition } from '../../functions/core/xapi/statement-schema.js';

export interface MemoryDocumentStore extends DocumentStore {
  documents: Map<string, { key: DocumentKey; document: StoredDocument }>;
  definitions: Map<string, ActivityDefinition>;
  /** Runs before every put, e.g. to simulate another writer getting in between. */
  beforePut?: () => void;
}

export function documentKeyString(key: DocumentKey): string {
  return JSON.stringify(key);
}

function holds(condition: WriteCondition, stored: StoredDocument | undefined): boolean {
  switch (condition.kind) {
    case 'absent':
      return stored === undefined;
    case 'present':
      return stored !== undefined;
    case 'etagIn':
      return stored !== undefined && condition.etags.includes(stored.etag);
    case 'absentOrEtagNotIn':
      return stored === undefined || !condition.etags.includes(stored.etag);
  }
}

function inSet(key: DocumentKey, set: DocumentSet): boolean {
  if (key.resource !== set.resource) return false;
  if (key.resource === 'state' && set.resource === 'state') {
    return key.activityId === set.activityId && key.agent === set.agent && (set.registration === undefined || key.registration === set.registration);
  }
  if (key.resource === 'activityProfile' && set.resource === 'activityProfile') return key.activityId === set.activityId;
  if (key.resource === 'agentProfile' && set.resource === 'agentProfile') return key.agent === set.agent;
  return false;
}

export function createMemoryDocumentStore(): MemoryDocumentStore {
  const store: MemoryDocumentStore = {
    documents: new Map(),
    definitions: new Map(),
    async get(key) {
      return store.documents.get(documentKeyString(key))?.document;
    },
    async put(key, document, conditions) {
      store.beforePut?.();
      const stored = store.documents.get(documentKeyString(key))?.document;
      if (!conditions.every((condition) => holds(condition, stored))) return false;
      store.documents.set(documentKeyString(key), { key, document });
      return true;
    },
    async delete(key, conditions) {
      const stored = store.documents.get(documentKeyString(key))?.document;
      if (!conditions.every((condition) => holds(condition, stored))) return false;
      store.documents.delete(documentKeyString(key));
      return true;
    },
    async listIds(set, since) {
      const entries: DocumentIdEntry[] = [];
      for (const { key, document } of store.documents.values()) {
        if (inSet(key, set) && (since === undefined || document.updated > since)) entries.push({ id: key.id, updated: document.updated });
      }
      return entries;
    },
    async deleteAll(set) {
      for (const [id, { key }] of store.documents) if (inSet(key, set)) store.documents.delete(id);
    },
    async activityDefinition(activityId) {
      return store.definitions.get(activityId);
    },
  };
  return store;
}
