/**
 * A multipart/mixed response (GET /xapi/statements?attachments=true). The body is binary, so it
 * goes back base64-encoded with isBase64Encoded, which API Gateway and the local server decode.
 */
import { PayloadTooLargeError } from '../core/errors.js';
import type { AttachmentContent } from '../core/xapi/attachment-store.js';
import { buildMultipartResponse } from '../core/xapi/multipart.js';
import type { HttpResult } from './response.js';

/**
 * Lambda returns at most 6 MB, and base64 makes the body a third larger; this leaves room for the
 * headers and the response envelope.
 */
export const MAX_MULTIPART_RESPONSE_BYTES = 4 * 1024 * 1024;

export function multipart(statusCode: number, json: unknown, attachments: readonly AttachmentContent[], headers: Record<string, string> = {}): HttpResult {
  const { body, contentType } = buildMultipartResponse(json, attachments);
  if (body.length > MAX_MULTIPART_RESPONSE_BYTES) {
    throw new PayloadTooLargeError(
      `These statements with their attachments come to ${body.length} bytes, more than the ` +
        `${MAX_MULTIPART_RESPONSE_BYTES / (1024 * 1024)} MB one response can carry. Ask for fewer statements at a time (limit), ` +
        'or leave out attachments=true and fetch the attachments of a few statements at a time with statementId.',
    );
  }
  return { statusCode, headers: { 'content-type': contentType, ...headers }, body: body.toString('base64'), isBase64Encoded: true };
}
