/** GET /api/me: who is signed in. */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { personOf } from '../../http/principals.js';

export const handler = routeHandler('GET /api/me', async (_event, { principal }) => {
  const person = personOf(principal);
  return json(200, { userId: person.userId, email: person.email, name: person.name, roles: person.roles });
});
