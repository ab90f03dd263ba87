/**
 * PUT /xapi/statements?statementId=...: one statement under the id the client chose, as
 * application/json or, with attachment data, as multipart/mixed.
 */
import { routeHandler } from '../../http/route-handler.js';
import { queryParams } from '../../http/request.js';
import { noContent } from '../../http/response.js';
import { clientOf } from '../../http/principals.js';
import { statementsBody } from '../../http/statements-body.js';
import { ValidationError } from '../../core/errors.js';
import { parseStatement } from '../../core/xapi/statement-schema.js';
import { storeStatementsWithAttachments } from '../../core/xapi/store-statements-with-attachments.js';
import { attachmentStore, now, statementStore } from '../../composition/stores.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const handler = routeHandler('PUT /xapi/statements', async (event, { principal, deps, xapiVersion }) => {
  const statementId = queryParams(event).statementId;
  if (!statementId || !UUID.test(statementId)) {
    throw new ValidationError('PUT needs the query parameter statementId, a UUID (e.g. ?statementId=0f5c0a4e-...).', {
      issues: [{ path: 'query.statementId', message: statementId ? 'not a UUID' : 'required' }],
    });
  }
  const body = statementsBody(event);
  const statement = parseStatement(body.json, xapiVersion);
  if (statement.id !== undefined && statement.id.toLowerCase() !== statementId.toLowerCase()) {
    throw new ValidationError(`The statement's id (${statement.id}) differs from the statementId parameter (${statementId}); make them equal or leave id out.`, {
      issues: [{ path: 'statement.id', message: 'differs from statementId' }],
    });
  }
  await storeStatementsWithAttachments(deps)({
    statements: [{ ...statement, id: statementId }],
    authority: clientOf(principal).authority,
    parts: body.parts,
    xapiVersion,
  });
  return noContent();
}, { deps: () => ({ statements: statementStore(), attachments: attachmentStore(), now }) });
