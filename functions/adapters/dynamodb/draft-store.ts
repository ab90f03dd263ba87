/**
 * DraftStore on the single table: pk `USER#<userId>`, sk `DRAFT#<courseId>#<itemId>`.
 * list: Query pk = USER#<userId> AND begins_with(sk, DRAFT#<courseId>#).
 */
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import type { Draft, DraftStore } from '../../core/drafts/ports.js';
import { MalformedItemError, translateAuthStoreError } from './auth-store-errors.js';
import { queryAllItems } from './query-all.js';

const DraftItem = z.object({ itemId: z.string().check(z.minLength(1)), content: z.string(), savedAt: z.string() });

const prefix = (courseId: string) => `DRAFT#${courseId}#`;

export function createDraftStore(deps: { doc: DynamoDBDocumentClient; tableName: string }): DraftStore {
  const { doc, tableName } = deps;
  return {
    async list(userId, courseId) {
      try {
        const items = await queryAllItems(doc, {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': prefix(courseId) },
          ConsistentRead: true,
        });
        return items.map((item): Draft => {
          const parsed = DraftItem.safeParse(item);
          if (!parsed.success) throw new MalformedItemError(`draft ${String(item.sk)}`, parsed.error);
          return { itemId: parsed.data.itemId, content: JSON.parse(parsed.data.content) as Record<string, unknown>, savedAt: parsed.data.savedAt };
        });
      } catch (error) {
        throw translateAuthStoreError(error, 'list drafts');
      }
    },
    async put(userId, courseId, draft) {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { pk: `USER#${userId}`, sk: `${prefix(courseId)}${draft.itemId}`, type: 'Draft', itemId: draft.itemId, content: JSON.stringify(draft.content), savedAt: draft.savedAt },
          }),
        );
      } catch (error) {
        throw translateAuthStoreError(error, 'save a draft');
      }
    },
  };
}
