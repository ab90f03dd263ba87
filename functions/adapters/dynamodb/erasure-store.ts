/**
 * ErasureStore on the single table: a participant's right to erasure, item type by item type.
 *
 * | item            | pk                  | sk        |
 * |-----------------|---------------------|-----------|
 * | erasure record  | `ERASURE#<userId>`  | `ERASURE` |
 *
 * Everything is found by key, never by Scan:
 * - statements: Query `IDX#ragent|<agent>` (every statement the agent appears in), then, 100
 *   statements at a time (BatchGetItem), their other index entries (from `indexKeys` and `seq`)
 *   and delivery states at every forwarding target, then the statement items; the `ragent`
 *   entries go last, so an interrupted erasure finds the rest again;
 * - documents: Query the agent's Agent Profile partition, and its State partition per activity;
 * - an enrolment: Query `REGISTRATION#<reg>` and `READINESS#<reg>`; the roster entry and the
 *   place in a coach's slot by key;
 * - the user: Query `USER#<userId>` (user, enrolments, drafts, coach assignment, registration
 *   number) and the e-mail look-up by key.
 * Deletes go in BatchWriteItem rounds of 25; deleting what is already gone is no error, so every
 * step can be repeated.
 */
import { BatchGetCommand, BatchWriteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Enrolment } from '../../core/enrolment/ports.js';
import type { ErasureRecord, ErasureStore } from '../../core/privacy/ports.js';
import { chunk, drain, forEachConcurrently } from './batch-retry.js';
import { documentSetQuery } from './document-items.js';
import { deliveryKey } from './delivery-state-store.js';
import { rosterKey } from './enrolment-store.js';
import { queryAllItems } from './query-all.js';
import { readinessPk } from './readiness-items.js';
import { slotBookingKey } from './slot-store.js';
import { allBucketPk, bucketOfSeq, indexPk, statementKey, type Key } from './statement-items.js';
import { GSI1 } from './table-definition.js';
import { emailPk, userPk } from './user-store.js';

const erasureKey = (userId: string): Key => ({ pk: `ERASURE#${userId}`, sk: 'ERASURE' });
const BATCH_WRITE_MAX = 25;
const BATCH_GET_MAX = 100;
const DOCUMENT_QUERY_CONCURRENCY = 8;

