/**
 * DELETE /api/admin/packages/{packageId}: takes an imported package out of the course (a wrong
 * upload, or one to replace). Participants' run-time data and statements stay: they are their
 * records. Readiness records follow with the participant's next statement, or at once with
 * `npm run rebuild-projections`.
 */
import { routeHandler } from '../../http/route-handler.js';
import { noContent } from '../../http/response.js';
import { loadCourse } from '../../core/course/load.js';
import { NotFoundError } from '../../core/errors.js';
import { packageStore } from '../../composition/stores.js';

const PACKAGE_ID = /^[0-9a-f]{32}$/;

export const handler = routeHandler('DELETE /api/admin/packages/{packageId}', async (event, { deps }) => {
  const packageId = event.pathParameters?.packageId ?? '';
  const removed = PACKAGE_ID.test(packageId) && (await deps.packages.remove(loadCourse().id, packageId));
  if (!removed) throw new NotFoundError(`Er is geen e-learningpakket met id "${packageId}".`);
  return noContent();
}, { deps: () => ({ packages: packageStore() }) });
