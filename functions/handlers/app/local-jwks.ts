/** GET /.well-known/jwks.json (local runtime only): the local issuer's public keys, as Cognito publishes its own. */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';

export const handler = routeHandler('GET /.well-known/jwks.json', async () =>
  json(200, JSON.parse(process.env.LOCAL_JWT_PUBLIC_JWKS ?? '{"keys":[]}'), { 'cache-control': 'public, max-age=300' }),
);
