/**
 * PUT of a document: stores the bytes as sent, replacing what is there (Communication 2.2 - 2.7).
 *
 * Concurrency (3.1): If-Match / If-None-Match are checked atomically with the write, so of two
 * clients writing with the same ETag exactly one wins; the other gets 412. The State resource
 * permits a PUT without either header in 1.0.3 (3.1.s3). The profile resources do not (3.1.s3.b1):
 * without them a PUT onto an existing document is a 409 that explains what to do (3.1.s4.b13, b14),
 * and onto none a 400 (the conformance suite's reading of the same client requirement). xAPI 2.0
 * gives State the 409 too (IEEE 9274.1.1 4.1.4), while still creating a new State document.
 */
import { ConflictError, ValidationError } from '../../errors.js';
import { documentLabel, resourceName } from './document-labels.js';
import type { DocumentContent, DocumentKey, DocumentStore, StoredDocument } from './document-store.js';
import { assertDocumentSize } from './limits.js';
import { preconditionFailed } from './precondition-errors.js';
import { etagOf, hasPreconditions, writeConditionsFor, type Preconditions } from './preconditions.js';
import { XAPI_1_0_3, type XapiVersion } from '../version.js';

export interface WriteDocumentDeps {
  documents: DocumentStore;
  now: () => Date;
}

export interface WriteDocumentInput {
  key: DocumentKey;
  body: DocumentContent;
  preconditions: Preconditions;
  /** The version the request is served with; 1.0.3 when not given. */
  xapiVersion?: XapiVersion;
}

export function toStoredDocument(body: DocumentContent, now: Date): StoredDocument {
  return { contentType: body.contentType, content: body.content, etag: etagOf(body.content), updated: now.toISOString() };
}

export const putDocument =
  (deps: WriteDocumentDeps) =>
  async (input: WriteDocumentInput): Promise<void> => {
    const { key, body, preconditions } = input;
    assertDocumentSize(body.content);
    const document = toStoredDocument(body, deps.now());

    if (!hasPreconditions(preconditions)) {
      if (key.resource === 'state') {
        if ((input.xapiVersion ?? XAPI_1_0_3) === XAPI_1_0_3) await deps.documents.put(key, document, []);
        else if (!(await deps.documents.put(key, document, [{ kind: 'absent' }]))) throw replaceNeedsIfMatch(key);
        return;
      }
      // Nothing is written either way, so deciding between 409 and 400 needs no atomic check.
      if (await deps.documents.get(key)) throw replaceNeedsIfMatch(key);
      throw new ValidationError(
        `A PUT to the ${resourceName(key.resource)} resource must send If-Match or If-None-Match (xAPI Communication 3.1): ` +
          'If-None-Match: * to create the document, or If-Match with its current ETag to replace it.',
        { issues: [{ path: 'headers.if-none-match', message: 'If-Match or If-None-Match is required' }] },
      );
    }

    const conditions = writeConditionsFor(preconditions);
    if (conditions === 'never' || !(await deps.documents.put(key, document, conditions))) throw preconditionFailed(key, preconditions);
  };

function replaceNeedsIfMatch(key: DocumentKey): ConflictError {
  return new ConflictError(
    `A ${documentLabel(key)} already exists, and this PUT has neither If-Match nor If-None-Match, so it could overwrite ` +
      'changes it has not seen. Nothing was changed. Check the current state of the document (GET it), then PUT again ' +
      'with If-Match set to its current ETag to replace it.',
    { issues: [{ path: 'headers.if-match', message: 'required to replace an existing document' }] },
  );
}
