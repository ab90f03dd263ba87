/**
 * POST /xapi/agents/profile: stores an agent profile document, or merges a JSON Object into the stored one.
 * Also the entry of xAPI 1.0.3's Alternate Request Syntax for this path: `?method=GET|HEAD|PUT|DELETE`
 * goes to that route's handler.
 */
import { routeHandler } from '../../http/route-handler.js';
import { documentDeps, postDocumentOperation } from '../../http/documents.js';
import { handler as deleteDocument } from './agent-profile-delete.js';
import { handler as getDocument } from './agent-profile-get.js';
import { handler as putDocument } from './agent-profile-put.js';

export const handler = routeHandler('POST /xapi/agents/profile', postDocumentOperation('agentProfile'), {
  deps: documentDeps,
  alternateSyntax: { GET: getDocument, HEAD: getDocument, PUT: putDocument, DELETE: deleteDocument },
});
