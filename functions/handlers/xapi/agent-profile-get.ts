/** GET and HEAD /xapi/agents/profile: one agent profile document (with profileId), or the ids of an Agent's profiles (`since` filters). */
import { routeHandler } from '../../http/route-handler.js';
import { documentDeps, getDocumentOperation } from '../../http/documents.js';

export const handler = routeHandler('GET /xapi/agents/profile', getDocumentOperation('agentProfile'), { deps: documentDeps });
