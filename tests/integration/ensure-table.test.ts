/** ensureTable against the run's DynamoDB Local: creates once, then finds it, TTL on either way. */
import { afterAll, describe, expect, it } from 'vitest';
import { DeleteTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ensureTable } from '../../functions/adapters/dynamodb/ensure-table.js';
import { TTL_ATTRIBUTE } from '../../functions/adapters/dynamodb/table-definition.js';
import { localDynamoClient } from '../support/dynamodb.js';

const client = localDynamoClient(inject('dynamoEndpoint'));
const tableName = `ensure-${randomUUID()}`;

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client.destroy();
});

describe('ensureTable', () => {
  it('creates the table, ACTIVE, with TTL on the ttl attribute', async () => {
    expect(await ensureTable(client, tableName)).toBe('created');
    const table = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(table.Table?.TableStatus).toBe('ACTIVE');
    expect(table.Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['gsi1']);
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: TTL_ATTRIBUTE });
  });

  it('is idempotent: a second run finds the table and leaves TTL enabled', async () => {
    expect(await ensureTable(client, tableName)).toBe('existed');
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
  });
});
