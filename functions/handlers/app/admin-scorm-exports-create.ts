/**
 * POST /api/admin/scorm-exports: an admin makes an export for an organisation and gets its two
 * thin packages (SCORM 1.2 and 2004), each pointing at this module's address. The export key is
 * in the packages only: this is the one moment they can be downloaded.
 */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { personOf } from '../../http/principals.js';
import { publicBaseUrl } from '../../http/public-url.js';
import { loadCourse } from '../../core/course/load.js';
import { exportSummary } from '../../core/scorm/exports/exports.js';
import { exportStore, now } from '../../composition/stores.js';

export const NewExportBody = z.strictObject({
  organisation: z.string().check(z.trim(), z.minLength(1, 'Geef de naam van de organisatie.'), z.maxLength(120, 'De naam van de organisatie mag hoogstens 120 tekens zijn.')),
});

export const handler = routeHandler('POST /api/admin/scorm-exports', async (event, { principal, deps }) => {
  const input = parseInput(NewExportBody, jsonBody(event));
  // Loaded on first use: the packages carry the SCORM schema files, read with the package code.
  const { createExportWithPackages } = await import('../../core/scorm/exports/export-packages.js');
  const { record, packages } = await createExportWithPackages(deps)({
    organisation: input.organisation,
    createdBy: personOf(principal).userId,
    moduleUrl: publicBaseUrl(event),
    course: loadCourse(),
  });
  return json(201, {
    export: exportSummary(record),
    packages: packages.map((p) => ({ version: p.version, fileName: p.fileName, zipBase64: Buffer.from(p.zip).toString('base64') })),
  }, { 'cache-control': 'no-store' });
}, { deps: () => ({ exports: exportStore(), now }) });
