/**
 * POST /xapi/statements: one statement or an array, as application/json or, with attachment
 * data, as multipart/mixed; answers the ids in order.
 */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { clientOf } from '../../http/principals.js';
import { statementsBody } from '../../http/statements-body.js';
import { parseStatements } from '../../core/xapi/statement-schema.js';
import { storeStatementsWithAttachments } from '../../core/xapi/store-statements-with-attachments.js';

export const handler = routeHandler('POST /xapi/statements', async (event, { principal, deps }) => {
  const body = statementsBody(event);
  const { statements } = parseStatements(body.json);
  const ids = await storeStatementsWithAttachments(deps)({ statements, authority: clientOf(principal).authority, parts: body.parts });
  return json(200, ids);
});
