/**
 * DELETE /api/admin/forwarding-targets/{targetId}: disables the target (kept, with its delivery
 * history; PUT {enabled: true} turns it on again). Messages still queued for it go to its dead
 * letters, from where they can be replayed once it is enabled again.
 */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { getForwardingDeps } from '../../composition/forwarding.js';
import { disableTarget } from '../../core/forwarding/targets.js';
import { TargetParam } from './admin-forwarding-target-update.js';

export const handler = routeHandler('DELETE /api/admin/forwarding-targets/{targetId}', async (event) => {
  const { targetId } = parseInput(TargetParam, event.pathParameters ?? {});
  return json(200, await disableTarget(getForwardingDeps())(targetId));
});
