/**
 * POST /xapi/statements: one statement or an array, as application/json or, with attachment
 * data, as multipart/mixed; answers the ids in order. Also the entry of xAPI 1.0.3's Alternate
 * Request Syntax for this path: `?method=GET|HEAD|PUT` goes to that route's handler.
 */
import { routeHandler } from '../../http/route-handler.js';
import { handler as getStatements } from './statements-get.js';
import { handler as putStatement } from './statements-put.js';
import { json } from '../../http/response.js';
import { clientOf } from '../../http/principals.js';
import { statementsBody } from '../../http/statements-body.js';
import { parseStatements } from '../../core/xapi/statement-schema.js';
import { storeStatementsWithAttachments } from '../../core/xapi/store-statements-with-attachments.js';
import { attachmentStore, now, statementStore } from '../../composition/stores.js';

export const handler = routeHandler(
  'POST /xapi/statements',
  async (event, { principal, deps, xapiVersion }) => {
    const body = statementsBody(event);
    const { statements } = parseStatements(body.json, xapiVersion);
    const ids = await storeStatementsWithAttachments(deps)({ statements, authority: clientOf(principal).authority, parts: body.parts, xapiVersion });
    return json(200, ids);
  },
  {
    deps: () => ({ statements: statementStore(), attachments: attachmentStore(), now }),
    alternateSyntax: { GET: getStatements, HEAD: getStatements, PUT: putStatement },
  },
);
