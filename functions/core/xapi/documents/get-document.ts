/** GET (and HEAD) of one document: its bytes, content type, ETag and last modification. */
import { NotFoundError } from '../../errors.js';
import { documentLabel } from './document-labels.js';
import type { DocumentKey, DocumentStore, StoredDocument } from './document-store.js';

export const getDocument =
  (deps: { documents: DocumentStore }) =>
  async (key: DocumentKey): Promise<StoredDocument> => {
    const document = await deps.documents.get(key);
    if (!document) throw new NotFoundError(`No ${documentLabel(key)} is stored.`);
    return document;
  };
