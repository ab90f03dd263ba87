/**
 * GET without stateId / profileId: the ids of the documents of a context, optionally only those
 * updated after `since` (exclusive), with the most recent update for the Last-Modified header
 * (2.2.s6.b2).
 */
import type { DocumentSet, DocumentStore } from './document-store.js';

export interface DocumentIdList {
  ids: string[];
  /** The most recent `updated` among the listed documents; undefined for an empty list. */
  lastModified?: string;
}

export const listDocumentIds =
  (deps: { documents: DocumentStore }) =>
  async (input: { set: DocumentSet; since?: string | undefined }): Promise<DocumentIdList> => {
    const entries = await deps.documents.listIds(input.set, input.since);
    const lastModified = entries.reduce<string | undefined>((latest, entry) => (latest === undefined || entry.updated > latest ? entry.updated : latest), undefined);
    return { ids: entries.map((entry) => entry.id), ...(lastModified ? { lastModified } : {}) };
  };
