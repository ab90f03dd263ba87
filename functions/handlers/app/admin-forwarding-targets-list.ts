/** GET /api/admin/forwarding-targets: every accreditation body's forwarding target (never its secret). */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { getForwardingDeps } from '../../composition/forwarding.js';
import { listTargets } from '../../core/forwarding/targets.js';

export const handler = routeHandler('GET /api/admin/forwarding-targets', async () =>
  json(200, { targets: await listTargets(getForwardingDeps())() }),
);
