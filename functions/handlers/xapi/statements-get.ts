/**
 * GET and HEAD /xapi/statements: one statement by (voided) id, or a filtered, paged list. With
 * attachments=true the answer is multipart/mixed: the JSON first, then the attachments' data.
 *
 * An accreditation body's client sees only the allow-listed statements of its courses, each
 * redacted (functions/core/accreditation/statement-access.ts); anything else is "not found" or
 * simply absent from the page, and its statements carry no attachments.
 */
import { routeHandler } from '../../http/route-handler.js';
import { header, queryParams } from '../../http/request.js';
import { json } from '../../http/response.js';
import { multipart } from '../../http/multipart-response.js';
import { clientOf } from '../../http/principals.js';
import { canReadAllStatements } from '../../core/auth/authorize.js';
import type { ClientPrincipal } from '../../core/auth/principal.js';
import { isAccreditationRelevant, redactForAccreditation } from '../../core/accreditation/statement-access.js';
import { agentKey } from '../../core/xapi/agents.js';
import { formatStatement, parseAcceptLanguage } from '../../core/xapi/formats.js';
import { getStatement } from '../../core/xapi/get-statement.js';
import { loadAttachments } from '../../core/xapi/load-attachments.js';
import { parseStatementQuery } from '../../core/xapi/query-params.js';
import { queryStatements } from '../../core/xapi/query-statements.js';
import type { StatementJson } from '../../core/xapi/statement-store.js';
import { attachmentStore, statementStore } from '../../composition/stores.js';

/** What restricts this client's reads: its own statements only, or an accreditor's allow-list. */
function readRestrictions(client: ClientPrincipal) {
  const onlyAuthorityKey = canReadAllStatements(client) ? undefined : agentKey(client.authority);
  const accreditation = client.accreditation;
  return {
    ...(onlyAuthorityKey ? { onlyAuthorityKey } : {}),
    ...(accreditation
      ? {
          visible: (statement: StatementJson) => isAccreditationRelevant(statement, accreditation),
          // One course: its related-activity index drives the query, so paging stays cheap.
          ...(accreditation.courseIds.length === 1 ? { alsoRequired: [`ractivity|${accreditation.courseIds[0]}`] } : {}),
        }
      : {}),
  };
}

export const handler = routeHandler('GET /xapi/statements', async (event, { principal, deps }) => {
  const params = queryParams(event);
  const client = clientOf(principal);
  const restrictions = readRestrictions(client);
  const shown = (statement: StatementJson) => (client.accreditation ? redactForAccreditation(statement) : statement);
  const languages = parseAcceptLanguage(header(event, 'accept-language'));

  if (params.statementId !== undefined || params.voidedStatementId !== undefined) {
    const query = parseStatementQuery(params);
    const id = (query.statementId ?? query.voidedStatementId)!;
    const statement = shown(await getStatement(deps)({ id, voided: query.voidedStatementId !== undefined, ...restrictions }));
    const body = formatStatement(statement, query.format, languages);
    const headers = { 'last-modified': new Date(statement.stored).toUTCString() };
    if (query.attachments) return multipart(200, body, await loadAttachments(deps)([statement]), headers);
    return json(200, body, headers);
  }

  const page = await queryStatements(deps)({ params, ...restrictions });
  const statements = page.statements.map(shown);
  const body = {
    statements: statements.map((statement) => formatStatement(statement, page.query.format, languages)),
    more: page.more,
  };
  if (page.query.attachments) return multipart(200, body, await loadAttachments(deps)(statements));
  return json(200, body);
}, { deps: () => ({ statements: statementStore(), attachments: attachmentStore() }) });
