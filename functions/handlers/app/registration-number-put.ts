/** PUT /api/registration-number {registerId, number, consent}: store the number, only with consent (else a Dutch 400). */
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { personOf } from '../../http/principals.js';
import { RegistrationNumberInput, saveRegistrationNumber } from '../../core/accreditation/registration-number.js';
import { now, registrationNumberStore } from '../../composition/stores.js';

export const handler = routeHandler('PUT /api/registration-number', async (event, { principal, deps }) => {
  const person = personOf(principal);
  const input = parseInput(RegistrationNumberInput, jsonBody(event));
  const stored = await saveRegistrationNumber(deps)(person.userId, input);
  return json(200, { registerId: stored.registerId, number: stored.number, consentedAt: stored.consentedAt });
}, { deps: () => ({ registrationNumbers: registrationNumberStore(), now }) });
