/**
 * ContactMomentRecordStore on the single table: pk `REGISTRATION#<registration>`,
 * sk `CONTACT_MOMENT#<recordedAt>#<random>` (oldest first).
 * list: Query pk = REGISTRATION#<registration> AND begins_with(sk, CONTACT_MOMENT#).
 */
import { randomBytes } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { ContactForm } from '../../core/course/contact-form.js';
import type { ContactMomentRecord, ContactMomentRecordStore } from '../../core/contact-moment/ports.js';
import { MalformedItemError, translateAuthStoreError } from './auth-store-errors.js';
import { queryAllItems } from './query-all.js';

const RecordItem = z.object({
  registration: z.string().check(z.minLength(1)),
  coachId: z.string().check(z.minLength(1)),
  date: z.string(),
  form: ContactForm,
  attended: z.boolean(),
  answers: z.record(z.string(), z.union([z.string(), z.number()])),
  recordedAt: z.string(),
});

const PREFIX = 'CONTACT_MOMENT#';

export function createContactRecordStore(deps: { doc: DynamoDBDocumentClient; tableName: string }): ContactMomentRecordStore {
  const { doc, tableName } = deps;
  return {
    async add(record) {
      const registration = record.registration.toLowerCase();
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              pk: `REGISTRATION#${registration}`,
              sk: `${PREFIX}${record.recordedAt}#${randomBytes(4).toString('hex')}`,
              type: 'ContactMomentRecord',
              ...record,
              registration,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        throw translateAuthStoreError(error, 'store a contact moment record');
      }
    },
    async list(registration) {
      try {
        const items = await queryAllItems(doc, {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `REGISTRATION#${registration.toLowerCase()}`, ':prefix': PREFIX },
          ConsistentRead: true,
        });
        return items.map((item): ContactMomentRecord => {
          const parsed = RecordItem.safeParse(item);
          if (!parsed.success) throw new MalformedItemError(`contact moment record ${String(item.sk)}`, parsed.error);
          return parsed.data;
        });
      } catch (error) {
        throw translateAuthStoreError(error, 'list contact moment records');
      }
    },
  };
}
