/** DELETE /xapi/agents/profile: one agent profile document (If-Match honoured). */
import { routeHandler } from '../../http/route-handler.js';
import { documentDeps, deleteDocumentOperation } from '../../http/documents.js';

export const handler = routeHandler('DELETE /xapi/agents/profile', deleteDocumentOperation('agentProfile'), { deps: documentDeps });
