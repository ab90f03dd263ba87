/** GET /api/admin/forwarding-targets/{targetId}/dead-letters: deliveries that gave up, with the last error. */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { NotFoundError } from '../../core/errors.js';
import { getForwardingDeps } from '../../composition/forwarding.js';
import { TargetParam } from './admin-forwarding-target-update.js';

export const handler = routeHandler('GET /api/admin/forwarding-targets/{targetId}/dead-letters', async (event) => {
  const { targetId } = parseInput(TargetParam, event.pathParameters ?? {});
  const deps = getForwardingDeps();
  if (!(await deps.targets.get(targetId))) throw new NotFoundError(`There is no forwarding target ${targetId}.`);
  const dead = await deps.deliveries.listDead(targetId);
  return json(200, {
    deadLetters: dead.map((d) => ({ statementId: d.statementId, attempts: d.attempts, lastError: d.lastError ?? null, deadAt: d.deadAt ?? d.updatedAt })),
  });
});
