/**
 * PackageRecordStore on the single table: an enrolment's SCORM run-time data per package, in the
 * enrolment's partition (so the right to erasure removes it with the rest of the enrolment).
 *
 * | item            | pk                           | sk               |
 * |-----------------|------------------------------|------------------|
 * | package record  | `REGISTRATION#<registration>`| `SCORM#<itemId>` |
 *
 * GetItem (consistent) to read; PutItem with a version condition to write.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PackageRecordConflict, type PackageRecordStore } from '../../core/scorm/imported/ports.js';
import type { PackageRecordState } from '../../core/scorm/imported/sittings.js';
import { packageRecordKey } from './package-store.js';

export function createPackageRecordStore({ doc, tableName }: { doc: DynamoDBDocumentClient; tableName: string }): PackageRecordStore {
  return {
    async get(registration, itemId) {
      const item = (await doc.send(new GetCommand({ TableName: tableName, Key: packageRecordKey(registration, itemId), ConsistentRead: true }))).Item;
      if (!item) return undefined;
      return { state: JSON.parse(String(item.state)) as PackageRecordState, version: Number(item.version) };
    },

    async put(registration, itemId, state, expectedVersion) {
      const condition =
        expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } };
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...packageRecordKey(registration, itemId), version: expectedVersion + 1, state: JSON.stringify(state) },
            ...condition,
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new PackageRecordConflict(`The SCORM record of ${registration} / ${itemId} changed since version ${expectedVersion} was read.`, { cause: error });
        }
        throw error;
      }
    },
  };
}
