/**
 * ExportStore on the single table: the SCORM exports of the course, one per organisation.
 *
 * | item   | pk                      | sk       | gsi1pk         | gsi1sk                    |
 * |--------|-------------------------|----------|----------------|---------------------------|
 * | export | `SCORMEXPORT#<exportId>`| `EXPORT` | `SCORMEXPORTS` | `<createdAt>#<exportId>`  |
 *
 * GetItem by id (every launch checks its key), Query gsi1 for the admin's list, PutItem with
 * `attribute_not_exists(pk)`, UpdateItem `SET revokedAt` to revoke.
 */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExportRecord, ExportStore } from '../../core/scorm/exports/ports.js';
import { queryAllItems } from './query-all.js';
import { GSI1 } from './table-definition.js';

const exportKey = (exportId: string) => ({ pk: `SCORMEXPORT#${exportId}`, sk: 'EXPORT' });

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
  };
}
