import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createStatementStore, MalformedStatementItemError } from '../../functions/adapters/dynamodb/statement-store.js';
import { PayloadTooLargeError, StatementConflictError } from '../../functions/core/errors.js';
import { newSeq, seqAfterMs, seqBeforeMs } from '../../functions/core/xapi/seq.js';
import type { NewStatement, StatementJson, StatementStore } from '../../functions/core/xapi/statement-store.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';

const HOUR = 3_600_000;

function makeStatement(overrides: Partial<StatementJson> = {}): StatementJson {
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', mbox: 'mailto:deelnemer@example.nl', name: 'Deelnemer' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'nl-NL': 'ervaren' } },
    object: { objectType: 'Activity', id: 'https://example.nl/xapi/activities/spinnenweb' },
    timestamp: '2024-03-01T10:00:00.000Z',
    stored: '2024-03-01T10:00:01.000Z',
    version: '1.0.0',
    ...overrides,
  };
}

interface NewStatementOverrides {
  statement?: Partial<StatementJson>;
  seq?: string;
  indexKeys?: string[];
  voids?: string;
}

function makeNewStatement(overrides: NewStatementOverrides = {}): NewStatement {
  return {
    seq: overrides.seq ?? newSeq(new Date()),
    statement: makeStatement(overrides.statement),
    indexKeys: overrides.indexKeys ?? [`verb|http://adlnet.gov/expapi/verbs/experienced`],
    ...(overrides.voids === undefined ? {} : { voids: overrides.voids }),
  };
}

function makeVoiding(targetId: string, overrides: NewStatementOverrides = {}): NewStatement {
  return makeNewStatement({
    ...overrides,
    voids: targetId,
    statement: {
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: targetId },
      ...overrides.statement,
    },
  });
}

/** Seqs in strictly increasing milliseconds from `startMs`, one per statement. */
function seqsFrom(startMs: number, count: number, stepMs = 1): string[] {
  return Array.from({ length: count }, (_, i) => newSeq(new Date(startMs + i * stepMs)));
}

/** An index key no other test uses, so each test reads only its own entries. */
function uniqueKey(): string {
  return `activity|https://example.nl/xapi/activities/${randomUUID()}`;
}

function ids(entries: { id: string }[]): string[] {
  return entries.map((entry) => entry.id);
}

let table: TestTable;
let store: StatementStore;

beforeAll(async () => {
  table = await createTestTable();
  store = createStatementStore({ doc: table.doc, tableName: table.tableName });
});

afterAll(async () => {
  await table.drop();
});

