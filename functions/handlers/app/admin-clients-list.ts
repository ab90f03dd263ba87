/** GET /api/admin/xapi-clients: the xAPI clients (never their secrets). */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { listXapiClients } from '../../core/auth/services.js';
import { clientStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/admin/xapi-clients', async (_event, { deps }) =>
  json(200, { clients: await listXapiClients({ clients: deps.clients })() }),
  { deps: () => ({ clients: clientStore() }) },
);
