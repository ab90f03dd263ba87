/**
 * GET /api/course: the course definition as the browser may see it (no final-test answers), with
 * the imported SCORM packages as its last work moments.
 */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { courseView } from '../../core/course/course-view.js';
import { courseWithPackages } from '../../core/scorm/imported/course-with-packages.js';
import { packageStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/course', async (_event, { deps }) =>
  // Not cached: a package an admin imports must reach the app at once.
  json(200, courseView(await courseWithPackages(deps)()), { 'cache-control': 'private, no-cache' }),
  { deps: () => ({ packages: packageStore() }) },
);
