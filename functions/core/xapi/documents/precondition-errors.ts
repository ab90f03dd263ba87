/** The 412 of a failed If-Match / If-None-Match, saying what the client should do. */
import { PreconditionFailedError } from '../../errors.js';
import { documentLabel } from './document-labels.js';
import type { DocumentKey } from './document-store.js';
import type { Preconditions } from './preconditions.js';

export function preconditionFailed(key: DocumentKey, preconditions: Preconditions): PreconditionFailedError {
  const reasons: string[] = [];
  if (preconditions.ifMatch !== undefined) {
    reasons.push(
      preconditions.ifMatch === '*'
        ? 'If-Match: * asks for a stored document, and there is none'
        : 'the stored document does not have the ETag given in If-Match (it changed since it was read, or it does not exist)',
    );
  }
  if (preconditions.ifNoneMatch !== undefined) {
    reasons.push(
      preconditions.ifNoneMatch === '*'
        ? 'If-None-Match: * asks that no document is stored, and one is'
        : 'the stored document has an ETag given in If-None-Match',
    );
  }
  return new PreconditionFailedError(
    `Precondition failed for the ${documentLabel(key)}: ${reasons.join(', and ')}. Nothing was changed. ` +
      'GET the document for its current ETag and send that in If-Match (or If-None-Match: * to create it only if it does not exist).',
    { issues: [{ path: preconditions.ifMatch !== undefined ? 'headers.if-match' : 'headers.if-none-match', message: 'precondition failed' }] },
  );
}
