/**
 * POST /api/contact-moment/booking: books a place in one of the coach's slots ({kind: "slot",
 * slotId}) or asks to be contacted ({kind: "contact-request", form}); replaces an earlier booking.
 */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { participantContext } from '../../http/participant.js';
import { bookContactMoment } from '../../core/contact-moment/booking.js';
import { certificateStore, consentStore } from '../../composition/stores.js';
import { readinessSyncDeps } from '../../composition/route-deps.js';

export const BookingInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('slot'), slotId: z.uuid({ error: 'Kies een moment uit de lijst (slotId).' }) }),
    z.strictObject({ kind: z.literal('contact-request'), form: z.enum(['coaching', 'inspiratiesessie'], { error: 'Kies een vorm: coaching of inspiratiesessie.' }) }),
  ],
  { error: 'Geef aan wat je wilt: een moment kiezen (kind "slot") of benaderd worden (kind "contact-request").' },
);
export type BookingInput = z.infer<typeof BookingInput>;

export const handler = routeHandler('POST /api/contact-moment/booking', async (event, { principal, deps }) => {
  const request = parseInput(BookingInput, jsonBody(event));
  const { course, enrolment, name } = await participantContext(principal, deps);
  const booking = await bookContactMoment(deps)({ enrolment, course, participantName: name, request });
  return json(200, { kind: booking.kind, form: booking.form, slotId: booking.slotId, startsAt: booking.startsAt, endsAt: booking.endsAt, bookedAt: booking.bookedAt });
}, { deps: () => ({ ...readinessSyncDeps(), consents: consentStore(), certificates: certificateStore() }) });
