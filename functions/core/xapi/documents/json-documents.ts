/**
 * JSON documents and their merge (Communication 2.2.s7, 2.2.s8): a POST with content type
 * application/json onto a stored application/json document sets each top-level property of the
 * posted Object on the stored one. Only top-level properties: a nested Object is replaced whole.
 */
import { ValidationError } from '../../errors.js';
import type { DocumentContent } from './document-store.js';

export const JSON_CONTENT_TYPE = 'application/json';

/** The media type without parameters, lowercased: `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

export function isJsonContentType(contentType: string): boolean {
  return mediaType(contentType) === JSON_CONTENT_TYPE;
}

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The document as a JSON Object, or undefined when it is not application/json or not an Object. */
export function asJsonObject(document: DocumentContent): JsonObject | undefined {
  if (!isJsonContentType(document.contentType)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(document.content).toString('utf8'));
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The body of a POST: with content type application/json it must be a JSON Object, whether or not
 * a document exists yet (a POST is meant for merging; the conformance suite requires the 400).
 */
export function assertPostableJson(document: DocumentContent): void {
  if (!isJsonContentType(document.contentType)) return;
  if (asJsonObject(document) === undefined) {
    throw new ValidationError(
      'The posted document has Content-Type application/json but is not a JSON Object ({...}). POST merges JSON Objects; ' +
        'send a JSON Object, or PUT the document to store it as it is.',
      { issues: [{ path: 'body', message: 'not a JSON Object' }] },
    );
  }
}

/**
 * The merge of a POST onto a stored document. Both must be application/json JSON Objects; otherwise
 * a 400 that says which one is not, and nothing is stored (2.2.s8.b1).
 */
export function mergeJsonDocuments(stored: DocumentContent, posted: DocumentContent): DocumentContent {
  const postedObject = asJsonObject(posted);
  if (postedObject === undefined) {
    throw new ValidationError(
      `A document is already stored here, so a POST merges into it, which needs a JSON Object sent as application/json; ` +
        `this request sent ${describe(posted)}. Send a JSON Object as application/json, or PUT to replace the document.`,
      { issues: [{ path: 'body', message: 'must be a JSON Object sent as application/json to merge' }] },
    );
  }
  const storedObject = asJsonObject(stored);
  if (storedObject === undefined) {
    throw new ValidationError(
      `The stored document is ${describe(stored)}, not a JSON Object stored as application/json, so a POST cannot merge into it. ` +
        'PUT the whole document instead (or DELETE it first).',
      { issues: [{ path: 'body', message: 'the stored document is not a JSON Object' }] },
    );
  }
  const merged = { ...storedObject, ...postedObject };
  return { contentType: JSON_CONTENT_TYPE, content: Buffer.from(JSON.stringify(merged), 'utf8') };
}

function describe(document: DocumentContent): string {
  if (!isJsonContentType(document.contentType)) return `of type "${mediaType(document.contentType) || 'unknown'}"`;
  return 'application/json but not a JSON Object';
}
