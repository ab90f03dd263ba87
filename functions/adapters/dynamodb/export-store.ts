/**
 * ExportStore on the single table: the SCORM exports of the course, one per organisation, and the
 * LMS learners who arrived through each.
 *
 * | item    | pk                       | sk                       | gsi1pk                            | gsi1sk                        |
 * |---------|--------------------------|--------------------------|-----------------------------------|-------------------------------|
 * | export  | `SCORMEXPORT#<exportId>` | `EXPORT`                 | `SCORMEXPORTS`                    | `<createdAt>#<exportId>`      |
 * | learner | `USER#<userId>`          | `SCORMEXPORT#<exportId>` | `SCORMEXPORT#<exportId>#LEARNERS` | `<lastLaunchAt>#<userId>`     |
 *
 * GetItem by id (every launch checks its key), Query gsi1 for the admin's list, PutItem with
 * `attribute_not_exists(pk)`, UpdateItem `SET revokedAt` to revoke. A launch is one transaction:
 * the learner item (`attribute_not_exists` on the first launch) and the export's `learnerCount`
 * (ADD 1 on a first launch only) and `lastLaunchAt`. The learner item sits in the participant's
 * own partition, so an erasure (which deletes that partition) takes it along. The learners of an
 * export: Query gsi1 `SCORMEXPORT#<exportId>#LEARNERS`, most recent launch first; a participant's
 * own (their data export): Query `USER#<userId>`, `begins_with(sk, SCORMEXPORT#)`.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExportLaunch, ExportLearner, ExportRecord, ExportStore } from '../../core/scorm/exports/ports.js';
import { queryAllItems } from './query-all.js';
import { GSI1 } from './table-definition.js';
import { userPk } from './user-store.js';

const exportPk = (exportId: string) => `SCORMEXPORT#${exportId}`;
const exportKey = (exportId: string) => ({ pk: exportPk(exportId), sk: 'EXPORT' });
const learnersPk = (exportId: string) => `SCORMEXPORT#${exportId}#LEARNERS`;

export function createExportStore({ doc, tableName }: { doc: DynamoDBDocumentClient; tableName: string }): ExportStore {
  return {
    async put(record) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...exportKey(record.exportId), gsi1pk: 'SCORMEXPORTS', gsi1sk: `${record.createdAt}#${record.exportId}`, ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },
    async get(exportId) {
      const item = (await doc.send(new GetCommand({ TableName: tableName, Key: exportKey(exportId), ConsistentRead: true }))).Item;
      return item ? toRecord(item) : undefined;
    },
    async list() {
      const items = await queryAllItems(doc, {
        TableName: tableName,
        IndexName: GSI1.name,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'SCORMEXPORTS' },
        ScanIndexForward: false,
      });
      return items.map(toRecord);
    },
    async revoke(exportId, revokedAt) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: exportKey(exportId),
          UpdateExpression: 'SET revokedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': revokedAt },
        }),
      );
    },
    async recordLaunch(launch) {
      // Most launches are returning learners: try that first, then the first launch.
      if (await tryLaunch(launch, false)) return { firstLaunch: false };
      if (await tryLaunch(launch, true)) return { firstLaunch: true };
      // A first launch of the same learner in a parallel request won: this one is a return.
      if (await tryLaunch(launch, false)) return { firstLaunch: false };
      throw new Error(`The launch of ${launch.userId} through export ${launch.exportId} could not be recorded.`);
    },
    async learners(exportId) {
      const items = await queryAllItems(doc, {
        TableName: tableName,
        IndexName: GSI1.name,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': learnersPk(exportId) },
        ScanIndexForward: false,
      });
      return items.map(toLearner);
    },
    async launchesOf(userId) {
      const items = await queryAllItems(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': userPk(userId), ':prefix': 'SCORMEXPORT#' },
      });
      return items.map(toLearner);
    },
  };

  /** One transaction; false when its condition on the learner item did not hold. */
  async function tryLaunch(launch: ExportLaunch, first: boolean): Promise<boolean> {
    const learnerKey = { pk: userPk(launch.userId), sk: exportPk(launch.exportId) };
    const listed = `${launch.at}#${launch.userId}`;
    const learner = first
      ? {
          Put: {
            TableName: tableName,
            Item: {
              ...learnerKey,
              gsi1pk: learnersPk(launch.exportId),
              gsi1sk: listed,
              type: 'ScormExportLearner',
              exportId: launch.exportId,
              userId: launch.userId,
              name: launch.name,
              firstLaunchAt: launch.at,
              lastLaunchAt: launch.at,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }
      : {
          Update: {
            TableName: tableName,
            Key: learnerKey,
            UpdateExpression: 'SET lastLaunchAt = :at, gsi1sk = :listed, #name = :name',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#name': 'name' },
            ExpressionAttributeValues: { ':at': launch.at, ':listed': listed, ':name': launch.name },
          },
        };
    const exportUpdate = {
      Update: {
        TableName: tableName,
        Key: exportKey(launch.exportId),
        UpdateExpression: first ? 'SET lastLaunchAt = :at ADD learnerCount :one' : 'SET lastLaunchAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': launch.at, ...(first ? { ':one': 1 } : {}) },
      },
    };
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: [learner, exportUpdate] }));
      return true;
    } catch (error) {
      const [learnerCode, exportCode] = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((r) => r.Code) : [];
      if (exportCode === 'ConditionalCheckFailed') throw new Error(`Export ${launch.exportId} does not exist.`, { cause: error });
      if (learnerCode === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }
}

function toLearner(item: Record<string, unknown>): ExportLearner {
  return {
    exportId: String(item.exportId),
    userId: String(item.userId),
    name: String(item.name),
    firstLaunchAt: String(item.firstLaunchAt),
    lastLaunchAt: String(item.lastLaunchAt),
  };
}

function toRecord(item: Record<string, unknown>): ExportRecord {
  return {
    exportId: String(item.exportId),
    organisation: String(item.organisation),
    secretHash: String(item.secretHash),
    createdAt: String(item.createdAt),
    createdBy: String(item.createdBy),
    revokedAt: typeof item.revokedAt === 'string' ? item.revokedAt : null,
    learnerCount: typeof item.learnerCount === 'number' ? item.learnerCount : 0,
    lastLaunchAt: typeof item.lastLaunchAt === 'string' ? item.lastLaunchAt : null,
  };
}
