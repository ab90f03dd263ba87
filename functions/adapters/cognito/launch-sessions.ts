/**
 * LaunchSessions in AWS: each LMS learner is a Cognito user in the participant group, so the HTTP
 * API's JWT authorizer and the handlers accept their session like anyone else's.
 *
 * The pool signs in by e-mail address, so the user is made with the learner's made-up address
 * (launch.ts) and no message is sent. Nobody ever types a password for it: each launch sets a new
 * random one and signs in with it at once (ADMIN_USER_PASSWORD_AUTH, allowed for the web client
 * for this), so no password is kept anywhere. The ID token is the session, as for a sign-in.
 */
import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
  UserNotFoundException,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { LaunchSessions } from '../../core/scorm/exports/launch.js';

export interface CognitoLaunchConfig {
  region: string;
  userPoolId: string;
  /** The web app's client id (JWT_AUDIENCE): its ID tokens are what the API accepts. */
  clientId: string;
  /** Tests pass a mocked client. */
  client?: CognitoIdentityProviderClient;
}

export function createCognitoLaunchSessions(config: CognitoLaunchConfig): LaunchSessions {
  const client = config.client ?? new CognitoIdentityProviderClient({ region: config.region });
  const UserPoolId = config.userPoolId;

  async function findUser(email: string): Promise<{ sub: string; name: string | undefined } | undefined> {
    try {
      const user = await client.send(new AdminGetUserCommand({ UserPoolId, Username: email }));
      return attributesOf(user.UserAttributes, email);
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  }

  async function ensureUser(email: string, name: string): Promise<string> {
    const found = await findUser(email);
    if (found) {
      if (found.name !== name) {
        await client.send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username: email, UserAttributes: [{ Name: 'name', Value: name }] }));
      }
      return found.sub;
    }
    let sub: string;
    try {
      const created = await client.send(
        new AdminCreateUserCommand({
          UserPoolId,
          Username: email,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'name', Value: name },
          ],
        }),
      );
      sub = attributesOf(created.User?.Attributes, email).sub;
    } catch (error) {
      // The same learner's first launch in another request made it first.
      if (!(error instanceof UsernameExistsException)) throw error;
      const raced = await findUser(email);
      if (!raced) throw error;
      sub = raced.sub;
    }
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: 'participant' }));
    return sub;
  }

  return {
    async open({ email, name }) {
      const userId = await ensureUser(email, name);
      const password = `${randomBytes(24).toString('base64url')}aA1!`;
      await client.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: email, Password: password, Permanent: true }));
      const signedIn = await client.send(
        new AdminInitiateAuthCommand({
          UserPoolId,
          ClientId: config.clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD: password },
        }),
      );
      const token = signedIn.AuthenticationResult?.IdToken;
      if (!token) throw new Error(`Cognito did not sign in LMS learner ${email}: ${signedIn.ChallengeName ?? 'no ID token'}`);
      return { userId, token };
    },
  };
}

function attributesOf(attributes: AttributeType[] | undefined, email: string): { sub: string; name: string | undefined } {
  const value = (name: string) => attributes?.find((attribute) => attribute.Name === name)?.Value;
  const sub = value('sub');
  if (!sub) throw new Error(`Cognito returned no sub for ${email}`);
  return { sub, name: value('name') };
}
