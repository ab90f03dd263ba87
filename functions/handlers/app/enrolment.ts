/** GET /api/enrolment: the participant's enrolment in the course (created on the first visit). */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { participantContext, participantDeps } from '../../http/participant.js';

export const handler = routeHandler('GET /api/enrolment', async (_event, { principal, deps }) => {
  const { enrolment } = await participantContext(principal, deps);
  return json(200, { registration: enrolment.registration, courseId: enrolment.courseId, courseVersion: enrolment.courseVersion, createdAt: enrolment.createdAt });
}, { deps: () => participantDeps() });
