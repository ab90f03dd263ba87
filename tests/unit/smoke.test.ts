import { describe, expect, it } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createTestTable } from '../support/dynamodb.js';

describe('test infrastructure', () => {
  it('gives each file a real DynamoDB Local table', async () => {
    const table = await createTestTable();
    const result = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: { pk: { S: 'x' }, sk: { S: 'y' } } }));
    expect(result.Item).toBeUndefined();
    await table.drop();
  });
});
