/**
 * The paths DynamoDB Local cannot produce (throttling, unprocessed batch items), against a mocked
 * client. The behaviour on a real table is in tests/integration/statement-store.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createStatementStore } from '../../functions/adapters/dynamodb/statement-store.js';
import { StatementConflictError, ThrottledError } from '../../functions/core/errors.js';
import { newSeq } from '../../functions/core/xapi/seq.js';
import type { NewStatement } from '../../functions/core/xapi/statement-store.js';

const tableName = 'statements';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
const mock = mockClient(doc);
const store = createStatementStore({ doc, tableName });

function makeNewStatement(overrides: Partial<NewStatement> = {}): NewStatement {
  return {
    seq: newSeq(new Date()),
    statement: { id: randomUUID(), stored: new Date().toISOString(), verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' } },
    indexKeys: ['verb|http://adlnet.gov/expapi/verbs/experienced'],
    ...overrides,
  };
}

function canceled(...codes: string[]): TransactionCanceledException {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

beforeEach(() => {
  mock.reset();
  mock.on(BatchWriteCommand).resolves({});
  mock.on(BatchGetCommand).resolves({ Responses: { [tableName]: [] } });
});

describe('statement store error translation', () => {
  it('sends index entries that DynamoDB left unprocessed again', async () => {
    const statement = makeNewStatement();
    mock
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [tableName]: [{ PutRequest: { Item: { pk: 'IDX#x', sk: statement.seq, id: statement.statement.id } } }] } })
      .resolves({});
    mock.on(TransactWriteCommand).resolves({});

    await store.insert([statement]);

    const writes = mock.commandCalls(BatchWriteCommand);
    expect(writes).toHaveLength(2);
    expect(writes[1]!.args[0].input.RequestItems?.[tableName]).toEqual([{ PutRequest: { Item: { pk: 'IDX#x', sk: statement.seq, id: statement.statement.id } } }]);
  });

  it('retries a transaction canceled by a conflict and succeeds', async () => {
    mock.on(TransactWriteCommand).rejectsOnce(canceled('TransactionConflict', 'None')).resolves({});

    await store.insert([makeNewStatement(), makeNewStatement()]);

    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('gives up on a throttled transaction with a ThrottledError that keeps the cause', async () => {
    const cause = canceled('ThrottlingError');
    mock.on(TransactWriteCommand).rejects(cause);

    const error = await store.insert([makeNewStatement()]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).cause).toBe(cause);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(4);
  });

  it('names the taken ids from the cancellation reasons and deletes the inert entries', async () => {
    const free = makeNewStatement();
    const taken = makeNewStatement();
    mock.on(TransactWriteCommand).rejects(canceled('None', 'ConditionalCheckFailed'));

    const error = await store.insert([free, taken]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StatementConflictError);
    expect((error as StatementConflictError).statementIds).toEqual([taken.statement.id]);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(1);
    const deletes = mock.commandCalls(BatchWriteCommand).flatMap((call) => call.args[0].input.RequestItems?.[tableName] ?? []).filter((r) => r.DeleteRequest);
    expect(deletes).toHaveLength(4);
  });

  it('turns a throttled query into a ThrottledError and anything else into an Error with cause', async () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    mock.on(QueryCommand).rejectsOnce(throttled).rejectsOnce(new Error('socket hang up'));

    const first = await store.readIndex({ key: 'verb|x', ascending: true, limit: 5 }).catch((e: unknown) => e);
    const second = await store.readIndex({ key: 'verb|x', ascending: true, limit: 5 }).catch((e: unknown) => e);

    expect(first).toBeInstanceOf(ThrottledError);
    expect((first as Error).cause).toBe(throttled);
    expect(second).not.toBeInstanceOf(ThrottledError);
    expect((second as Error).cause).toBeInstanceOf(Error);
  });

  it('sends the key condition and page size the bounds ask for', async () => {
    mock.on(QueryCommand).resolves({ Items: [] });

    await store.readIndex({ key: 'verb|x', ascending: false, afterSeq: 'a', beforeSeq: 'b', limit: 7 });

    expect(mock.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :after AND :before',
      ExpressionAttributeValues: { ':pk': 'IDX#verb|x', ':after': 'a', ':before': 'b' },
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: 8,
    });
  });
});
