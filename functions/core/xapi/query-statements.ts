/**
 * GET /xapi/statements with filters. Walks the entries of the most selective index key in seq
 * (= stored) order, loads the candidates and keeps those that carry every other required key and
 * are not voided. The `more` cursor is the last seq returned, so paging is stable while new
 * statements arrive. Cost per page depends on the page size, not on how much is stored.
 */
import { ValidationError } from '../errors.js';
import { chooseDrivingKey, queryKeysOf } from './index-keys.js';
import { parseStatementQuery, type StatementQuery } from './query-params.js';
import { seqAfterMs } from './seq.js';
import type { StatementJson, StatementStore } from './statement-store.js';

/** The most statements one page returns (also what limit=0 means). */
export const MAX_PAGE_SIZE = 100;
/** Index entries read per round trip: a little more than a page, since some candidates drop out. */
const READ_AHEAD = 1.5;

export interface QueryStatementsDeps {
  statements: StatementStore;
}

export interface QueryStatementsInput {
  /** Raw query parameters (already split from the query string). */
  params: Record<string, string>;
  /** Set when the caller may only read statements it stored itself (scope statements/read/mine). */
  onlyAuthorityKey?: string;
  /** Index keys every returned statement must also carry (e.g. an accreditor's course). */
  alsoRequired?: readonly string[];
  /** Set when the caller may see only some statements (an accreditor's allow-list); applied before paging. */
  visible?: (statement: StatementJson) => boolean;
}

export interface StatementPage {
  statements: StatementJson[];
  /** Relative URL of the next page, or '' when there is none. */
  more: string;
  query: StatementQuery;
}

interface Cursor {
  params: Record<string, string>;
  after: string;
}

export const queryStatements =
  (deps: QueryStatementsDeps) =>
  async (input: QueryStatementsInput): Promise<StatementPage> => {
    const cursor = input.params.more !== undefined ? decodeMore(input.params) : undefined;
    const params = cursor?.params ?? input.params;
    const query = parseStatementQuery(params);
    const required = queryKeysOf(query).required;
    if (input.onlyAuthorityKey) required.push(`authority|${input.onlyAuthorityKey}`);
    for (const key of input.alsoRequired ?? []) if (!required.includes(key)) required.push(key);
    const drivingKey = chooseDrivingKey(required);
    const others = required.filter((key) => key !== drivingKey);
    const limit = query.limit && query.limit > 0 ? Math.min(query.limit, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
    const bounds = seqBounds(query, cursor?.after);

    const found: { seq: string; statement: StatementJson }[] = [];
    let position = query.ascending ? bounds.afterSeq : bounds.beforeSeq;
    for (;;) {
      const page = await deps.statements.readIndex({
        key: drivingKey,
        ascending: query.ascending,
        limit: Math.ceil((limit + 1 - found.length) * READ_AHEAD),
        ...(query.ascending ? { afterSeq: position, beforeSeq: bounds.beforeSeq } : { afterSeq: bounds.afterSeq, beforeSeq: position }),
      });
      const candidates = await deps.statements.getByIds(page.entries.map((entry) => entry.id));
      for (const entry of page.entries) {
        const stored = candidates.get(entry.id);
        // Entries whose statement never landed (a failed batch) or was voided drop out here.
        if (!stored || stored.seq !== entry.seq || stored.voidedBy) continue;
        if (!others.every((key) => stored.indexKeys.includes(key))) continue;
        if (input.visible && !input.visible(stored.statement)) continue;
        found.push({ seq: entry.seq, statement: stored.statement });
        if (found.length > limit) break;
      }
      const last = page.entries.at(-1);
      if (found.length > limit || page.exhausted || !last) break;
      position = last.seq;
    }

    const pageItems = found.slice(0, limit);
    const more = found.length > limit ? encodeMore(params, pageItems.at(-1)!.seq) : '';
    return { statements: pageItems.map((item) => item.statement), more, query };
  };

function seqBounds(query: StatementQuery, cursorSeq: string | undefined): { afterSeq?: string; beforeSeq?: string } {
  // since is exclusive and until inclusive; stored times have millisecond precision.
  let afterSeq = query.since ? seqAfterMs(Date.parse(query.since)) : undefined;
  let beforeSeq = query.until ? seqAfterMs(Date.parse(query.until)) : undefined;
  if (cursorSeq && query.ascending) afterSeq = afterSeq && afterSeq > cursorSeq ? afterSeq : cursorSeq;
  if (cursorSeq && !query.ascending) beforeSeq = beforeSeq && beforeSeq < cursorSeq ? beforeSeq : cursorSeq;
  return { ...(afterSeq ? { afterSeq } : {}), ...(beforeSeq ? { beforeSeq } : {}) };
}

function encodeMore(params: Record<string, string>, after: string): string {
  const { more: _ignored, ...rest } = params;
  const token = Buffer.from(JSON.stringify({ params: rest, after } satisfies Cursor)).toString('base64url');
  return `/xapi/statements?more=${token}`;
}

function decodeMore(params: Record<string, string>): Cursor {
  const extra = Object.keys(params).filter((key) => key !== 'more');
  if (extra.length > 0) {
    throw new ValidationError(`A "more" link already carries the query; send it without ${extra.join(', ')}.`, {
      issues: extra.map((key) => ({ path: `query.${key}`, message: 'not allowed with more' })),
    });
  }
  try {
    const decoded = JSON.parse(Buffer.from(params.more ?? '', 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof decoded.after !== 'string' || typeof decoded.params !== 'object' || decoded.params === null) throw new Error('shape');
    return { params: decoded.params as Record<string, string>, after: decoded.after };
  } catch (error) {
    throw new ValidationError('The "more" value is not a link this LRS gave out. Start the query again without it.', {
      cause: error,
      issues: [{ path: 'query.more', message: 'invalid cursor' }],
    });
  }
}
