/** GET /api/coach/participants?status=: the coach's participants by status (status=ready: ready for the contact moment). */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { queryParams } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { personOf } from '../../http/principals.js';
import { loadCourse } from '../../core/course/load.js';
import { listCoachParticipants } from '../../core/contact-moment/coach-workspace.js';
import { readinessStore } from '../../composition/stores.js';

export const CoachParticipantsQuery = z.strictObject({
  status: z.optional(z.enum(['in_progress', 'ready', 'scheduled', 'completed'], { error: 'status is in_progress, ready, scheduled of completed.' })),
});

export const handler = routeHandler('GET /api/coach/participants', async (event, { principal, deps }) => {
  const { status } = parseInput(CoachParticipantsQuery, queryParams(event));
  const participants = await listCoachParticipants(deps)({ coachId: personOf(principal).userId, course: loadCourse(), ...(status ? { status } : {}) });
  return json(200, { participants }, { 'cache-control': 'no-store' });
}, { deps: () => ({ readiness: readinessStore() }) });
