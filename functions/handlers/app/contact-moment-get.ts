/** GET /api/contact-moment: the participant's gate, booking, their coach's open slots, consent and certificate. */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { participantContext } from '../../http/participant.js';
import { contactMomentView } from '../../core/contact-moment/booking.js';
import { certificateStore, consentStore } from '../../composition/stores.js';
import { readinessSyncDeps } from '../../composition/route-deps.js';

export const handler = routeHandler('GET /api/contact-moment', async (_event, { principal, deps }) => {
  const { course, enrolment } = await participantContext(principal, deps);
  return json(200, await contactMomentView(deps)({ enrolment, course }), { 'cache-control': 'no-store' });
}, { deps: () => ({ ...readinessSyncDeps(), consents: consentStore(), certificates: certificateStore() }) });
