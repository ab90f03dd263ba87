/**
 * PackageStore on the single table: imported SCORM packages and their files.
 *
 * | item                  | pk                      | sk                              |
 * |-----------------------|-------------------------|---------------------------------|
 * | package work moment   | `COURSEPKG#<courseId>`  | `PKG#<uploadedAt>#<packageId>`  |
 * | committed marker      | `SCORMPKG#<packageId>`  | `META`                          |
 * | file (first part)     | `SCORMPKG#<packageId>`  | `FILE#<path>`                   |
 * | file (further parts)  | `SCORMPKG#<packageId>`  | `PART#<n>#<path>`               |
 *
 * Access patterns, all by key:
 * - list a course's packages: Query `COURSEPKG#<courseId>` (upload order);
 * - serve a file: BatchGetItem of `META` and `FILE#<path>` (a file of an uncommitted package is
 *   not served), then its further parts by key when it is larger than one part;
 * - commit: TransactWriteItems of the work moment and `META` (both or neither);
 * - discard: BatchWriteItem deletes of the file keys;
 * - remove: GetItem `META` (it holds the upload time, so the work moment's key), then
 *   TransactWriteItems deleting the work moment and `META`, then Query `SCORMPKG#<packageId>` and
 *   BatchWriteItem deletes of the files.
 * A file is split into parts of at most 350 KB, below DynamoDB's 400 KB item limit.
 */
import { BatchGetCommand, BatchWriteCommand, GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PackageStore } from '../../core/scorm/imported/ports.js';
import type { PackageWorkMoment } from '../../core/scorm/imported/work-moments.js';
import { chunk, drain } from './batch-retry.js';
import { queryAllItems } from './query-all.js';

export const PART_BYTES = 350 * 1024;
const BATCH_WRITE_MAX = 25;
const BATCH_GET_MAX = 100;

type Key = { pk: string; sk: string };
const packagePk = (packageId: string) => `SCORMPKG#${packageId}`;
const metaKey = (packageId: string): Key => ({ pk: packagePk(packageId), sk: 'META' });
const fileKey = (packageId: string, path: string): Key => ({ pk: packagePk(packageId), sk: `FILE#${path}` });
const partKey = (packageId: string, path: string, n: number): Key => ({ pk: packagePk(packageId), sk: `PART#${n}#${path}` });
const coursePk = (courseId: string) => `COURSEPKG#${courseId}`;

