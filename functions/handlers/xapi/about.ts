/** GET /xapi/about: the versions this LRS speaks. Public, as the spec requires. */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';

export const SUPPORTED_VERSIONS = ['1.0.0', '1.0.1', '1.0.2', '1.0.3'];

export const handler = routeHandler('GET /xapi/about', async () => json(200, { version: SUPPORTED_VERSIONS, extensions: {} }));
