/** DELETE /api/registration-number: the participant withdraws consent; the number is deleted. */
import { routeHandler } from '../../http/route-handler.js';
import { noContent } from '../../http/response.js';
import { personOf } from '../../http/principals.js';
import { withdrawRegistrationNumber } from '../../core/accreditation/registration-number.js';
import { registrationNumberStore } from '../../composition/stores.js';

export const handler = routeHandler('DELETE /api/registration-number', async (_event, { principal, deps }) => {
  await withdrawRegistrationNumber(deps)(personOf(principal).userId);
  return noContent();
}, { deps: () => ({ registrationNumbers: registrationNumberStore() }) });
