/**
 * EnrolmentStore on the single table.
 *
 * | item                   | pk                             | sk                       |
 * |------------------------|--------------------------------|--------------------------|
 * | enrolment              | `USER#<userId>`                | `ENROLMENT#<courseId>`   |
 * | registration look-up   | `REGISTRATION#<registration>`  | `ENROLMENT`              |
 * | course roster entry    | `COURSE#<courseId>`            | `ENROLMENT#<registration>` |
 *
 * All are written in one transaction, the first two only if absent, so a user never gets two
 * registrations for one course, even when two first requests race. The roster lets the readiness
 * rebuild list every enrolment of a course with a Query (readiness-store.ts), never a Scan.
 */
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import type { Enrolment, EnrolmentStore } from '../../core/enrolment/ports.js';
import { MalformedItemError, translateAuthStoreError } from './auth-store-errors.js';

const EnrolmentItem = z.object({
  userId: z.string().check(z.minLength(1)),
  courseId: z.string().check(z.minLength(1)),
  courseVersion: z.string().check(z.minLength(1)),
  registration: z.string().check(z.minLength(1)),
  createdAt: z.string(),
});

export const enrolmentKey = (userId: string, courseId: string) => ({ pk: `USER#${userId}`, sk: `ENROLMENT#${courseId}` });
export const registrationKey = (registration: string) => ({ pk: `REGISTRATION#${registration.toLowerCase()}`, sk: 'ENROLMENT' });
export const courseRosterPk = (courseId: string) => `COURSE#${courseId}`;
export const ROSTER_SK_PREFIX = 'ENROLMENT#';
export const rosterKey = (courseId: string, registration: string) => ({ pk: courseRosterPk(courseId), sk: `${ROSTER_SK_PREFIX}${registration.toLowerCase()}` });

function toEnrolment(item: Record<string, unknown>): Enrolment {
  const parsed = EnrolmentItem.safeParse(item);
  if (!parsed.success) throw new MalformedItemError(`enrolment item ${String(item.pk)}/${String(item.sk)}`, parsed.error);
  return parsed.data;
}

export function createEnrolmentStore(deps: { doc: DynamoDBDocumentClient; tableName: string }): EnrolmentStore {
  const { doc, tableName } = deps;
  const get = async (key: { pk: string; sk: string }, action: string) => {
    try {
      const result = await doc.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      return result.Item ? toEnrolment(result.Item) : undefined;
    } catch (error) {
      throw translateAuthStoreError(error, action);
    }
  };
  const store: EnrolmentStore = {
    getForUser: (userId, courseId) => get(enrolmentKey(userId, courseId), 'read an enrolment'),
    getByRegistration: (registration) => get(registrationKey(registration), 'read an enrolment by registration'),
    async createOrGet(enrolment) {
      const attributes = { ...enrolment, registration: enrolment.registration.toLowerCase(), type: 'Enrolment' };
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: { ...enrolmentKey(enrolment.userId, enrolment.courseId), ...attributes }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: tableName, Item: { ...registrationKey(enrolment.registration), ...attributes }, ConditionExpression: 'attribute_not_exists(pk)' } },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...rosterKey(enrolment.courseId, enrolment.registration), type: 'CourseRosterEntry', userId: enrolment.userId, registration: attributes.registration, createdAt: enrolment.createdAt },
                },
              },
            ],
          }),
        );
        return { ...enrolment, registration: attributes.registration };
      } catch (error) {
        if (error instanceof Error && error.name === 'TransactionCanceledException') {
          const existing = await store.getForUser(enrolment.userId, enrolment.courseId);
          if (existing) return existing;
        }
        throw translateAuthStoreError(error, 'store an enrolment');
      }
    },
  };
  return store;
}
