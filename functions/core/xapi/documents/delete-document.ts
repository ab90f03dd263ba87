/**
 * DELETE of one document, and (State only) of every document of a context. If-Match on a single
 * DELETE is checked atomically with it (3.1.s4.b7); deleting what is not there is a 204.
 */
import type { DocumentKey, DocumentSet, DocumentStore } from './document-store.js';
import { preconditionFailed } from './precondition-errors.js';
import { writeConditionsFor, type Preconditions } from './preconditions.js';

export const deleteDocument =
  (deps: { documents: DocumentStore }) =>
  async (input: { key: DocumentKey; preconditions: Preconditions }): Promise<void> => {
    const conditions = writeConditionsFor(input.preconditions);
    if (conditions === 'never' || !(await deps.documents.delete(input.key, conditions))) {
      throw preconditionFailed(input.key, input.preconditions);
    }
  };

/** Each document goes whole; a failure part-way leaves the rest, and a retry finishes the job. */
export const deleteDocuments =
  (deps: { documents: DocumentStore }) =>
  async (input: { set: DocumentSet }): Promise<void> => {
    await deps.documents.deleteAll(input.set);
  };
