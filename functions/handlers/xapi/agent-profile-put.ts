/** PUT /xapi/agents/profile: stores an agent profile document; needs If-Match or If-None-Match. */
import { routeHandler } from '../../http/route-handler.js';
import { documentDeps, putDocumentOperation } from '../../http/documents.js';

export const handler = routeHandler('PUT /xapi/agents/profile', putDocumentOperation('agentProfile'), { deps: documentDeps });
