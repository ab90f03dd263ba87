/** GET /api/course: the course definition as the browser may see it (no final-test answers). */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { loadCourse } from '../../core/course/load.js';
import { courseView } from '../../core/course/course-view.js';

export const handler = routeHandler('GET /api/course', async () =>
  json(200, courseView(loadCourse()), { 'cache-control': 'private, max-age=300' }),
);
