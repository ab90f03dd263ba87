/**
 * SignInAccounts in AWS: the person's Cognito user. The pool signs in by e-mail address, so each
 * user's Cognito username is its `sub`, which is the module's user id.
 */
import { AdminDeleteUserCommand, CognitoIdentityProviderClient, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import type { SignInAccounts } from '../../core/privacy/ports.js';

export function createCognitoSignInAccounts(config: { region: string; userPoolId: string }): SignInAccounts {
  const client = new CognitoIdentityProviderClient({ region: config.region });
  return {
    async delete(userId) {
      try {
        await client.send(new AdminDeleteUserCommand({ UserPoolId: config.userPoolId, Username: userId }));
      } catch (error) {
        if (!(error instanceof UserNotFoundException)) throw error;
      }
    },
  };
}

