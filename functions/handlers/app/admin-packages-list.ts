/** GET /api/admin/packages: the SCORM packages imported as work moments, in upload order. */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { loadCourse } from '../../core/course/load.js';
import { packageSummary } from '../../core/scorm/imported/package-summary.js';
import { packageStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/admin/packages', async (_event, { deps }) => {
  const packages = await deps.packages.list(loadCourse().id);
  return json(200, { packages: packages.map(packageSummary) }, { 'cache-control': 'no-store' });
}, { deps: () => ({ packages: packageStore() }) });
