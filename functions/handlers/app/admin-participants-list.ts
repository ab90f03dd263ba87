/** GET /api/admin/participants: every participant with their coach and status, and the coaches to choose from. */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { loadCourse } from '../../core/course/load.js';
import { listParticipantsWithCoach } from '../../core/contact-moment/assign-coach.js';
import { coachAssignmentStore, enrolmentStore, peopleDirectory, readinessStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/admin/participants', async (_event, { deps }) =>
  json(200, await listParticipantsWithCoach(deps)({ course: loadCourse() }), { 'cache-control': 'no-store' }),
  { deps: () => ({ people: peopleDirectory(), coachAssignments: coachAssignmentStore(), enrolments: enrolmentStore(), readiness: readinessStore() }) },
);
