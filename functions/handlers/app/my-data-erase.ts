/** POST /api/me/erasure {"confirmation": "VERWIJDER"}: erases the signed-in participant's data. */
import { routeHandler } from '../../http/route-handler.js';
import { personOf } from '../../http/principals.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { ErasureInput } from '../../http/shared-inputs.js';
import { loadCourse } from '../../core/course/load.js';
import { eraseMyData } from '../../core/privacy/erase-my-data.js';
import { signInAccounts } from '../../composition/sign-in-accounts.js';
import { erasureDeps } from '../../composition/route-deps.js';


export const handler = routeHandler('POST /api/me/erasure', async (event, { principal, deps }) => {
  const { confirmation } = parseInput(ErasureInput, jsonBody(event));
  const person = personOf(principal);
  const erase = eraseMyData({ ...deps, signIns: signInAccounts(deps.config, process.env) });
  const record = await erase({ userId: person.userId, course: loadCourse(), confirmation, requestedBy: { kind: 'participant', roles: person.roles } });
  return json(200, { erasedAt: record.completedAt, certificateKept: record.certificateId !== undefined });
}, { deps: erasureDeps });
