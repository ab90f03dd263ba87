/**
 * The items of the statement store and their mapping (used by statement-store.ts):
 * - statement:   pk `STATEMENT#<id>`, sk `STATEMENT`; seq, body (the statement JSON as a string),
 *                indexKeys (list), voidedBy (optional). A voiding statement that arrives before its
 *                target leaves a void marker holding only voidedBy; readers treat it as absent.
 * - index entry: pk `IDX#<key>` (`IDXH#<sha256>` for keys too long for a partition key), sk
 *                `<seq>`, id. The `all` key is bucketed by UTC hour: pk `IDX#all#<YYYYMMDDHH>`.
 * - bucket registry: pk `IDXBUCKETS`, sk `<YYYYMMDDHH>`: the hours that hold `all` entries, so
 *                walking `all` reads only non-empty hours and never scans.
 */
import { createHash } from 'node:crypto';
import { isSeq, seqTime } from '../../core/xapi/seq.js';
import type { IndexEntry, NewStatement, StatementJson, StoredStatement } from '../../core/xapi/statement-store.js';

export type Item = Record<string, unknown>;
export type Key = { pk: string; sk: string };

export const ALL_KEY = 'all';
export const BUCKET_REGISTRY_PK = 'IDXBUCKETS';
const STATEMENT_PK_PREFIX = 'STATEMENT#';
const STATEMENT_SK = 'STATEMENT';
/** DynamoDB caps a partition key at 2048 bytes; longer index keys (long IRIs) are hashed. */
const MAX_PARTITION_KEY_BYTES = 2048;
/**
 * Room kept free in every statement item for a voidedBy added later: a voiding statement may
 * arrive after its target, and its update must not be the one that pushes the item over 400 KB.
 */
const VOIDED_BY_RESERVE_BYTES = 'voidedBy'.length + 64;

/** A stored item does not have the shape this adapter writes: a bug or a manual edit (a 500). */
export class MalformedStatementItemError extends Error {
  override readonly name = 'MalformedStatementItemError';
  constructor(key: string, problem: string) {
    super(`Stored item ${key} is malformed: ${problem}.`);
  }
}

export function statementKey(id: string): Key {
  return { pk: `${STATEMENT_PK_PREFIX}${id}`, sk: STATEMENT_SK };
}

export function indexPk(key: string): string {
  const pk = `IDX#${key}`;
  if (byteLength(pk) <= MAX_PARTITION_KEY_BYTES) return pk;
  // A prefix of its own, so a hashed key can never land in the partition of a literal key.
  return `IDXH#${createHash('sha256').update(key).digest('hex')}`;
}

export function allBucketPk(bucket: string): string {
  return `IDX#${ALL_KEY}#${bucket}`;
}

/**
 * The statement as a string, not a map: byte-exact on the way back, and free of DynamoDB's
 * limits on maps (nesting depth, number precision) that a valid xAPI statement could exceed.
 */
export function statementBody(statement: StatementJson): string {
  return JSON.stringify(statement);
}

/** The index entry items of one statement: one per index key, plus its time bucket of `all`. */
export function indexEntryItems(statement: NewStatement): (Key & { id: string })[] {
  // `all` is no partition of its own: every statement is in it through its time bucket.
  const keys = [...new Set(statement.indexKeys)].filter((key) => key !== ALL_KEY);
  const pks = [...keys.map(indexPk), allBucketPk(bucketOfSeq(statement.seq))];
  return pks.map((pk) => ({ pk, sk: statement.seq, id: statement.statement.id }));
}

export function bucketRegistryItem(bucket: string): Key {
  return { pk: BUCKET_REGISTRY_PK, sk: bucket };
}

