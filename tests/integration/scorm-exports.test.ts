/**
 * SCORM exports per organisation on DynamoDB Local (functions/core/scorm/exports/): the key that
 * a thin package carries opens its export; a key with one character changed, a key of another
 * export's id, or the key of a revoked export opens nothing. The admin's list names the
 * organisations, newest first, and never shows the secret or its hash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createExportStore } from '../../functions/adapters/dynamodb/export-store.js';
import { AuthenticationError } from '../../functions/core/errors.js';
import { buildThinPackage } from '../../functions/core/scorm/export-package.js';
import { createExport, exportSummary, revokeExport, verifyExportKey } from '../../functions/core/scorm/exports/exports.js';
import type { ExportStore } from '../../functions/core/scorm/exports/ports.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { packageConfig } from '../support/scorm-export-key.js';

let table: TestTable;
let exports: ExportStore;
let clock = Date.parse('2026-11-02T09:00:00Z');
const now = () => new Date(clock);

beforeAll(async () => {
  table = await createTestTable();
  exports = createExportStore({ doc: table.doc, tableName: table.tableName });
});
afterAll(() => table?.drop());

const keyInPackage = (zip: Uint8Array) => packageConfig(zip).exportKey;

describe('SCORM exports', () => {
  it('opens an export with the key its package carries, and with nothing else', async () => {
    const { record, key } = await createExport({ exports, now })({ organisation: '  Zorggroep Noord ', createdBy: 'admin-1' });
    expect(record.organisation).toBe('Zorggroep Noord');
    const zip = await buildThinPackage({ version: '2004', moduleUrl: 'https://ipg.example.nl', exportKey: key, organisation: record.organisation, courseTitle: 'Introductie', courseIdentifier: 'introductie' });
    const carried = await keyInPackage(zip);
    expect(carried).toBe(key);
    expect(await verifyExportKey({ exports })(carried)).toEqual(record);

    const last = carried.at(-1)!;
    const altered = carried.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    await expect(verifyExportKey({ exports })(altered)).rejects.toBeInstanceOf(AuthenticationError);
    const other = await createExport({ exports, now })({ organisation: 'Thuiszorg Zuid', createdBy: 'admin-1' });
    const swapped = `${other.record.exportId}${carried.slice(carried.indexOf('-'))}`;
    await expect(verifyExportKey({ exports })(swapped)).rejects.toThrow(/werkt niet/);
    for (const junk of ['', 'zonder-streepje-maar-te-kort', '-', 'ABCDEF123456-x']) {
      await expect(verifyExportKey({ exports })(junk)).rejects.toBeInstanceOf(AuthenticationError);
    }
  });

  it('stores only a hash of the secret', async () => {
    const { key } = await createExport({ exports, now })({ organisation: 'Huisartsen West', createdBy: 'admin-1' });
    const secret = key.slice(key.indexOf('-') + 1);
    const items = (await table.doc.send(new ScanCommand({ TableName: table.tableName }))).Items ?? [];
    expect(JSON.stringify(items)).not.toContain(secret);
  });

  it('opens nothing once revoked; revoking again changes nothing', async () => {
    const { record, key } = await createExport({ exports, now })({ organisation: 'Wijkteam Oost', createdBy: 'admin-1' });
    clock += 60_000;
    const revoked = await revokeExport({ exports, now })(record.exportId);
    expect(revoked.revokedAt).toBe(now().toISOString());
    await expect(verifyExportKey({ exports })(key)).rejects.toBeInstanceOf(AuthenticationError);
    clock += 60_000;
    expect((await revokeExport({ exports, now })(record.exportId)).revokedAt).toBe(revoked.revokedAt);
    await expect(revokeExport({ exports, now })('000000000000')).rejects.toThrow(/geen export/);
  });

  it('lists the exports newest first, without secrets', async () => {
    clock += 60_000;
    const newest = await createExport({ exports, now })({ organisation: 'GGD Midden', createdBy: 'admin-2' });
    const list = await exports.list();
    expect(list[0]!.exportId).toBe(newest.record.exportId);
    expect(list.map((r) => r.createdAt)).toEqual([...list.map((r) => r.createdAt)].sort().reverse());
    expect(Object.keys(exportSummary(newest.record)).sort()).toEqual(['createdAt', 'createdBy', 'exportId', 'lastLaunchAt', 'learnerCount', 'organisation', 'revokedAt']);
  });

  it('refuses an export without an organisation', async () => {
    await expect(createExport({ exports, now })({ organisation: '   ', createdBy: 'admin-1' })).rejects.toThrow(/naam van de organisatie/);
  });
});
