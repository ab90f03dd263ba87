/**
 * PeopleDirectory on the single table: the user items (written by user-store.ts) through gsi1,
 * Query gsi1pk = `USERS` (ordered by e-mail), keeping the users with the role asked for. Read-only;
 * only the fields a list needs are mapped (never a password hash).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import type { PeopleDirectory, PersonSummary } from '../../core/contact-moment/ports.js';
import { GSI1 } from './table-definition.js';
import { MalformedItemError, translateAuthStoreError } from './auth-store-errors.js';
import { queryAllItems } from './query-all.js';

const PersonItem = z.object({ userId: z.string().check(z.minLength(1)), name: z.string(), email: z.string(), roles: z.array(z.string()) });

export function createPeopleDirectory(deps: { doc: DynamoDBDocumentClient; tableName: string }): PeopleDirectory {
  const { doc, tableName } = deps;
  return {
    async listByRole(role) {
      try {
        const items = await queryAllItems(doc, {
          TableName: tableName,
          IndexName: GSI1.name,
          KeyConditionExpression: '#pk = :pk',
          FilterExpression: 'contains(#roles, :role)',
          ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#roles': 'roles' },
          ExpressionAttributeValues: { ':pk': 'USERS', ':role': role },
        });
        return items.map((item): PersonSummary => {
          const parsed = PersonItem.safeParse(item);
          if (!parsed.success) throw new MalformedItemError(`user ${String(item.pk)}`, parsed.error);
          return { userId: parsed.data.userId, name: parsed.data.name, email: parsed.data.email, roles: parsed.data.roles };
        });
      } catch (error) {
        throw translateAuthStoreError(error, 'list users');
      }
    },
  };
}
