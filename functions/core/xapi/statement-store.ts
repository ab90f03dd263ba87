/**
 * The storage port for statements. The service (functions/core/xapi/statements-service.ts)
 * decides what to store and how to query; an adapter (functions/adapters/dynamodb/
 * statement-store.ts) does the I/O. No AWS types cross this line.
 *
 * Ordering: every stored statement gets a `seq`, a time-ordered unique key (see seq.ts). Index
 * entries are sorted by seq, so seq order is `stored` order and a paging cursor is the last seq seen.
 *
 * Index keys: a statement belongs to a set of index keys (see index-keys.ts), e.g.
 * `verb|http://adlnet.gov/expapi/verbs/completed` or `agent|mbox:mailto:a@b.nl`. A query walks the
 * entries of one key and checks the others against each candidate's `indexKeys`.
 */

/** A statement as stored: complete (id, stored, timestamp, authority, version filled in). */
export type StatementJson = { id: string; stored: string } & Record<string, unknown>;

export interface StoredStatement {
  id: string;
  seq: string;
  statement: StatementJson;
  /** Every index key this statement can be found under (its own and those inherited via StatementRef). */
  indexKeys: string[];
  /** Set when a voiding statement targets this one. Voided statements drop out of queries. */
  voidedBy?: string;
}

export interface NewStatement {
  seq: string;
  statement: StatementJson;
  indexKeys: string[];
  /** Id of the statement this one voids, if it is a voiding statement. */
  voids?: string;
}

export interface IndexEntry {
  seq: string;
  id: string;
}

export interface IndexPageRequest {
  /** The index key to walk; `all` walks every statement in seq order. */
  key: string;
  ascending: boolean;
  /** Exclusive lower bound on seq. */
  afterSeq?: string;
  /** Exclusive upper bound on seq. */
  beforeSeq?: string;
  /** At most this many entries. */
  limit: number;
}

export interface IndexPage {
  entries: IndexEntry[];
  /** True when the walk reached the end of the key's entries within the bounds. */
  exhausted: boolean;
}

export interface StatementStore {
  /** Stored statements by id; voided ones included, unknown ids absent from the map. */
  getByIds(ids: readonly string[]): Promise<Map<string, StoredStatement>>;
  /**
   * Stores every statement or none (one transaction). Marks each `voids` target as voided (the
   * target may arrive later; it is then stored already voided). Throws StatementConflictError
   * naming the ids that were taken if any id already holds a statement.
   */
  insert(statements: readonly NewStatement[]): Promise<void>;
  /** One page of index entries of one key, in seq order. */
  readIndex(request: IndexPageRequest): Promise<IndexPage>;
}