describe('insert and getByIds', () => {
  it('round-trips statements with their seq, index keys and the exact body', async () => {
    const key = uniqueKey();
    const first = makeNewStatement({
      indexKeys: [key, 'verb|http://adlnet.gov/expapi/verbs/experienced'],
      statement: {
        result: { response: 'Zingeving: wat mij raakt 💬 “écht luisteren”', score: { scaled: 0.5 } },
        context: { extensions: { 'https://example.nl/x': [1, 2.25, null, { nested: true }] } },
      },
    });
    const second = makeNewStatement({ indexKeys: [key] });

    await store.insert([first, second]);
    const found = await store.getByIds([first.statement.id, second.statement.id, first.statement.id, randomUUID()]);

    expect([...found.keys()].sort()).toEqual([first.statement.id, second.statement.id].sort());
    expect(found.get(first.statement.id)).toEqual({
      id: first.statement.id,
      seq: first.seq,
      statement: first.statement,
      indexKeys: first.indexKeys,
    });
    expect(JSON.stringify(found.get(first.statement.id)?.statement)).toBe(JSON.stringify(first.statement));
    const raw = await table.doc.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: `STATEMENT#${first.statement.id}`, sk: 'STATEMENT' } }),
    );
    expect(raw.Item?.body).toBe(JSON.stringify(first.statement));
  });

  it('returns an empty map for no ids and for unknown ids', async () => {
    expect((await store.getByIds([])).size).toBe(0);
    expect((await store.getByIds([randomUUID(), randomUUID()])).size).toBe(0);
  });

  it('reads more than one BatchGetItem chunk of 100', async () => {
    const key = uniqueKey();
    const batches = [0, 1].map(() => Array.from({ length: 60 }, () => makeNewStatement({ indexKeys: [key] })));
    for (const batch of batches) await store.insert(batch);
    const all = batches.flat();

    const found = await store.getByIds(all.map((s) => s.statement.id));

    expect(found.size).toBe(120);
  });

  it('stores a batch of exactly 100 statements', async () => {
    const key = uniqueKey();
    const batch = Array.from({ length: 100 }, () => makeNewStatement({ indexKeys: [key] }));

    await store.insert(batch);

    expect((await store.getByIds(batch.map((s) => s.statement.id))).size).toBe(100);
    expect((await store.readIndex({ key, ascending: true, limit: 200 })).entries).toHaveLength(100);
  });

  it('finds statements under an index key too long for a partition key', async () => {
    const key = `activity|https://example.nl/${'lang/'.repeat(600)}${randomUUID()}`;
    const statement = makeNewStatement({ indexKeys: [key] });

    await store.insert([statement]);

    expect(await store.readIndex({ key, ascending: true, limit: 10 })).toEqual({
      entries: [{ seq: statement.seq, id: statement.statement.id }],
      exhausted: true,
    });
  });

  it('rejects a stored item of the wrong shape with an error naming its key', async () => {
    const id = randomUUID();
    await table.doc.send(
      new PutCommand({ TableName: table.tableName, Item: { pk: `STATEMENT#${id}`, sk: 'STATEMENT', seq: 'not-a-seq', body: '{}', indexKeys: [] } }),
    );

    const read = store.getByIds([id]);

    await expect(read).rejects.toThrow(MalformedStatementItemError);
    await expect(read).rejects.toThrow(`STATEMENT#${id}`);
  });
});

describe('insert of a taken id', () => {
  it('stores nothing of the batch and names the taken id', async () => {
    const key = uniqueKey();
    const [seqA, seqB, seqA2, seqC] = seqsFrom(Date.now(), 4);
    const stored = makeNewStatement({ seq: seqA, indexKeys: [key] });
    await store.insert([stored]);
    const fresh = makeNewStatement({ seq: seqB, indexKeys: [key] });
    const clash = makeNewStatement({ seq: seqA2, indexKeys: [key], statement: { id: stored.statement.id, result: { success: true } } });
    const other = makeNewStatement({ seq: seqC, indexKeys: [key] });

    const error = await store.insert([fresh, clash, other]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StatementConflictError);
    expect((error as StatementConflictError).statementIds).toEqual([stored.statement.id]);
    const found = await store.getByIds([stored.statement.id, fresh.statement.id, other.statement.id]);
    expect([...found.keys()]).toEqual([stored.statement.id]);
    expect(found.get(stored.statement.id)?.statement).toEqual(stored.statement);
    // The entries written ahead of the failed transaction are cleared again.
    expect(await store.readIndex({ key, ascending: true, limit: 10 })).toEqual({
      entries: [{ seq: stored.seq, id: stored.statement.id }],
      exhausted: true,
    });
  });

  it('names every taken id of the batch', async () => {
    const first = makeNewStatement();
    const second = makeNewStatement();
    await store.insert([first, second]);

    const error = await store
      .insert([makeNewStatement(), { ...makeNewStatement(), statement: first.statement }, { ...makeNewStatement(), statement: second.statement }])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StatementConflictError);
    expect([...(error as StatementConflictError).statementIds].sort()).toEqual([first.statement.id, second.statement.id].sort());
  });

  it('keeps the index entries when the very same insert is retried after it committed', async () => {
    const key = uniqueKey();
    const statement = makeNewStatement({ indexKeys: [key] });
    await store.insert([statement]);

    await expect(store.insert([statement])).rejects.toThrow(StatementConflictError);

    expect(ids((await store.readIndex({ key, ascending: true, limit: 10 })).entries)).toEqual([statement.statement.id]);
  });
});

