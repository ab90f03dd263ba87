/**
 * ConsentStore on the single table: pk `REGISTRATION#<registration>`, sk `CONSENT#COACH`.
 * get: GetItem (consistent: a withdrawn consent must hold from the next request on).
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import type { ConsentStore } from '../../core/contact-moment/ports.js';
import { MalformedItemError, translateAuthStoreError } from './auth-store-errors.js';

const ConsentItem = z.object({ registration: z.string().check(z.minLength(1)), shared: z.boolean(), changedAt: z.string() });

export const consentKey = (registration: string) => ({ pk: `REGISTRATION#${registration.toLowerCase()}`, sk: 'CONSENT#COACH' });

export function createConsentStore(deps: { doc: DynamoDBDocumentClient; tableName: string }): ConsentStore {
  const { doc, tableName } = deps;
  return {
    async get(registration) {
      try {
        const result = await doc.send(new GetCommand({ TableName: tableName, Key: consentKey(registration), ConsistentRead: true }));
        if (!result.Item) return undefined;
        const parsed = ConsentItem.safeParse(result.Item);
        if (!parsed.success) throw new MalformedItemError(`consent ${consentKey(registration).pk}`, parsed.error);
        return parsed.data;
      } catch (error) {
        throw translateAuthStoreError(error, 'read a consent');
      }
    },
    async put(consent) {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...consentKey(consent.registration), type: 'CoachConsent', ...consent, registration: consent.registration.toLowerCase() },
          }),
        );
      } catch (error) {
        throw translateAuthStoreError(error, 'store a consent');
      }
    },
  };
}
