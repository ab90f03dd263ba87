/** GET /api/registration-number: the registers to choose from and the participant's stored number (null when none). */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { personOf } from '../../http/principals.js';
import { REGISTERS } from '../../core/accreditation/registration-number.js';
import { registrationNumberStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/registration-number', async (_event, { principal, deps }) => {
  const person = personOf(principal);
  const stored = await deps.registrationNumbers.get(person.userId);
  const body = {
    registers: REGISTERS.map(({ id, label, format }) => ({ id, label, format })),
    registrationNumber: stored ? { registerId: stored.registerId, number: stored.number, consentedAt: stored.consentedAt } : null,
  };
  return json(200, body, { 'cache-control': 'private, no-store' });
}, { deps: () => ({ registrationNumbers: registrationNumberStore() }) });
