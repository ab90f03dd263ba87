/** POST /api/admin/xapi-clients: a new xAPI client; the secret is shown in this answer only. */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { XAPI_SCOPES } from '../../core/auth/principal.js';
import { createXapiClient } from '../../core/auth/services.js';
import { clientStore, now } from '../../composition/stores.js';

export const CreateClientInput = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1, 'Give the client a name.'), z.maxLength(100)),
  scopes: z.array(z.enum(XAPI_SCOPES)).check(z.minLength(1, 'Give at least one scope.')),
  /** An accreditation body's client: reads only accreditation-relevant statements of these courses. */
  accreditation: z.optional(z.strictObject({ courseIds: z.array(z.url()).check(z.minLength(1, 'Name at least one course.')) })),
});

export const handler = routeHandler('POST /api/admin/xapi-clients', async (event, { deps }) => {
  const input = parseInput(CreateClientInput, jsonBody(event));
  const { key, secret, record } = await createXapiClient({ clients: deps.clients, now: deps.now })(input);
  return json(201, {
    key,
    secret,
    name: record.name,
    scopes: record.scopes,
    ...(record.accreditation ? { accreditation: record.accreditation } : {}),
    createdAt: record.createdAt,
  });
}, { deps: () => ({ clients: clientStore(), now }) });
