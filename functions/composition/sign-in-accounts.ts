/**
 * Where people's sign-ins are, for the one route that deletes them (the erasure). Kept out of the
 * shared composition root so that only that function's bundle carries the Cognito client.
 */
import { createCognitoSignInAccounts } from '../adapters/cognito/sign-in-accounts.js';
import type { SignInAccounts } from '../core/privacy/ports.js';
import { ConfigError, type Config } from './config.js';

/** Locally the user item holds the password hash, so deleting the user deletes the sign-in. */
export const LOCAL_SIGN_IN_ACCOUNTS: SignInAccounts = { delete: async () => undefined };

let cognito: SignInAccounts | undefined;

export function signInAccounts(config: Config, env: NodeJS.ProcessEnv): SignInAccounts {
  if (env.LOCAL_JWT_PUBLIC_JWKS) return LOCAL_SIGN_IN_ACCOUNTS;
  if (!config.USER_POOL_ID) throw new ConfigError('USER_POOL_ID is not set: the erasure route cannot delete the Cognito user.');
  cognito ??= createCognitoSignInAccounts({ region: config.AWS_REGION, userPoolId: config.USER_POOL_ID });
  return cognito;
}
