/**
 * RegistrationNumberStore on the single table.
 *
 * | item                | pk              | sk                    |
 * |---------------------|-----------------|-----------------------|
 * | registration number | `USER#<userId>` | `REGISTRATION_NUMBER` |
 *
 * GetItem / PutItem / DeleteItem by key. Withdrawing consent deletes the item.
 */
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import type { RegistrationNumber, RegistrationNumberStore } from '../../core/accreditation/registration-number.js';
import { MalformedItemError, translateAuthStoreError } from './auth-store-errors.js';

const Item = z.object({ userId: z.string().check(z.minLength(1)), registerId: z.string().check(z.minLength(1)), number: z.string().check(z.minLength(1)), consentedAt: z.string().check(z.minLength(1)) });

export const registrationNumberKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'REGISTRATION_NUMBER' });

export function createRegistrationNumberStore(deps: { doc: DynamoDBDocumentClient; tableName: string }): RegistrationNumberStore {
  const { doc, tableName } = deps;
  return {
    async get(userId) {
      try {
        const item = (await doc.send(new GetCommand({ TableName: tableName, Key: registrationNumberKey(userId), ConsistentRead: true }))).Item;
        if (!item) return undefined;
        const parsed = Item.safeParse(item);
        if (!parsed.success) throw new MalformedItemError(`registration number of ${userId}`, parsed.error);
        return parsed.data;
      } catch (error) {
        throw translateAuthStoreError(error, 'read a registration number');
      }
    },
    async put(record: RegistrationNumber) {
      try {
        await doc.send(new PutCommand({ TableName: tableName, Item: { ...registrationNumberKey(record.userId), type: 'RegistrationNumber', ...record } }));
      } catch (error) {
        throw translateAuthStoreError(error, 'store a registration number');
      }
    },
    async delete(userId) {
      try {
        await doc.send(new DeleteCommand({ TableName: tableName, Key: registrationNumberKey(userId) }));
      } catch (error) {
        throw translateAuthStoreError(error, 'delete a registration number');
      }
    },
  };
}
