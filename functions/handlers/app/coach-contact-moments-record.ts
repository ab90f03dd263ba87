/**
 * POST /api/coach/contact-moments: the coach records a contact moment (the course's coach record
 * form); recorded as attended, it completes the participant's Introductie.
 */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { personOf } from '../../http/principals.js';
import { loadCourse } from '../../core/course/load.js';
import { recordContactMoment } from '../../core/contact-moment/record-contact-moment.js';
import { certificateStore } from '../../composition/stores.js';
import { coachWorkspaceDeps } from '../../composition/route-deps.js';

export const ContactMomentRecordInput = z.strictObject({
  registration: z.uuid({ error: 'Kies de deelnemer (registration) uit je lijst.' }),
  attended: z.boolean({ error: 'Geef met attended (true of false) aan of het contactmoment heeft plaatsgevonden.' }),
  answers: z.record(z.string(), z.union([z.string().check(z.maxLength(5_000)), z.number()]), { error: 'Vul het verslag in (answers: veld-id → antwoord).' }),
});
export type ContactMomentRecordInput = z.infer<typeof ContactMomentRecordInput>;

export const handler = routeHandler('POST /api/coach/contact-moments', async (event, { principal, deps }) => {
  const input = parseInput(ContactMomentRecordInput, jsonBody(event));
  const coach = personOf(principal);
  const result = await recordContactMoment(deps)({
    coach: { userId: coach.userId, name: coach.name },
    course: loadCourse(),
    registration: input.registration.toLowerCase(),
    attended: input.attended,
    answers: input.answers,
  });
  return json(201, result);
}, { deps: () => ({ ...coachWorkspaceDeps(), certificates: certificateStore() }) });
