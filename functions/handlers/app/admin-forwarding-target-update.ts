/** PUT /api/admin/forwarding-targets/{targetId}: change endpoint, credentials, filter or `enabled`; omitted fields stay. */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { getForwardingDeps } from '../../composition/forwarding.js';
import { UpdateTargetInput, updateTarget } from '../../core/forwarding/targets.js';

export const TargetParam = z.strictObject({ targetId: z.string().check(z.minLength(1), z.maxLength(100)) });

export const handler = routeHandler('PUT /api/admin/forwarding-targets/{targetId}', async (event) => {
  const { targetId } = parseInput(TargetParam, event.pathParameters ?? {});
  const input = parseInput(UpdateTargetInput, jsonBody(event));
  return json(200, await updateTarget(getForwardingDeps())(targetId, input));
});
