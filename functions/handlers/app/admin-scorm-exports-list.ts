/**
 * GET /api/admin/scorm-exports: every export, newest first, with the learners who arrived through
 * it (their name here and when they launched); never a key or its hash.
 */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { exportSummary } from '../../core/scorm/exports/exports.js';
import { exportStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/admin/scorm-exports', async (_event, { deps }) => {
  const records = await deps.exports.list();
  const exports = await Promise.all(
    records.map(async (record) => ({
      ...exportSummary(record),
      learners: (await deps.exports.learners(record.exportId)).map(({ userId, name, firstLaunchAt, lastLaunchAt }) => ({ userId, name, firstLaunchAt, lastLaunchAt })),
    })),
  );
  return json(200, { exports });
}, { deps: () => ({ exports: exportStore() }) });
