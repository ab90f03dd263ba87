/** PUT /api/admin/participants/{userId}/coach {coachId}: assigns the participant to a coach. */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { UserParam } from '../../http/shared-inputs.js';
import { personOf } from '../../http/principals.js';
import { loadCourse } from '../../core/course/load.js';
import { assignCoach } from '../../core/contact-moment/assign-coach.js';
import { readinessSyncDeps } from '../../composition/route-deps.js';

export const AssignCoachInput = z.strictObject({ coachId: z.string().check(z.trim(), z.minLength(1, 'Kies een coach (coachId).'), z.maxLength(200)) });

export const handler = routeHandler('PUT /api/admin/participants/{userId}/coach', async (event, { principal, deps }) => {
  const { userId } = parseInput(UserParam, event.pathParameters ?? {});
  const { coachId } = parseInput(AssignCoachInput, jsonBody(event));
  const assigned = await assignCoach(deps)({ adminId: personOf(principal).userId, userId, coachId, course: loadCourse() });
  return json(200, assigned);
}, { deps: () => readinessSyncDeps() });
