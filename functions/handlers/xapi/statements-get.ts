/** GET and HEAD /xapi/statements: one statement by (voided) id, or a filtered, paged list. */
import { routeHandler } from '../../http/route-handler.js';
import { header, queryParams } from '../../http/request.js';
import { json } from '../../http/response.js';
import { clientOf } from '../../http/principals.js';
import { canReadAllStatements } from '../../core/auth/authorize.js';
import { agentKey } from '../../core/xapi/agents.js';
import { formatStatement, parseAcceptLanguage } from '../../core/xapi/formats.js';
import { getStatement } from '../../core/xapi/get-statement.js';
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
    return json(200, formatStatement(statement, query.format, languages), {
      'last-modified': new Date(statement.stored).toUTCString(),
    });
  }

  const page = await queryStatements(deps)({ params, ...mine });
  return json(200, {
    statements: page.statements.map((statement) => formatStatement(statement, page.query.format, languages)),
    more: page.more,
  });
});