export function createPackageStore({ doc, tableName }: { doc: DynamoDBDocumentClient; tableName: string }): PackageStore {
  async function writeAll(items: readonly Record<string, unknown>[]): Promise<void> {
    for (const batch of chunk(items, BATCH_WRITE_MAX)) {
      await drain([...batch], 'BatchWriteItem (package files)', async (pending) => {
        const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending.map((Item) => ({ PutRequest: { Item } })) } }));
        return (result.UnprocessedItems?.[tableName] ?? []).map((request) => request.PutRequest!.Item as Record<string, unknown>);
      });
    }
  }

  async function deleteKeys(keys: readonly Key[]): Promise<void> {
    for (const batch of chunk(keys, BATCH_WRITE_MAX)) {
      await drain([...batch], 'BatchWriteItem (package files)', async (pending) => {
        const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending.map((Key) => ({ DeleteRequest: { Key } })) } }));
        return (result.UnprocessedItems?.[tableName] ?? []).map((request) => request.DeleteRequest!.Key as Key);
      });
    }
  }

  async function getAll(keys: readonly Key[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for (const batch of chunk(keys, BATCH_GET_MAX)) {
      await drain([...batch], 'BatchGetItem (package files)', async (pending) => {
        const result = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
        items.push(...(result.Responses?.[tableName] ?? []));
        return (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
      });
    }
    return items;
  }

  return {
    async putFiles(packageId, files) {
      const items: Record<string, unknown>[] = [];
      for (const file of files) {
        const parts = Math.max(1, Math.ceil(file.data.byteLength / PART_BYTES));
        for (let n = 0; n < parts; n++) {
          const data = file.data.subarray(n * PART_BYTES, (n + 1) * PART_BYTES);
          items.push(
            n === 0
              ? { ...fileKey(packageId, file.path), contentType: file.contentType, size: file.data.byteLength, parts, data }
              : { ...partKey(packageId, file.path, n), data },
          );
        }
      }
      await writeAll(items);
    },

    async commit(courseId, workMoment) {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { pk: coursePk(courseId), sk: `PKG#${workMoment.uploadedAt}#${workMoment.packageId}`, ...workMoment },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: tableName, Item: { ...metaKey(workMoment.packageId), courseId, committedAt: workMoment.uploadedAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    },

    async remove(courseId, packageId) {
      const meta = (await doc.send(new GetCommand({ TableName: tableName, Key: metaKey(packageId), ConsistentRead: true }))).Item;
      if (!meta || meta.courseId !== courseId) return false;
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: tableName, Key: { pk: coursePk(courseId), sk: `PKG#${String(meta.committedAt)}#${packageId}` } } },
            { Delete: { TableName: tableName, Key: metaKey(packageId) } },
          ],
        }),
      );
      const files = await queryAllItems(doc, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': packagePk(packageId) }, ProjectionExpression: 'pk, sk' });
      await deleteKeys(files.map((item) => ({ pk: String(item.pk), sk: String(item.sk) })));
      return true;
    },

    async discard(packageId, paths) {
      // The parts of a file follow from its size; a file that never got written has none.
      const firsts = await getAll(paths.map((path) => fileKey(packageId, path)));
      const keys: Key[] = paths.map((path) => fileKey(packageId, path));
      for (const item of firsts) {
        const path = String(item.sk).slice('FILE#'.length);
        for (let n = 1; n < Number(item.parts ?? 1); n++) keys.push(partKey(packageId, path, n));
      }
      await deleteKeys(keys);
    },

    async list(courseId) {
      const items = await queryAllItems(doc, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': coursePk(courseId) } });
      return items.map(toWorkMoment);
    },

    async getFile(packageId, path) {
      const found = await getAll([metaKey(packageId), fileKey(packageId, path)]);
      const meta = found.find((item) => item.sk === 'META');
      const first = found.find((item) => item.sk !== 'META');
      if (!meta || !first) return undefined;
      const parts = Number(first.parts ?? 1);
      const chunks: Uint8Array[] = [first.data as Uint8Array];
      if (parts > 1) {
        const rest = await getAll(Array.from({ length: parts - 1 }, (_, i) => partKey(packageId, path, i + 1)));
        const byKey = new Map(rest.map((item) => [String(item.sk), item.data as Uint8Array]));
        for (let n = 1; n < parts; n++) {
          const part = byKey.get(partKey(packageId, path, n).sk);
          if (!part) throw new Error(`package ${packageId}: part ${n} of ${path} is missing`);
          chunks.push(part);
        }
      }
      return { contentType: String(first.contentType), data: concat(chunks, Number(first.size)) };
    },
  };
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of chunks) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

function toWorkMoment(item: Record<string, unknown>): PackageWorkMoment {
  return {
    packageId: String(item.packageId),
    workMomentId: String(item.workMomentId),
    itemId: String(item.itemId),
    title: String(item.title),
    intro: String(item.intro ?? ''),
    nominalMinutes: Number(item.nominalMinutes),
    outcomes: Array.isArray(item.outcomes) ? item.outcomes.map(Number) : [],
    scormVersion: item.scormVersion === '1.2' ? '1.2' : '2004',
    launchPath: String(item.launchPath),
    fileName: String(item.fileName),
    fileCount: Number(item.fileCount),
    totalBytes: Number(item.totalBytes),
    uploadedAt: String(item.uploadedAt),
    uploadedBy: String(item.uploadedBy),
  };
}

/** The record of an enrolment's SCORM data for one package (package-record-store.ts). */
export const packageRecordKey = (registration: string, itemId: string): Key => ({ pk: `REGISTRATION#${registration.toLowerCase()}`, sk: `SCORM#${itemId}` });
