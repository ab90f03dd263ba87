/** GET /xapi/about: the versions this LRS speaks. Public, as the spec requires. */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { ABOUT_VERSIONS } from '../../core/xapi/version.js';

export const handler = routeHandler('GET /xapi/about', async () => json(200, { version: ABOUT_VERSIONS, extensions: {} }));
