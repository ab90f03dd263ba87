/**
 * POST /api/admin/participants/{userId}/erasure {"confirmation": "VERWIJDER"}: the admin erases a
 * participant's data on their behalf (someone who can no longer sign in, or who is also a coach).
 */
import { routeHandler } from '../../http/route-handler.js';
import { personOf } from '../../http/principals.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { loadCourse } from '../../core/course/load.js';
import { eraseMyData } from '../../core/privacy/erase-my-data.js';
import { signInAccounts } from '../../composition/sign-in-accounts.js';
import { ErasureInput, UserParam } from '../../http/shared-inputs.js';
import { erasureDeps } from '../../composition/route-deps.js';

export const handler = routeHandler('POST /api/admin/participants/{userId}/erasure', async (event, { principal, deps }) => {
  const { userId } = parseInput(UserParam, event.pathParameters ?? {});
  const { confirmation } = parseInput(ErasureInput, jsonBody(event));
  const erase = eraseMyData({ ...deps, signIns: signInAccounts(deps.config, process.env) });
  const record = await erase({ userId, course: loadCourse(), confirmation, requestedBy: { kind: 'admin', adminId: personOf(principal).userId } });
  return json(200, { userId, erasedAt: record.completedAt, certificateKept: record.certificateId !== undefined });
}, { deps: erasureDeps });
