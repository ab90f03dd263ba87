/**
 * ReadinessStore on the single table (items: readiness-items.ts).
 *
 * - get: Query pk = READINESS#<registration> (consistent): the summary and the state, one request.
 * - put: TransactWriteItems of both items; the summary's condition is `attribute_not_exists(pk)`
 *   for a new record or `version = :expected`, so a writer that read an older version loses and
 *   gets ReadinessVersionConflict (read again, apply again).
 * - listForCoach: Query gsi1 gsi1pk = COACH#<coachId> [AND begins_with(gsi1sk, <status>#)], by
 *   status, then name. The summaries only: the state item is not in the index.
 * - listRegistrations: Query pk = COURSE#<courseId> AND begins_with(sk, ENROLMENT#), the course's
 *   roster items that the enrolment store writes with every enrolment (enrolment-store.ts).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { AppError, ThrottledError } from '../../core/errors.js';
import { ReadinessVersionConflict, type ReadinessStore } from '../../core/readiness/ports.js';
import { MalformedItemError } from './auth-store-errors.js';
import { courseRosterPk, ROSTER_SK_PREFIX } from './enrolment-store.js';
import { readinessPk, STATE_SK, stateItem, SUMMARY_SK, summaryItem, toRecord, toSummary, type Item } from './readiness-items.js';
import { GSI1 } from './table-definition.js';

/** Any other failure talking to DynamoDB (a 500); the message is for logs, never for callers. */
export class ReadinessStoreError extends Error {
  override readonly name = 'ReadinessStoreError';
}

const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'LimitExceededException']);
/** Another transaction on the same item won the race: as good as a newer version. */
const CONFLICTING_CANCELLATIONS = new Set(['ConditionalCheckFailed', 'TransactionConflict']);

export function createReadinessStore(deps: { doc: DynamoDBDocumentClient; tableName: string }): ReadinessStore {
  const { doc, tableName } = deps;

  async function* query(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>, action: string): AsyncGenerator<Item> {
    let startKey: Record<string, unknown> | undefined;
    do {
      let page;
      try {
        page = await doc.send(new QueryCommand({ ...input, TableName: tableName, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
      } catch (error) {
        throw translate(error, action);
      }
      yield* page.Items ?? [];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  return {
    async get(registration) {
      const items: Item[] = [];
      for await (const item of query(
        { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': readinessPk(registration) }, ConsistentRead: true },
        'read a readiness record',
      )) {
        items.push(item);
      }
      const summary = items.find((item) => item.sk === SUMMARY_SK);
      return summary ? toRecord(summary, items.find((item) => item.sk === STATE_SK)) : undefined;
    },

    async put(record, expectedVersion) {
      const version = (expectedVersion ?? 0) + 1;
      const condition =
        expectedVersion === null
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } };
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: summaryItem(record, version), ...condition } },
              { Put: { TableName: tableName, Item: stateItem(record, version) } },
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None').filter((code) => code !== 'None');
          if (codes.length > 0 && codes.every((code) => CONFLICTING_CANCELLATIONS.has(code))) {
            throw new ReadinessVersionConflict(`The readiness of ${record.registration} changed since version ${expectedVersion ?? '(none)'} was read.`, { cause: error });
          }
        }
        throw translate(error, 'store a readiness record');
      }
    },

    async listForCoach(coachId, options = {}) {
      const status = options.status;
      const out = [];
      for await (const item of query(
        {
          IndexName: GSI1.name,
          KeyConditionExpression: status ? '#pk = :pk AND begins_with(#sk, :status)' : '#pk = :pk',
          ExpressionAttributeNames: { '#pk': GSI1.partitionKey, ...(status ? { '#sk': GSI1.sortKey } : {}) },
          ExpressionAttributeValues: { ':pk': `COACH#${coachId}`, ...(status ? { ':status': `${status}#` } : {}) },
        },
        "list a coach's participants",
      )) {
        out.push(toSummary(item));
      }
      return out;
    },

    async *listRegistrations(courseId) {
      for await (const item of query(
        {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': courseRosterPk(courseId), ':prefix': ROSTER_SK_PREFIX },
          ProjectionExpression: '#registration',
          ExpressionAttributeNames: { '#registration': 'registration' },
        },
        "list a course's registrations",
      )) {
        if (typeof item.registration !== 'string') throw new MalformedItemError(`roster item of course ${courseId}`, new Error('registration is not a string'));
        yield item.registration;
      }
    },
  };
}

function translate(error: unknown, action: string): Error {
  if (error instanceof AppError || error instanceof MalformedItemError || error instanceof ReadinessStoreError || error instanceof ReadinessVersionConflict) return error;
  const name = error instanceof Error ? error.name : undefined;
  if (name !== undefined && THROTTLING.has(name)) return new ThrottledError('The database is busy. Try again in a moment.', { cause: error });
  return new ReadinessStoreError(`Could not ${action}: ${name ?? 'unknown error'}`, { cause: error });
}
