/** POST /api/admin/packages: an admin imports a SCORM 1.2 or 2004 zip as a work moment of the course. */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { personOf } from '../../http/principals.js';
import { loadCourse } from '../../core/course/load.js';
import { ValidationError } from '../../core/errors.js';
import { packageSummary } from '../../core/scorm/imported/package-summary.js';
import { now, packageStore } from '../../composition/stores.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const ImportPackageBody = z.strictObject({
  title: z.string().check(z.trim(), z.minLength(1, 'Geef de e-learning een titel.'), z.maxLength(120, 'Een titel mag hoogstens 120 tekens zijn.')),
  intro: z._default(z.string().check(z.trim(), z.maxLength(2000, 'Een inleiding mag hoogstens 2000 tekens zijn.')), ''),
  nominalMinutes: z.number().check(z.int('Geef de studietijd in hele minuten.'), z.gte(1, 'De studietijd is minstens 1 minuut.'), z.lte(600, 'De studietijd is hoogstens 600 minuten.')),
  outcomes: z.array(z.number().check(z.int())).check(z.maxLength(8)),
  fileName: z.string().check(z.trim(), z.minLength(1, 'Geef de bestandsnaam mee.'), z.maxLength(200)),
  zipBase64: z.string().check(z.minLength(1, 'Kies een zip-bestand.'), z.regex(BASE64, 'moet het zip-bestand zijn, base64-gecodeerd.')),
});

export const handler = routeHandler('POST /api/admin/packages', async (event, { principal, deps }) => {
  const input = parseInput(ImportPackageBody, jsonBody(event));
  const zip = Buffer.from(input.zipBase64, 'base64');
  if (zip.byteLength === 0) throw new ValidationError('Het zip-bestand is leeg.', { issues: [{ path: 'body.zipBase64', message: 'leeg' }] });
  // Loaded on first use: the package checks (XSD validation with xmllint's WebAssembly) are most
  // of this bundle, and a cold start pays for compiling only what it runs.
  const { importPackage } = await import('../../core/scorm/imported/import-package.js');
  const workMoment = await importPackage({ packages: deps.packages, now: deps.now })({
    course: loadCourse(),
    title: input.title,
    intro: input.intro,
    nominalMinutes: input.nominalMinutes,
    outcomes: input.outcomes,
    fileName: input.fileName,
    zip: new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength),
    uploadedBy: personOf(principal).userId,
  });
  return json(201, { package: packageSummary(workMoment) });
}, { deps: () => ({ packages: packageStore(), now }) });
