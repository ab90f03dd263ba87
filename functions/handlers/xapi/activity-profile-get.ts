/** GET and HEAD /xapi/activities/profile: one activity profile document (with profileId), or the ids of an Activity's profiles (`since` filters). */
import { routeHandler } from '../../http/route-handler.js';
import { documentDeps, getDocumentOperation } from '../../http/documents.js';

export const handler = routeHandler('GET /xapi/activities/profile', getDocumentOperation('activityProfile'), { deps: documentDeps });
