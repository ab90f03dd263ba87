/**
 * The body of PUT and POST /xapi/statements: application/json (statements only, attachments by
 * fileUrl) or multipart/mixed (statements first, then the attachments' raw data). Any other
 * content type is a 400, as the xAPI conformance suite expects (XAPI-00127), not a 415.
 */
import { ValidationError } from '../core/errors.js';
import type { AttachmentContent } from '../core/xapi/attachment-store.js';
import { parseMultipartStatements } from '../core/xapi/multipart.js';
import { contentType, header, jsonBody, type HttpEvent } from './request.js';

export interface StatementsBody {
  /** The statement(s) as sent, not yet validated. */
  json: unknown;
  /** The attachment parts of a multipart/mixed body; none for application/json. */
  parts: AttachmentContent[];
}

export function statementsBody(event: HttpEvent): StatementsBody {
  const type = contentType(event);
  if (type === 'application/json') return { json: jsonBody(event), parts: [] };
  if (type === 'multipart/mixed') {
    const { statementsJson, parts } = parseMultipartStatements(bodyBytes(event), header(event, 'content-type') ?? '');
    return { json: statementsJson, parts };
  }
  throw new ValidationError(
    `Send statements as application/json, or as multipart/mixed when attachment data comes with them (got "${type || 'no Content-Type'}").`,
    { issues: [{ path: 'headers.content-type', message: 'must be application/json or multipart/mixed' }] },
  );
}

/** API Gateway hands over non-text bodies (multipart/mixed among them) base64-encoded. */
function bodyBytes(event: HttpEvent): Buffer {
  if (!event.body) return Buffer.alloc(0);
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}
