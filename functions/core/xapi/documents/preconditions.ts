/**
 * ETags and the If-Match / If-None-Match preconditions of the document resources (Communication
 * 3.1, RFC 7232). The ETag of a document is the lowercase hex SHA-1 of its bytes, sent in quotes.
 * A precondition becomes a WriteCondition that the store checks atomically with the write, so two
 * clients racing with the same If-Match cannot both win.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../../errors.js';
import type { StoredDocument, WriteCondition } from './document-store.js';

/** More tags than any real client sends; DynamoDB's IN takes at most 100 values. */
const MAX_TAGS = 20;

export interface Preconditions {
  /** `*` or the (unquoted, strong) tags the stored document must have. */
  ifMatch?: '*' | string[];
  /** `*` or the (unquoted) tags the stored document must not have. */
  ifNoneMatch?: '*' | string[];
}

export function etagOf(content: Uint8Array): string {
  return createHash('sha1').update(content).digest('hex');
}

/** The ETag header value: the tag in quotes (3.1.s4.b4). */
export function quoteEtag(etag: string): string {
  return `"${etag}"`;
}

export function hasPreconditions(preconditions: Preconditions): boolean {
  return preconditions.ifMatch !== undefined || preconditions.ifNoneMatch !== undefined;
}

/** Reads the two headers; a malformed value is a 400 naming the header. */
export function parsePreconditions(headers: { ifMatch?: string | undefined; ifNoneMatch?: string | undefined }): Preconditions {
  const result: Preconditions = {};
  if (headers.ifMatch !== undefined) result.ifMatch = parseTagList(headers.ifMatch, 'If-Match', { weakMatches: false });
  if (headers.ifNoneMatch !== undefined) result.ifNoneMatch = parseTagList(headers.ifNoneMatch, 'If-None-Match', { weakMatches: true });
  return result;
}

/**
 * `*` or a comma-separated list of entity tags. If-Match compares strongly (RFC 7232 3.1), so a weak
 * tag (W/"...") never matches and is dropped; If-None-Match compares weakly and keeps it. A bare
 * tag without quotes is accepted as the tag, since some clients send the ETag without them.
 */
function parseTagList(value: string, header: string, options: { weakMatches: boolean }): '*' | string[] {
  const trimmed = value.trim();
  if (trimmed === '*') return '*';
  const tags: string[] = [];
  for (const raw of trimmed.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const match = /^(W\/)?"([^"]*)"$/.exec(part) ?? /^(W\/)?([!#-~]+)$/.exec(part);
    if (!match || match[2] === '') {
      throw new ValidationError(`The ${header} header is not "*" or a list of ETags in quotes (got ${JSON.stringify(value)}).`, {
        issues: [{ path: `headers.${header.toLowerCase()}`, message: 'must be "*" or a list of quoted ETags' }],
      });
    }
    if (match[1] && !options.weakMatches) continue;
    tags.push(match[2]!.toLowerCase());
  }
  if (tags.length > MAX_TAGS) {
    throw new ValidationError(`The ${header} header lists ${tags.length} ETags; send at most ${MAX_TAGS}.`, {
      issues: [{ path: `headers.${header.toLowerCase()}`, message: `more than ${MAX_TAGS} ETags` }],
    });
  }
  return tags;
}

/** Whether the preconditions hold for what is stored now (undefined: nothing). */
export function preconditionsHold(preconditions: Preconditions, stored: Pick<StoredDocument, 'etag'> | undefined): boolean {
  const { ifMatch, ifNoneMatch } = preconditions;
  if (ifMatch !== undefined) {
    if (!stored) return false;
    if (ifMatch !== '*' && !ifMatch.includes(stored.etag)) return false;
  }
  if (ifNoneMatch !== undefined && stored) {
    if (ifNoneMatch === '*' || ifNoneMatch.includes(stored.etag)) return false;
  }
  return true;
}

/**
 * The preconditions as conditions for the store, or 'never' when they cannot hold whatever is
 * stored (an If-Match that lists only weak tags).
 */
export function writeConditionsFor(preconditions: Preconditions): WriteCondition[] | 'never' {
  const conditions: WriteCondition[] = [];
  const { ifMatch, ifNoneMatch } = preconditions;
  if (ifMatch === '*') conditions.push({ kind: 'present' });
  else if (ifMatch !== undefined) {
    if (ifMatch.length === 0) return 'never';
    conditions.push({ kind: 'etagIn', etags: ifMatch });
  }
  if (ifNoneMatch === '*') conditions.push({ kind: 'absent' });
  else if (ifNoneMatch !== undefined && ifNoneMatch.length > 0) conditions.push({ kind: 'absentOrEtagNotIn', etags: ifNoneMatch });
  return conditions;
}
