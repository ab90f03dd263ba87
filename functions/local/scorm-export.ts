/**
 * `npm run scorm-export -- "<organisation>" [--url <module URL>] [--out <folder>]`: makes a SCORM
 * export for an organisation (as an admin does with POST /api/admin/scorm-exports) and writes its
 * two thin packages, SCORM 1.2 and 2004, into the folder (default: scorm-exports). The export key
 * is only in those files.
 *
 * The table: see command-table.ts. On the local runtime's table the packages point at
 * http://localhost:<PORT>; for any other table give the module's public address with --url.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createExportStore } from '../adapters/dynamodb/export-store.js';
import { Config } from '../composition/config.js';
import { tableOf } from '../composition/stores.js';
import { loadCourse } from '../core/course/load.js';
import { createExportWithPackages } from '../core/scorm/exports/export-packages.js';
import { runCommand, withCommandTable, type TableTarget } from './command-table.js';
import { LocalStartupError } from './startup-error.js';

const USAGE = 'Usage: npm run scorm-export -- "<organisation>" [--url https://ipg.example.nl] [--out scorm-exports]';

export interface ScormExportRequest {
  organisation: string;
  /** The module's address; defaults to the local runtime's when the target is its table. */
  moduleUrl?: string;
  outDir: string;
}

/** The core of the command, for tests: the export's id and the files written. */
export async function writeScormExport(target: TableTarget, request: ScormExportRequest): Promise<{ exportId: string; files: string[] }> {
  const moduleUrl = request.moduleUrl ?? target.localBaseUrl;
  if (!moduleUrl) throw new LocalStartupError(`Give the module's public address with --url. ${USAGE}`);
  const config = Config.parse({
    TABLE_NAME: target.tableName,
    ...(target.endpoint ? { DYNAMODB_ENDPOINT: target.endpoint } : {}),
    ...(target.region ? { AWS_REGION: target.region } : {}),
    // Not used here: the command authenticates nobody.
    JWT_ISSUER: 'scorm-export',
    JWKS_URL: 'https://scorm-export.invalid/jwks.json',
  });
  const { record, packages } = await createExportWithPackages({ exports: createExportStore(tableOf(config)), now: () => new Date() })({
    organisation: request.organisation,
    createdBy: 'npm run scorm-export',
    moduleUrl,
    course: loadCourse(),
  });
  await mkdir(request.outDir, { recursive: true });
  const files = packages.map((p) => join(request.outDir, p.fileName));
  await Promise.all(packages.map((p, i) => writeFile(files[i]!, p.zip)));
  return { exportId: record.exportId, files };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, out: { type: 'string', default: 'scorm-exports' } } });
  const organisation = positionals.join(' ').trim();
  if (organisation === '') throw new LocalStartupError(USAGE);
  const request: ScormExportRequest = { organisation, outDir: resolve(values.out), ...(values.url ? { moduleUrl: values.url } : {}) };
  const { exportId, files } = await withCommandTable('scorm-export', process.env, (target) => writeScormExport(target, request));
  console.log(`Export ${exportId} for ${organisation}:`);
  for (const file of files) console.log(`  ${file}`);
  console.log('The key is only in these files. Lost them? Make a new export and revoke this one in the admin screen.');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runCommand(main);
