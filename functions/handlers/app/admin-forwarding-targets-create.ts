/**
 * POST /api/admin/forwarding-targets {accreditationBody, endpoint, key, secret, filter?}: forward the
 * accreditation-relevant statements to that body's LRS from now on. The secret is not shown again.
 */
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { getForwardingDeps } from '../../composition/forwarding.js';
import { CreateTargetInput, createTarget } from '../../core/forwarding/targets.js';

export const handler = routeHandler('POST /api/admin/forwarding-targets', async (event) => {
  const input = parseInput(CreateTargetInput, jsonBody(event));
  return json(201, await createTarget(getForwardingDeps())(input));
});
