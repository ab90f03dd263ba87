/** DELETE /xapi/activities/profile: one activity profile document (If-Match honoured). */
import { routeHandler } from '../../http/route-handler.js';
import { documentDeps, deleteDocumentOperation } from '../../http/documents.js';

export const handler = routeHandler('DELETE /xapi/activities/profile', deleteDocumentOperation('activityProfile'), { deps: documentDeps });
