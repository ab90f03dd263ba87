/** GET and HEAD /xapi/activities/state: one state document (with stateId), or the ids of a context's state documents (`since` filters). */
import { routeHandler } from '../../http/route-handler.js';
import { documentDeps, getDocumentOperation } from '../../http/documents.js';

export const handler = routeHandler('GET /xapi/activities/state', getDocumentOperation('state'), { deps: documentDeps });
