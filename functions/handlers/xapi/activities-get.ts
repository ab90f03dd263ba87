/** GET and HEAD /xapi/activities?activityId=: the Activity Object with its canonical definition. */
import { routeHandler } from '../../http/route-handler.js';
import { queryParams } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseActivityParams } from '../../core/xapi/documents/document-params.js';
import { getActivity } from '../../core/xapi/documents/get-activity.js';
import { documentStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /xapi/activities', async (event, { deps }) => {
  const { activityId } = parseActivityParams(queryParams(event));
  return json(200, await getActivity(deps)(activityId));
}, { deps: () => ({ documents: documentStore() }) });
