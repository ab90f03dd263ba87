/**
 * Where LMS learners' sessions come from (core/scorm/exports/launch.ts): the local issuer in the
 * local runtime, Cognito in AWS. Kept out of the shared composition root, like sign-in-accounts.ts,
 * so that only the launch function's bundle carries the Cognito client.
 */
import { createCognitoLaunchSessions } from '../adapters/cognito/launch-sessions.js';
import { issueToken } from '../core/auth/local-issuer.js';
import type { LaunchSessions } from '../core/scorm/exports/launch.js';
import { ConfigError, type Config } from './config.js';
import { localSigningKey } from './stores.js';

let cognito: LaunchSessions | undefined;

export function launchSessions(config: Config): LaunchSessions {
  const privateJwk = localSigningKey();
  if (privateJwk) {
    // Locally the learner's user id is their sign-in name, as the local issuer puts it in `sub`.
    return {
      async open({ username, email, name }) {
        const user = { userId: username, email, name, roles: ['participant' as const], createdAt: '' };
        return { userId: username, token: await issueToken(privateJwk, { issuer: config.JWT_ISSUER, user, ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}) }) };
      },
    };
  }
  if (!config.USER_POOL_ID || !config.JWT_AUDIENCE) {
    throw new ConfigError('USER_POOL_ID and JWT_AUDIENCE must be set: the SCORM launch route signs LMS learners in with Cognito.');
  }
  cognito ??= createCognitoLaunchSessions({ region: config.AWS_REGION, userPoolId: config.USER_POOL_ID, clientId: config.JWT_AUDIENCE });
  return cognito;
}
