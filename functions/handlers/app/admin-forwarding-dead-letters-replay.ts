/**
 * POST /api/admin/forwarding-targets/{targetId}/dead-letters/replay {statementIds?}: every dead
 * letter of the target (or only those) goes back into the queue with a fresh count of attempts.
 */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { NotFoundError } from '../../core/errors.js';
import { getForwardingDeps } from '../../composition/forwarding.js';
import { replayDeadLetters } from '../../core/forwarding/replay.js';
import { TargetParam } from './admin-forwarding-target-update.js';

export const ReplayInput = z.strictObject({ statementIds: z.optional(z.array(z.uuid()).check(z.maxLength(1000))) });

export const handler = routeHandler('POST /api/admin/forwarding-targets/{targetId}/dead-letters/replay', async (event) => {
  const { targetId } = parseInput(TargetParam, event.pathParameters ?? {});
  const { statementIds } = parseInput(ReplayInput, event.body ? jsonBody(event) : {});
  const deps = getForwardingDeps();
  if (!(await deps.targets.get(targetId))) throw new NotFoundError(`There is no forwarding target ${targetId}.`);
  const replayed = await replayDeadLetters(deps)(targetId, statementIds);
  return json(200, { replayed });
});
