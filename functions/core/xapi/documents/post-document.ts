/**
 * POST of a document (Communication 2.2.s7, s8): stores it when none exists (as a PUT would);
 * merges it into the stored one when both are JSON Objects sent as application/json; a 400
 * otherwise, changing nothing.
 *
 * The merge reads, merges and writes on the condition that the stored document is still the one
 * read (its ETag, or its absence), so concurrent POSTs never lose each other's properties: the
 * loser reads again and merges again. If-Match / If-None-Match hold for every attempt (3.1.s4.b7, b8).
 */
import { ConflictError } from '../../errors.js';
import { retryPause } from '../../retry-pause.js';
import { documentLabel } from './document-labels.js';
import type { WriteCondition } from './document-store.js';
import { assertPostableJson, mergeJsonDocuments } from './json-documents.js';
import { assertDocumentSize } from './limits.js';
import { preconditionFailed } from './precondition-errors.js';
import { preconditionsHold, writeConditionsFor } from './preconditions.js';
import { toStoredDocument, type WriteDocumentDeps, type WriteDocumentInput } from './put-document.js';

/** Enough for a handful of writers racing on one document; each loser pauses (jittered) first. */
const MERGE_ATTEMPTS = 8;

export const postDocument =
  (deps: WriteDocumentDeps) =>
  async (input: WriteDocumentInput): Promise<void> => {
    const { key, body, preconditions } = input;
    assertPostableJson(body);
    assertDocumentSize(body.content);
    const required = writeConditionsFor(preconditions);
    if (required === 'never') throw preconditionFailed(key, preconditions);

    for (let attempt = 1; attempt <= MERGE_ATTEMPTS; attempt++) {
      if (attempt > 1) await retryPause(attempt - 1);
      const stored = await deps.documents.get(key);
      if (!preconditionsHold(preconditions, stored)) throw preconditionFailed(key, preconditions);
      const next = stored ? mergeJsonDocuments(stored, body) : body;
      assertDocumentSize(next.content, 'The merged document');
      const unchanged: WriteCondition = stored ? { kind: 'etagIn', etags: [stored.etag] } : { kind: 'absent' };
      if (await deps.documents.put(key, toStoredDocument(next, deps.now()), [...required, unchanged])) return;
    }
    throw new ConflictError(
      `The ${documentLabel(key)} kept changing while this POST merged into it (${MERGE_ATTEMPTS} attempts); nothing was changed. Try again.`,
    );
  };
