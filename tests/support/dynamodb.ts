/** A fresh table in the run's DynamoDB Local for one test file. */
import { DynamoDBClient, CreateTableCommand, DeleteTableCommand, waitUntilTableExists, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTableInput } from '../../functions/adapters/dynamodb/table-definition.js';

export interface TestTable {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
  endpoint: string;
  drop(): Promise<void>;
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/**
 * The table definition without its stream. DynamoDB Local emulates a stream slowly, and the more
 * stream records the instance holds the slower every later write gets (measured: PutItem from
 * ~2,000/s to ~100/s), where in AWS a stream costs writes nothing. Tables nobody reads a stream of
 * (the benchmark, tests without the stream poller) leave it off.
 */
export function tableInputWithoutStream(tableName: string): CreateTableCommandInput {
  const { StreamSpecification: _stream, ...input } = createTableInput(tableName);
  return input;
}

/**
 * `endpoint` defaults to the test run's DynamoDB Local (vitest's inject); the bench passes its
 * own. `stream: false` leaves the table's stream off (see tableInputWithoutStream).
 */
export async function createTestTable(endpoint: string = inject('dynamoEndpoint'), options: { stream?: boolean } = {}): Promise<TestTable> {
  const client = localDynamoClient(endpoint);
  const tableName = `test-${randomUUID()}`;
  await client.send(new CreateTableCommand(options.stream === false ? tableInputWithoutStream(tableName) : createTableInput(tableName)));
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    client,
    doc,
    tableName,
    endpoint,
    async drop() {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
