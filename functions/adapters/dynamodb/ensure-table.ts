/**
 * Creates the one table (as the CDK stack defines it) unless it exists, waits until it is ACTIVE
 * and switches TTL on. Idempotent, so the local runtime runs it on every start against a
 * persistent DynamoDB Local folder. In AWS, CloudFormation owns the table; this is not used there.
 */
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, TTL_ATTRIBUTE } from './table-definition.js';

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'existed'> {
  const outcome = await createUnlessExists(client, tableName);
  // An existing table may still be CREATING (e.g. a start that was interrupted a moment ago).
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
  await enableTimeToLive(client, tableName);
  return outcome;
}

async function createUnlessExists(client: DynamoDBClient, tableName: string): Promise<'created' | 'existed'> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    return 'created';
  } catch (error) {
    if (errorName(error) === 'ResourceInUseException') return 'existed';
    throw error;
  }
}

async function enableTimeToLive(client: DynamoDBClient, tableName: string): Promise<void> {
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = current.TimeToLiveDescription?.TimeToLiveStatus;
  if ((status === 'ENABLED' || status === 'ENABLING') && current.TimeToLiveDescription?.AttributeName === TTL_ATTRIBUTE) return;
  try {
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }),
    );
  } catch (error) {
    // Another process may have enabled it between our describe and update.
    if (errorName(error) === 'ValidationException' && /already enabled/i.test(errorMessage(error))) return;
    throw error;
  }
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
