/** POST /xapi/statements: one statement or an array; answers the ids in order. */
import { routeHandler } from '../../http/route-handler.js';
import { contentType, jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { clientOf } from '../../http/principals.js';
import { UnsupportedMediaTypeError } from '../../core/errors.js';
import { parseStatements } from '../../core/xapi/statement-schema.js';
import { storeStatements } from '../../core/xapi/store-statements.js';

export const handler = routeHandler('POST /xapi/statements', async (event, { principal, deps }) => {
  if (contentType(event) !== 'application/json') {
    throw new UnsupportedMediaTypeError(`Send statements as application/json (got "${contentType(event) || 'no Content-Type'}").`);
  }
  const { statements } = parseStatements(jsonBody(event));
  const ids = await storeStatements(deps)({ statements, authority: clientOf(principal).authority });
  return json(200, ids);
});
