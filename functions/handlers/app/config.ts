/** GET /api/config: what the web app needs before sign-in (how people sign in here). */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { config, localSigningKey } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/config', async (_event, { deps }) =>
  json(200, {
    signIn: deps.localSigningKey
      ? { kind: 'local', url: '/auth/login' }
      : { kind: 'cognito', region: deps.config.AWS_REGION, clientId: deps.config.JWT_AUDIENCE ?? null },
  }),
  { deps: () => ({ config: config(), localSigningKey: localSigningKey() }) },
);
