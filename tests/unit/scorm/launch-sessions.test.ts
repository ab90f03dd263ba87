/**
 * LMS learners' sessions in AWS (adapters/cognito/launch-sessions.ts), against a mocked Cognito
 * client: a first launch makes a participant user with the made-up address and no message, every
 * launch signs in with a fresh random password; a renamed learner is renamed; a parallel first
 * launch that lost the race uses the user the other made. And the learner's display name.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
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
} from '@aws-sdk/client-cognito-identity-provider';
import { createCognitoLaunchSessions } from '../../../functions/adapters/cognito/launch-sessions.js';
import { displayName } from '../../../functions/core/scorm/exports/launch.js';

const client = new CognitoIdentityProviderClient({ region: 'eu-west-1' });
const cognito = mockClient(client);
const sessions = createCognitoLaunchSessions({ region: 'eu-west-1', userPoolId: 'pool-1', clientId: 'web-client', client });
const learner = { username: 'lms-abc-123', email: 'lms-abc-123@lms.invalid', name: 'Piet Jansen' };
const notFound = new UserNotFoundException({ message: 'User does not exist.', $metadata: {} });

beforeEach(() => {
  cognito.reset();
  cognito.on(AdminSetUserPasswordCommand).resolves({});
  cognito.on(AdminInitiateAuthCommand).resolves({ AuthenticationResult: { IdToken: 'id-token' } });
  cognito.on(AdminAddUserToGroupCommand).resolves({});
});

describe('Cognito launch sessions', () => {
  it('makes a participant on the first launch, silently, and signs in with the password it just set', async () => {
    cognito.on(AdminGetUserCommand).rejects(notFound);
    cognito.on(AdminCreateUserCommand).resolves({ User: { Attributes: [{ Name: 'sub', Value: 'sub-1' }] } });

    expect(await sessions.open(learner)).toEqual({ userId: 'sub-1', token: 'id-token' });

    const create = cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input;
    expect(create).toMatchObject({ UserPoolId: 'pool-1', Username: learner.email, MessageAction: 'SUPPRESS' });
    expect(create.UserAttributes).toEqual([{ Name: 'email', Value: learner.email }, { Name: 'name', Value: 'Piet Jansen' }]);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toMatchObject({ Username: learner.email, GroupName: 'participant' });
    const set = cognito.commandCalls(AdminSetUserPasswordCommand)[0]!.args[0].input;
    expect(set.Permanent).toBe(true);
    const auth = cognito.commandCalls(AdminInitiateAuthCommand)[0]!.args[0].input;
    expect(auth).toMatchObject({ ClientId: 'web-client', AuthFlow: 'ADMIN_USER_PASSWORD_AUTH' });
    expect(auth.AuthParameters).toEqual({ USERNAME: learner.email, PASSWORD: set.Password });
  });

  it('signs a returning learner in with a new password each time, and follows a new name', async () => {
    cognito.on(AdminGetUserCommand).resolves({ UserAttributes: [{ Name: 'sub', Value: 'sub-2' }, { Name: 'name', Value: 'P. Jansen' }] });
    cognito.on(AdminUpdateUserAttributesCommand).resolves({});

    await sessions.open(learner);
    await sessions.open(learner);

    expect(cognito.commandCalls(AdminCreateUserCommand)).toHaveLength(0);
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)[0]!.args[0].input.UserAttributes).toEqual([{ Name: 'name', Value: 'Piet Jansen' }]);
    const passwords = cognito.commandCalls(AdminSetUserPasswordCommand).map((call) => call.args[0].input.Password);
    expect(new Set(passwords).size).toBe(2);
  });

  it('uses the user a parallel first launch made', async () => {
    cognito.on(AdminGetUserCommand).rejectsOnce(notFound).resolves({ UserAttributes: [{ Name: 'sub', Value: 'sub-3' }, { Name: 'name', Value: 'Piet Jansen' }] });
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    expect((await sessions.open(learner)).userId).toBe('sub-3');
  });

  it('fails loudly when Cognito answers with a challenge instead of tokens', async () => {
    cognito.on(AdminGetUserCommand).resolves({ UserAttributes: [{ Name: 'sub', Value: 'sub-4' }, { Name: 'name', Value: 'Piet Jansen' }] });
    cognito.on(AdminInitiateAuthCommand).resolves({ ChallengeName: 'NEW_PASSWORD_REQUIRED' });
    await expect(sessions.open(learner)).rejects.toThrow(/NEW_PASSWORD_REQUIRED/);
  });
});

describe('the learner name from the LMS', () => {
  it.each([
    ['Jansen, Piet', 'Piet Jansen'],
    ['  de Vries ,  Anna ', 'Anna de Vries'],
    ['Piet Jansen', 'Piet Jansen'],
    ['a, b, c', 'a, b, c'],
    [', Piet', ', Piet'],
    ['   ', 'Deelnemer via GGD West'],
  ])('shows %j as %j', (lms, shown) => {
    expect(displayName(lms, 'GGD West')).toBe(shown);
  });
});