describe('voiding', () => {
  it('marks a target that is already stored', async () => {
    const target = makeNewStatement();
    await store.insert([target]);
    const voiding = makeVoiding(target.statement.id);

    await store.insert([voiding]);

    const found = await store.getByIds([target.statement.id, voiding.statement.id]);
    expect(found.get(target.statement.id)?.voidedBy).toBe(voiding.statement.id);
    expect(found.get(target.statement.id)?.statement).toEqual(target.statement);
    expect(found.get(voiding.statement.id)?.voidedBy).toBeUndefined();
  });

  it('stores a target that arrives after its voiding statement as voided', async () => {
    const target = makeNewStatement();
    const voiding = makeVoiding(target.statement.id);

    await store.insert([voiding]);
    // Until the target arrives, its void marker is not a statement.
    expect((await store.getByIds([target.statement.id])).size).toBe(0);
    await store.insert([target]);

    const found = await store.getByIds([target.statement.id]);
    expect(found.get(target.statement.id)).toEqual({
      id: target.statement.id,
      seq: target.seq,
      statement: target.statement,
      indexKeys: target.indexKeys,
      voidedBy: voiding.statement.id,
    });
  });

  it('marks a target in the same batch, in either order', async () => {
    const targetFirst = makeNewStatement();
    const voidingSecond = makeVoiding(targetFirst.statement.id);
    const targetSecond = makeNewStatement();
    const voidingFirst = makeVoiding(targetSecond.statement.id);

    await store.insert([targetFirst, voidingSecond, voidingFirst, targetSecond]);

    const found = await store.getByIds([targetFirst.statement.id, targetSecond.statement.id]);
    expect(found.get(targetFirst.statement.id)?.voidedBy).toBe(voidingSecond.statement.id);
    expect(found.get(targetSecond.statement.id)?.voidedBy).toBe(voidingFirst.statement.id);
  });

  it('keeps the first voiding statement when a target is voided twice', async () => {
    const target = makeNewStatement();
    const first = makeVoiding(target.statement.id);
    const second = makeVoiding(target.statement.id);
    await store.insert([target, first]);

    await store.insert([second]);

    expect((await store.getByIds([target.statement.id])).get(target.statement.id)?.voidedBy).toBe(first.statement.id);
  });

  it('voids nothing when the voiding statement is not stored', async () => {
    const stored = makeNewStatement();
    const target = makeNewStatement();
    await store.insert([stored, target]);

    await expect(store.insert([makeVoiding(target.statement.id, { statement: { id: stored.statement.id } })])).rejects.toThrow(
      StatementConflictError,
    );

    expect((await store.getByIds([target.statement.id])).get(target.statement.id)?.voidedBy).toBeUndefined();
  });
});

describe('readIndex of one key', () => {
  const key = uniqueKey();
  const seqs = seqsFrom(Date.UTC(2024, 4, 1, 12), 5);
  let stored: NewStatement[];

  beforeAll(async () => {
    stored = seqs.map((seq) => makeNewStatement({ seq, indexKeys: [key] }));
    // Out of order on purpose: the index sorts by seq, not by arrival.
    await store.insert([stored[3]!, stored[0]!, stored[4]!, stored[1]!, stored[2]!]);
  });

  const idsAt = (...positions: number[]) => positions.map((p) => stored[p]!.statement.id);

  it('pages ascending, knowing when more remain', async () => {
    const page = await store.readIndex({ key, ascending: true, limit: 2 });

    expect(page.entries).toEqual([0, 1].map((p) => ({ seq: seqs[p], id: stored[p]!.statement.id })));
    expect(page.exhausted).toBe(false);
  });

  it('reports exhausted when a page ends exactly at the last entry', async () => {
    expect(await store.readIndex({ key, ascending: true, afterSeq: seqs[2], limit: 2 })).toEqual({
      entries: [3, 4].map((p) => ({ seq: seqs[p], id: stored[p]!.statement.id })),
      exhausted: true,
    });
    expect(await store.readIndex({ key, ascending: true, limit: 5 })).toMatchObject({ exhausted: true });
  });

  it('keeps both bounds exclusive', async () => {
    const page = await store.readIndex({ key, ascending: true, afterSeq: seqs[0], beforeSeq: seqs[4], limit: 10 });

    expect(ids(page.entries)).toEqual(idsAt(1, 2, 3));
    expect(page.exhausted).toBe(true);
  });

  it('pages descending from the newest', async () => {
    const first = await store.readIndex({ key, ascending: false, limit: 3 });
    const rest = await store.readIndex({ key, ascending: false, beforeSeq: first.entries.at(-1)!.seq, limit: 3 });

    expect(ids(first.entries)).toEqual(idsAt(4, 3, 2));
    expect(first.exhausted).toBe(false);
    expect(ids(rest.entries)).toEqual(idsAt(1, 0));
    expect(rest.exhausted).toBe(true);
  });

  it('applies both bounds descending with a limit', async () => {
    const page = await store.readIndex({ key, ascending: false, afterSeq: seqs[0], beforeSeq: seqs[4], limit: 2 });

    expect(ids(page.entries)).toEqual(idsAt(3, 2));
    expect(page.exhausted).toBe(false);
  });

  it('returns nothing for empty ranges and unknown keys', async () => {
    expect(await store.readIndex({ key, ascending: true, afterSeq: seqs[3], beforeSeq: seqs[1], limit: 5 })).toEqual({
      entries: [],
      exhausted: true,
    });
    expect(await store.readIndex({ key, ascending: true, afterSeq: seqs[1], beforeSeq: seqs[2], limit: 5 })).toEqual({
      entries: [],
      exhausted: true,
    });
    expect(await store.readIndex({ key: uniqueKey(), ascending: false, limit: 5 })).toEqual({ entries: [], exhausted: true });
  });
});

