/** PUT /xapi/activities/profile: stores an activity profile document; needs If-Match or If-None-Match. */
import { routeHandler } from '../../http/route-handler.js';
import { documentDeps, putDocumentOperation } from '../../http/documents.js';

export const handler = routeHandler('PUT /xapi/activities/profile', putDocumentOperation('activityProfile'), { deps: documentDeps });
