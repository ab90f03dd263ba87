/**
 * POST /api/admin/scorm-exports/{exportId}/revoke: the export's packages open nothing any more
 * (a new launch gets a 401). What its learners did stays theirs; a session already open runs out
 * as any session does.
 */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { exportSummary, revokeExport } from '../../core/scorm/exports/exports.js';
import { exportStore, now } from '../../composition/stores.js';

export const handler = routeHandler('POST /api/admin/scorm-exports/{exportId}/revoke', async (event, { deps }) => {
  const record = await revokeExport(deps)(event.pathParameters?.exportId ?? '');
  return json(200, { export: exportSummary(record) });
}, { deps: () => ({ exports: exportStore(), now }) });
