/**
 * ContactMomentRecordStore on the single table: pk `REGISTRATION#<registration>`,
 * sk `CONTACT_MOMENT#<recordedAt>#<random>` (oldest first).
 * list: Query pk = REGISTRATION#<registration> AND begins_with(sk, CONTACT_MOMENT#).
 */
import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ContactForm } from '../../core/course/schema.js';
import type { ContactMomentRecord, ContactMomentRecordStore } from '../../core/contact-moment/ports.js';
import { MalformedItemError, translateAuthStoreError } from './auth-store-errors.js';

const RecordItem = z.object({
  registration: z.string().min(1),
  coachId: z.string().min(1),
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
      const records: ContactMomentRecord[] = [];
      let start: Record<string, unknown> | undefined;
      try {
        do {
          const page = await doc.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
              ExpressionAttributeValues: { ':pk': `REGISTRATION#${registration.toLowerCase()}`, ':prefix': PREFIX },
              ExclusiveStartKey: start,
              ConsistentRead: true,
            }),
          );
          for (const item of page.Items ?? []) {
            const parsed = RecordItem.safeParse(item);
            if (!parsed.success) throw new MalformedItemError(`contact moment record ${String(item.sk)}`, parsed.error);
            records.push(parsed.data);
          }
          start = page.LastEvaluatedKey;
        } while (start);
        return records;
      } catch (error) {
        throw translateAuthStoreError(error, 'list contact moment records');
      }
    },
  };
}