export function createErasureStore({ doc, tableName }: { doc: DynamoDBDocumentClient; tableName: string }): ErasureStore {
  const keysOf = (items: readonly Record<string, unknown>[]): Key[] => items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
  const partition = async (pk: string): Promise<Record<string, unknown>[]> =>
    queryAllItems(doc, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true });

  async function deleteAll(keys: readonly Key[]): Promise<number> {
    const unique = [...new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
    for (const batch of chunk(unique, BATCH_WRITE_MAX)) {
      await drain(batch, 'BatchWriteItem (erasure)', async (pending) => {
        const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending.map((Key) => ({ DeleteRequest: { Key } })) } }));
        return (result.UnprocessedItems?.[tableName] ?? []).map((request) => request.DeleteRequest!.Key as Key);
      });
    }
    return unique.length;
  }

  async function getAll(keys: readonly Key[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    await drain([...keys], 'BatchGetItem (erasure)', async (pending) => {
      const result = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(result.Responses?.[tableName] ?? []));
      return (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
    });
    return items;
  }

  async function forwardingTargetIds(): Promise<string[]> {
    const items = await queryAllItems(doc, {
      TableName: tableName,
      IndexName: GSI1.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'FWDTARGETS' },
    });
    return items.map((item) => String(item.targetId));
  }

  return {
    async get(userId) {
      const item = (await doc.send(new GetCommand({ TableName: tableName, Key: erasureKey(userId), ConsistentRead: true }))).Item;
      return item ? toRecord(item) : undefined;
    },

    async begin(userId, requestedAt, requestedBy) {
      const record: ErasureRecord = { userId, status: 'in-progress', requestedAt, requestedBy };
      try {
        await doc.send(
          new PutCommand({ TableName: tableName, Item: { ...erasureKey(userId), type: 'Erasure', ...record }, ConditionExpression: 'attribute_not_exists(pk)' }),
        );
        return record;
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
        const existing = (await doc.send(new GetCommand({ TableName: tableName, Key: erasureKey(userId), ConsistentRead: true }))).Item;
        return toRecord(existing!);
      }
    },

    async eraseStatements(agentKeys) {
      const targets = await forwardingTargetIds();
      const activityIds = new Set<string>();
      let count = 0;
      for (const agent of agentKeys) {
        const ragentPk = indexPk(`ragent|${agent}`);
        const entries = await partition(ragentPk);
        for (const ids of chunk([...new Set(entries.map((entry) => String(entry.id)))], BATCH_GET_MAX)) {
          const items = await getAll(ids.map(statementKey));
          const entryKeys = items.flatMap((item) => {
            const indexKeys = Array.isArray(item.indexKeys) ? (item.indexKeys as string[]) : [];
            for (const key of indexKeys) if (key.startsWith('ractivity|')) activityIds.add(key.slice('ractivity|'.length));
            const seq = typeof item.seq === 'string' ? item.seq : undefined;
            if (!seq) return [];
            const others = indexKeys.filter((key) => key !== `ragent|${agent}`).map((key) => ({ pk: indexPk(key), sk: seq }));
            return [...others, { pk: allBucketPk(bucketOfSeq(seq)), sk: seq }];
          });
          const found = keysOf(items);
          // Index entries and delivery states first, then the statements: until they are gone,
          // the ragent entries still lead an interrupted erasure back to them.
          await deleteAll([...entryKeys, ...found.flatMap((key) => targets.map((target) => deliveryKey(target, key.pk.slice('STATEMENT#'.length))))]);
          count += await deleteAll(found);
        }
        await deleteAll(keysOf(entries));
      }
      return { count, activityIds: [...activityIds] };
    },

    async eraseDocuments(agentKeys, activityIds) {
      let count = 0;
      for (const agent of agentKeys) {
        const sets = [
          documentSetQuery({ resource: 'agentProfile', agent }),
          ...activityIds.map((activityId) => documentSetQuery({ resource: 'state', activityId, agent })),
        ];
        // One Query per activity the agent's statements named: a few dozen, so a few at a time.
        await forEachConcurrently(sets, DOCUMENT_QUERY_CONCURRENCY, async ({ pk }) => {
          count += await deleteAll(keysOf(await partition(pk)));
        });
      }
      return count;
    },

    async eraseEnrolment(enrolment: Enrolment) {
      const registrationItems = await partition(`REGISTRATION#${enrolment.registration.toLowerCase()}`);
      const readinessItems = await partition(readinessPk(enrolment.registration));
      const booking = registrationItems.find((item) => item.sk === 'CONTACT_BOOKING');
      const place = typeof booking?.coachId === 'string' && typeof booking.slotId === 'string' ? [slotBookingKey(booking.coachId, booking.slotId, enrolment.registration)] : [];
      const lookUp = keysOf(registrationItems.filter((item) => item.sk === 'ENROLMENT'));
      const rest = keysOf(registrationItems.filter((item) => item.sk !== 'ENROLMENT'));
      const count = await deleteAll([...rest, ...keysOf(readinessItems), ...place, rosterKey(enrolment.courseId, enrolment.registration)]);
      return count + (await deleteAll(lookUp));
    },

    async pseudonymiseCertificate({ certificateId, participantName, erasedAt, contactMoment }) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `CERTIFICATE#${certificateId}`, sk: 'CERTIFICATE' },
          UpdateExpression: `SET participantName = :name, erasedAt = :at${contactMoment ? ', contactMoment = :moment' : ''}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':name': participantName, ':at': erasedAt, ...(contactMoment ? { ':moment': contactMoment } : {}) },
        }),
      );
    },

    async eraseUser(userId) {
      const items = await partition(userPk(userId));
      const user = items.find((item) => item.sk === 'USER');
      const email = typeof user?.email === 'string' ? [{ pk: emailPk(user.email), sk: 'EMAIL' }] : [];
      // The user item last: while it exists, an interrupted erasure can be started again.
      const rest = await deleteAll([...email, ...keysOf(items.filter((item) => item !== user))]);
      return rest + (user ? await deleteAll(keysOf([user])) : 0);
    },

    async complete(record) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...erasureKey(record.userId), type: 'Erasure', ...record } }));
    },
  };
}

function toRecord(item: Record<string, unknown>): ErasureRecord {
  const { userId, status, requestedAt, requestedBy, completedAt, certificateId, counts } = item as unknown as ErasureRecord;
  return { userId, status, requestedAt, requestedBy, ...(completedAt ? { completedAt } : {}), ...(certificateId ? { certificateId } : {}), ...(counts ? { counts } : {}) };
}