describe('readIndex of all', () => {
  // A table of its own, so walks without bounds see only these statements.
  let allTable: TestTable;
  let allStore: StatementStore;
  const start = Date.UTC(2001, 0, 1, 0);
  // Hours 0, 1 (two statements), 5 and 30: the hours between hold nothing.
  const offsets = [10 * 60_000, HOUR + 5 * 60_000, HOUR + 20 * 60_000, 5 * HOUR, 30 * HOUR];
  const seqs = offsets.map((offset) => newSeq(new Date(start + offset)));
  let stored: NewStatement[];
  const idsAt = (...positions: number[]) => positions.map((p) => stored[p]!.statement.id);

  beforeAll(async () => {
    allTable = await createTestTable();
    allStore = createStatementStore({ doc: allTable.doc, tableName: allTable.tableName });
    stored = seqs.map((seq) => makeNewStatement({ seq, indexKeys: [uniqueKey()] }));
    await allStore.insert([stored[4]!, stored[1]!]);
    await allStore.insert([stored[0]!, stored[3]!, stored[2]!]);
  });

  afterAll(async () => {
    await allTable.drop();
  });

  it('registers only the hours that hold statements', async () => {
    const registry = await allTable.doc.send(
      new QueryCommand({ TableName: allTable.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'IDXBUCKETS' } }),
    );

    expect(registry.Items?.map((item) => item.sk)).toEqual(['2001010100', '2001010101', '2001010105', '2001010206']);
  });

  it('walks every hour in order, ascending and descending', async () => {
    expect(await allStore.readIndex({ key: 'all', ascending: true, limit: 10 })).toEqual({
      entries: seqs.map((seq, p) => ({ seq, id: stored[p]!.statement.id })),
      exhausted: true,
    });
    expect(ids((await allStore.readIndex({ key: 'all', ascending: false, limit: 10 })).entries)).toEqual(idsAt(4, 3, 2, 1, 0));
  });

  it('pages across hours with a cursor', async () => {
    const pages: string[][] = [];
    const exhausted: boolean[] = [];
    let afterSeq: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await allStore.readIndex({ key: 'all', ascending: true, limit: 2, ...(afterSeq ? { afterSeq } : {}) });
      pages.push(ids(page.entries));
      exhausted.push(page.exhausted);
      if (page.exhausted) break;
      afterSeq = page.entries.at(-1)!.seq;
    }

    expect(pages).toEqual([idsAt(0, 1), idsAt(2, 3), idsAt(4)]);
    expect(exhausted).toEqual([false, false, true]);
  });

  it('knows whether a later hour holds more when a page fills up at the end of an hour', async () => {
    expect(await allStore.readIndex({ key: 'all', ascending: true, limit: 2, afterSeq: seqs[0] })).toEqual({
      entries: [1, 2].map((p) => ({ seq: seqs[p], id: stored[p]!.statement.id })),
      exhausted: false,
    });
    expect(await allStore.readIndex({ key: 'all', ascending: false, limit: 3, beforeSeq: seqs[3] })).toEqual({
      entries: [2, 1, 0].map((p) => ({ seq: seqs[p], id: stored[p]!.statement.id })),
      exhausted: true,
    });
  });

  it('restricts the walk to the bounds, also inside an hour', async () => {
    const ascending = await allStore.readIndex({ key: 'all', ascending: true, afterSeq: seqs[1], beforeSeq: seqs[4], limit: 10 });
    const descending = await allStore.readIndex({
      key: 'all',
      ascending: false,
      afterSeq: seqAfterMs(start + HOUR + 10 * 60_000),
      beforeSeq: seqBeforeMs(start + 6 * HOUR),
      limit: 10,
    });

    expect(ascending).toEqual({ entries: [2, 3].map((p) => ({ seq: seqs[p], id: stored[p]!.statement.id })), exhausted: true });
    expect(ids(descending.entries)).toEqual(idsAt(3, 2));
    expect(descending.exhausted).toBe(true);
  });

  it('finds nothing in a range of empty hours', async () => {
    expect(
      await allStore.readIndex({ key: 'all', ascending: true, afterSeq: seqBeforeMs(start + 2 * HOUR), beforeSeq: seqBeforeMs(start + 5 * HOUR), limit: 10 }),
    ).toEqual({ entries: [], exhausted: true });
  });
});

