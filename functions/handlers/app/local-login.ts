/** POST /auth/login (local runtime only; Cognito signs people in in AWS): e-mail + password → JWT. */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { signIn } from '../../core/auth/services.js';
import { config, localSigningKey, userStore } from '../../composition/stores.js';

export const LoginInput = z.strictObject({
  email: z.string().check(z.trim(), z.minLength(1, 'Vul je e-mailadres in.')),
  password: z.string().check(z.minLength(1, 'Vul je wachtwoord in.')),
});

export const handler = routeHandler('POST /auth/login', async (event, { deps }) => {
  const input = parseInput(LoginInput, jsonBody(event));
  if (!deps.localSigningKey) throw new Error('LOCAL_JWT_PRIVATE_JWK is not set: /auth/login only runs in the local runtime');
  const result = await signIn({ users: deps.users, signingKey: deps.localSigningKey, issuer: deps.config.JWT_ISSUER })(input);
  return json(200, result);
}, { deps: () => ({ config: config(), users: userStore(), localSigningKey: localSigningKey() }) });
