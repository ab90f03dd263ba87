/** GET /api/coach/participants/{registration}: one of the coach's participants; their spinnenweb and reflections only with their consent. */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { personOf } from '../../http/principals.js';
import { courseWithPackages } from '../../core/scorm/imported/course-with-packages.js';
import { coachParticipantDetail } from '../../core/contact-moment/coach-workspace.js';
import { coachWorkspaceDeps } from '../../composition/route-deps.js';

export const RegistrationParam = z.strictObject({ registration: z.uuid({ error: 'Dit is geen deelnemer-id (registration, een UUID). Kies een deelnemer uit je lijst.' }) });

export const handler = routeHandler('GET /api/coach/participants/{registration}', async (event, { principal, deps }) => {
  const { registration } = parseInput(RegistrationParam, event.pathParameters ?? {});
  const detail = await coachParticipantDetail(deps)({ coachId: personOf(principal).userId, registration: registration.toLowerCase(), course: await courseWithPackages(deps)() });
  return json(200, detail, { 'cache-control': 'no-store' });
}, { deps: () => coachWorkspaceDeps() });
