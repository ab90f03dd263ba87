/** PUT /api/consent {shareWithCoach}: the participant gives or withdraws consent to share their spinnenweb and reflections with their coach. */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { participantContext, participantDeps } from '../../http/participant.js';
import { setCoachConsent } from '../../core/contact-moment/consent.js';
import { consentStore } from '../../composition/stores.js';

export const ConsentInput = z.strictObject({
  shareWithCoach: z.boolean({ error: 'Geef met shareWithCoach (true of false) aan of je coach je spinnenweb en reflecties mag zien.' }),
});
export type ConsentInput = z.infer<typeof ConsentInput>;

export const handler = routeHandler('PUT /api/consent', async (event, { principal, deps }) => {
  const { shareWithCoach } = parseInput(ConsentInput, jsonBody(event));
  const { enrolment } = await participantContext(principal, deps);
  const consent = await setCoachConsent(deps)({ enrolment, shared: shareWithCoach });
  return json(200, { shareWithCoach: consent.shared, changedAt: consent.changedAt });
}, { deps: () => ({ ...participantDeps(), consents: consentStore() }) });
