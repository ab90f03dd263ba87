/**
 * How large a document may be. A document is one DynamoDB item, and an item holds at most 400 KB
 * including its keys and other attributes; 384 KB of content leaves room for those, so a document
 * is always written whole, or refused before anything is written.
 */
import { PayloadTooLargeError } from '../../errors.js';

export const MAX_DOCUMENT_BYTES = 384 * 1024;

export function assertDocumentSize(content: Uint8Array, what = 'The document'): void {
  if (content.byteLength <= MAX_DOCUMENT_BYTES) return;
  throw new PayloadTooLargeError(
    `${what} is ${content.byteLength} bytes; this LRS stores documents of at most ${MAX_DOCUMENT_BYTES / 1024} KB ` +
      `(${MAX_DOCUMENT_BYTES} bytes), a limit of its database (DynamoDB items hold at most 400 KB). ` +
      'Store a smaller document, or split it over several ids.',
  );
}
