/** DELETE /api/contact-moment/booking: cancels the participant's booking (until the slot starts). */
import { routeHandler } from '../../http/route-handler.js';
import { noContent } from '../../http/response.js';
import { participantContext } from '../../http/participant.js';
import { cancelContactMoment } from '../../core/contact-moment/booking.js';
import { certificateStore, consentStore } from '../../composition/stores.js';
import { readinessSyncDeps } from '../../composition/route-deps.js';

export const handler = routeHandler('DELETE /api/contact-moment/booking', async (_event, { principal, deps }) => {
  const { course, enrolment } = await participantContext(principal, deps);
  await cancelContactMoment(deps)({ enrolment, course });
  return noContent();
}, { deps: () => ({ ...readinessSyncDeps(), consents: consentStore(), certificates: certificateStore() }) });
