/** DELETE /xapi/activities/state: one state document (with stateId), or every state document of the context (registration narrows it). */
import { routeHandler } from '../../http/route-handler.js';
import { documentDeps, deleteDocumentOperation } from '../../http/documents.js';

export const handler = routeHandler('DELETE /xapi/activities/state', deleteDocumentOperation('state'), { deps: documentDeps });
