/** GET and HEAD /xapi/agents?agent=: the Person Object for an Agent. */
import { routeHandler } from '../../http/route-handler.js';
import { queryParams } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseAgentsParams } from '../../core/xapi/documents/document-params.js';
import { personOf } from '../../core/xapi/documents/person.js';

export const handler = routeHandler('GET /xapi/agents', async (event) => json(200, personOf(parseAgentsParams(queryParams(event)).agent)));
