/**
 * GET and HEAD /xapi/statements: one statement by (voided) id, or a filtered, paged list. With
 * attachments=true the answer is multipart/mixed: the JSON first, then the attachments' data.
 */
import { routeHandler } from '../../http/route-handler.js';
import { header, queryParams } from '../../http/request.js';
import { json } from '../../http/response.js';
import { multipart } from '../../http/multipart-response.js';
import { clientOf } from '../../http/principals.js';
import { canReadAllStatements } from '../../core/auth/authorize.js';
import { agentKey } from '../../core/xapi/agents.js';
import { formatStatement, parseAcceptLanguage } from '../../core/xapi/formats.js';
import { getStatement } from '../../core/xapi/get-statement.js';
import { loadAttachments } from '../../core/xapi/load-attachments.js';
import { parseStatementQuery } from '../../core/xapi/query-params.js';
import { queryStatements } from '../../core/xapi/query-statements.js';

export const handler = routeHandler('GET /xapi/statements', async (event, { principal, deps }) => {
  const params = queryParams(event);
  const client = clientOf(principal);
  const onlyAuthorityKey = canReadAllStatements(client) ? undefined : agentKey(client.authority);
  const mine = onlyAuthorityKey ? { onlyAuthorityKey } : {};
  const languages = parseAcceptLanguage(header(event, 'accept-language'));

  if (params.statementId !== undefined || params.voidedStatementId !== undefined) {
    const query = parseStatementQuery(params);
    const id = (query.statementId ?? query.voidedStatementId)!;
    const statement = await getStatement(deps)({ id, voided: query.voidedStatementId !== undefined, ...mine });
    const body = formatStatement(statement, query.format, languages);
    const headers = { 'last-modified': new Date(statement.stored).toUTCString() };
    if (query.attachments) return multipart(200, body, await loadAttachments(deps)([statement]), headers);
    return json(200, body, headers);
  }

  const page = await queryStatements(deps)({ params, ...mine });
  const body = {
    statements: page.statements.map((statement) => formatStatement(statement, page.query.format, languages)),
    more: page.more,
  };
  if (page.query.attachments) return multipart(200, body, await loadAttachments(deps)(page.statements));
  return json(200, body);
});