/** The statement an item holds, or undefined for a void marker (the statement is not stored yet). */
export function toStoredStatement(item: Item): StoredStatement | undefined {
  const pk = item.pk;
  if (typeof pk !== 'string' || !pk.startsWith(STATEMENT_PK_PREFIX)) {
    throw new MalformedStatementItemError(`${String(pk)}/${STATEMENT_SK}`, `pk is not ${STATEMENT_PK_PREFIX}<id>`);
  }
  const where = `${pk}/${STATEMENT_SK}`;
  const id = pk.slice(STATEMENT_PK_PREFIX.length);
  const { seq, body, indexKeys, voidedBy } = item;
  if (voidedBy !== undefined && typeof voidedBy !== 'string') throw new MalformedStatementItemError(where, 'voidedBy is not a string');
  if (body === undefined) return undefined;
  if (typeof body !== 'string') throw new MalformedStatementItemError(where, 'body is not a string');
  if (typeof seq !== 'string' || !isSeq(seq)) throw new MalformedStatementItemError(where, 'seq is missing or not a seq');
  if (!Array.isArray(indexKeys) || !indexKeys.every((key): key is string => typeof key === 'string')) {
    throw new MalformedStatementItemError(where, 'indexKeys is not a list of strings');
  }
  let statement: unknown;
  try {
    statement = JSON.parse(body);
  } catch {
    throw new MalformedStatementItemError(where, 'body is not JSON');
  }
  if (!isStatementJson(statement)) throw new MalformedStatementItemError(where, 'body is not a statement with id and stored');
  if (statement.id !== id) throw new MalformedStatementItemError(where, `body holds statement ${statement.id}`);
  return { id, seq, statement, indexKeys: [...indexKeys], ...(voidedBy === undefined ? {} : { voidedBy }) };
}

/** The seq stored under a statement item's id; undefined for a void marker. */
export function toStoredSeq(item: Item): { id: string; seq: string | undefined } | undefined {
  if (typeof item.pk !== 'string' || !item.pk.startsWith(STATEMENT_PK_PREFIX)) return undefined;
  const seq = typeof item.body === 'string' && typeof item.seq === 'string' ? item.seq : undefined;
  return { id: item.pk.slice(STATEMENT_PK_PREFIX.length), seq };
}

function isStatementJson(value: unknown): value is StatementJson {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { id, stored } = value as Item;
  return typeof id === 'string' && typeof stored === 'string';
}

export function toIndexEntry(item: Item, pk: string): IndexEntry {
  const { sk, id } = item;
  if (typeof sk !== 'string' || typeof id !== 'string') {
    throw new MalformedStatementItemError(`${pk}/${String(sk)}`, 'an index entry needs a string sk and id');
  }
  return { seq: sk, id };
}

export function toBucket(item: Item): string {
  if (typeof item.sk !== 'string' || !/^\d{10}$/.test(item.sk)) {
    throw new MalformedStatementItemError(`${BUCKET_REGISTRY_PK}/${String(item.sk)}`, 'sk is not an hour YYYYMMDDHH');
  }
  return item.sk;
}

export function toKey(key: Item): Key {
  if (typeof key.pk !== 'string' || typeof key.sk !== 'string') throw new Error('DynamoDB handed back a key without string pk and sk.');
  return { pk: key.pk, sk: key.sk };
}

// ---- Sizes, as DynamoDB counts them ----

/** Attribute names plus values; a list costs 3 bytes plus 1 per element. */
export function statementItemBytes(statement: NewStatement, body: string): number {
  const key = statementKey(statement.statement.id);
  const indexKeysBytes = 3 + statement.indexKeys.reduce((sum, indexKey) => sum + byteLength(indexKey) + 1, 0);
  return (
    byteLength(`pk${key.pk}sk${key.sk}seq${statement.seq}body`) + byteLength(body) + byteLength('indexKeys') + indexKeysBytes + VOIDED_BY_RESERVE_BYTES
  );
}

export function voidMarkerBytes(targetId: string, voidingId: string): number {
  const key = statementKey(targetId);
  return byteLength(`pk${key.pk}sk${key.sk}voidedBy${voidingId}`);
}

function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

// ---- Time buckets of `all` ----

/** The UTC hour of a seq as YYYYMMDDHH. */
export function bucketOfSeq(seq: string): string {
  const bucket = bucketOfMs(seqTime(seq));
  if (bucket === undefined) throw new Error(`Seq ${seq} lies outside the years 0000-9999.`);
  return bucket;
}

/**
 * The hour a seq bound falls in, or undefined when it names none; the walk is then not narrowed
 * on that side (the seq condition on each bucket still applies, so this costs reads, not results).
 */
export function bucketOfBound(bound: string): string | undefined {
  const digits = /^\d{15}/.exec(bound)?.[0];
  return digits === undefined ? undefined : bucketOfMs(Number(digits));
}

function bucketOfMs(ms: number): string | undefined {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) return undefined;
  return date.toISOString().slice(0, 13).replace(/[-T]/g, '');
}