describe('limits', () => {
  async function expectNothingStored(batch: NewStatement[], key: string): Promise<void> {
    expect((await store.getByIds(batch.map((s) => s.statement.id))).size).toBe(0);
    expect(await store.readIndex({ key, ascending: true, limit: 10 })).toEqual({ entries: [], exhausted: true });
  }

  it('rejects more than 100 statements and stores none', async () => {
    const key = uniqueKey();
    const batch = Array.from({ length: 101 }, () => makeNewStatement({ indexKeys: [key] }));

    const insert = store.insert(batch);

    await expect(insert).rejects.toThrow(PayloadTooLargeError);
    await expect(insert).rejects.toThrow('Send at most 100 statements per request');
    await expectNothingStored(batch, key);
  });

  it('counts voided statements outside the batch', async () => {
    const key = uniqueKey();
    const batch = [
      ...Array.from({ length: 97 }, () => makeNewStatement({ indexKeys: [key] })),
      makeVoiding(randomUUID(), { indexKeys: [key] }),
      makeVoiding(randomUUID(), { indexKeys: [key] }),
    ];

    await expect(store.insert(batch)).rejects.toThrow('Send at most 98 statements per request');
    await expectNothingStored(batch, key);
  });

  it('rejects a statement larger than a DynamoDB item and names it', async () => {
    const key = uniqueKey();
    const huge = makeNewStatement({ indexKeys: [key], statement: { result: { response: 'x'.repeat(410 * 1024) } } });
    const batch = [makeNewStatement({ indexKeys: [key] }), huge];

    const insert = store.insert(batch);

    await expect(insert).rejects.toThrow(PayloadTooLargeError);
    await expect(insert).rejects.toThrow(`Statement ${huge.statement.id} is larger than the 400 KB`);
    await expectNothingStored(batch, key);
  });

  it('rejects a batch over the 4 MB of one transaction', async () => {
    const key = uniqueKey();
    const batch = Array.from({ length: 11 }, () => makeNewStatement({ indexKeys: [key], statement: { result: { response: 'x'.repeat(390 * 1024) } } }));

    const insert = store.insert(batch);

    await expect(insert).rejects.toThrow(PayloadTooLargeError);
    await expect(insert).rejects.toThrow('Send fewer statements per request');
    await expectNothingStored(batch, key);
  });

  it('stores a statement just under the item limit', async () => {
    const statement = makeNewStatement({ statement: { result: { response: 'x'.repeat(395 * 1024) } } });

    await store.insert([statement]);

    expect((await store.getByIds([statement.statement.id])).get(statement.statement.id)?.statement).toEqual(statement.statement);
  });
});
