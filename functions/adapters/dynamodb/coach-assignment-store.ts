/**
 * CoachAssignmentStore on the single table: pk `USER#<userId>`, sk `COACH_ASSIGNMENT#<courseId>`.
 * get: GetItem; getMany: BatchGetItem in chunks of 100 (the admin's list); put: PutItem.
 */
import { BatchGetCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import type { CoachAssignment, CoachAssignmentStore } from '../../core/contact-moment/ports.js';
import { MalformedItemError, translateAuthStoreError } from './auth-store-errors.js';
import { chunk, drain } from './batch-retry.js';

const AssignmentItem = z.object({
  userId: z.string().check(z.minLength(1)),
  courseId: z.string().check(z.minLength(1)),
  coachId: z.string().check(z.minLength(1)),
  assignedAt: z.string(),
  assignedBy: z.string(),
});

export const coachAssignmentKey = (userId: string, courseId: string) => ({ pk: `USER#${userId}`, sk: `COACH_ASSIGNMENT#${courseId}` });

function toAssignment(item: Record<string, unknown>): CoachAssignment {
  const parsed = AssignmentItem.safeParse(item);
  if (!parsed.success) throw new MalformedItemError(`coach assignment ${String(item.pk)}`, parsed.error);
  return parsed.data;
}

export function createCoachAssignmentStore(deps: { doc: DynamoDBDocumentClient; tableName: string }): CoachAssignmentStore {
  const { doc, tableName } = deps;
  return {
    async get(userId, courseId) {
      try {
        const result = await doc.send(new GetCommand({ TableName: tableName, Key: coachAssignmentKey(userId, courseId), ConsistentRead: true }));
        return result.Item ? toAssignment(result.Item) : undefined;
      } catch (error) {
        throw translateAuthStoreError(error, 'read a coach assignment');
      }
    },
    async getMany(userIds, courseId) {
      const found = new Map<string, CoachAssignment>();
      try {
        for (const ids of chunk([...new Set(userIds)], 100)) {
          await drain(
            ids.map((id) => coachAssignmentKey(id, courseId)),
            'BatchGetItem',
            async (keys) => {
              const result = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
              for (const item of result.Responses?.[tableName] ?? []) {
                const assignment = toAssignment(item);
                found.set(assignment.userId, assignment);
              }
              return (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof keys;
            },
          );
        }
        return found;
      } catch (error) {
        throw translateAuthStoreError(error, 'read coach assignments');
      }
    },
    async put(assignment) {
      try {
        await doc.send(new PutCommand({ TableName: tableName, Item: { ...coachAssignmentKey(assignment.userId, assignment.courseId), type: 'CoachAssignment', ...assignment } }));
      } catch (error) {
        throw translateAuthStoreError(error, 'store a coach assignment');
      }
    },
  };
}
