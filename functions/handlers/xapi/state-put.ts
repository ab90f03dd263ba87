/** PUT /xapi/activities/state: stores a state document as sent (If-Match / If-None-Match optional for State). */
import { routeHandler } from '../../http/route-handler.js';
import { documentDeps, putDocumentOperation } from '../../http/documents.js';

export const handler = routeHandler('PUT /xapi/activities/state', putDocumentOperation('state'), { deps: documentDeps });
