/**
 * GET /scorm/content/{packageId}/{path+}: the files of an imported SCORM package, for the
 * participant app's package player (an iframe on the module's own origin).
 *
 * Public: a package id is 128 random bits and the files are course material, not personal data.
 * Files of a package that was not committed (an import that did not finish) are not served.
 */
import { routeHandler } from '../../http/route-handler.js';
import type { HttpResult } from '../../http/response.js';
import { NotFoundError } from '../../core/errors.js';
import { normaliseEntryName } from '../../core/scorm/package-paths.js';
import { packageStore } from '../../composition/stores.js';

const PACKAGE_ID = /^[0-9a-f]{32}$/;

export const handler = routeHandler('GET /scorm/content/{packageId}/{path+}', async (event, { deps }): Promise<HttpResult> => {
  const packageId = event.pathParameters?.packageId ?? '';
  const rawPath = event.pathParameters?.path ?? '';
  let path: string | undefined;
  try {
    const checked = normaliseEntryName(decodeURIComponent(rawPath));
    path = checked.ok ? checked.path : undefined;
  } catch {
    path = undefined;
  }
  const file = PACKAGE_ID.test(packageId) && path !== undefined ? await deps.packages.getFile(packageId, path) : undefined;
  if (!file) throw new NotFoundError('Dit bestand hoort niet bij een e-learning van deze cursus.');
  return {
    statusCode: 200,
    headers: {
      'content-type': file.contentType,
      // A package never changes under its id: a new upload gets a new id.
      'cache-control': 'public, max-age=86400, immutable',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      // Packages may only be framed by the module itself.
      'content-security-policy': "frame-ancestors 'self'",
    },
    body: Buffer.from(file.data).toString('base64'),
    isBase64Encoded: true,
  };
}, { deps: () => ({ packages: packageStore() }) });
