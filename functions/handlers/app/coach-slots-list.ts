/** GET /api/coach/slots: the coach's slots (coaching conversations and group sessions) with their capacity and bookings. */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { personOf } from '../../http/principals.js';
import { listCoachSlots } from '../../core/contact-moment/slots.js';
import { now, slotStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/coach/slots', async (_event, { principal, deps }) => {
  const slots = await listCoachSlots(deps)({ coachId: personOf(principal).userId });
  return json(200, { slots }, { 'cache-control': 'no-store' });
}, { deps: () => ({ slots: slotStore(), now }) });
