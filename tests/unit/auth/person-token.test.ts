import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { verifyPersonToken } from '../../../functions/core/auth/authenticate.js';
import { issueToken, loadOrCreateSigningKey, SigningKeyFileError, type SigningKey } from '../../../functions/core/auth/local-issuer.js';
import { AuthenticationError } from '../../../functions/core/errors.js';
import { aUserRecord } from '../../support/auth-fixtures.js';

const ISSUER = 'http://localhost:3000';

let dir: string;
let signingKey: SigningKey;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-issuer-'));
  signingKey = await loadOrCreateSigningKey(join(dir, 'nested', 'key.json'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function verifier(options: { audience?: string; issuer?: string } = {}) {
  return verifyPersonToken({
    getKey: createLocalJWKSet(signingKey.publicJwks),
    issuer: options.issuer ?? ISSUER,
    ...(options.audience !== undefined ? { audience: options.audience } : {}),
  });
}

/** A token with arbitrary claims, signed with the local key (for shapes issueToken never makes). */
async function customToken(claims: Record<string, unknown>, options: { expiresIn?: string; issuer?: string } = {}) {
  const key = await importJWK(signingKey.privateJwk, 'RS256');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: signingKey.privateJwk.kid! })
    .setSubject('user-1')
    .setIssuer(options.issuer ?? ISSUER)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(key);
}

async function rejection(promise: Promise<unknown>): Promise<AuthenticationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

describe('loadOrCreateSigningKey', () => {
  it('persists the key: a second load returns the same key, and its JWKS verifies tokens of the first', async () => {
    const file = join(dir, 'persist.json');
    const first = await loadOrCreateSigningKey(file);
    const second = await loadOrCreateSigningKey(file);
    expect(second.privateJwk).toEqual(first.privateJwk);
    const user = await aUserRecord();
    const token = await issueToken(first.privateJwk, { issuer: ISSUER, user });
    const principal = await verifyPersonToken({ getKey: createLocalJWKSet(second.publicJwks), issuer: ISSUER })(`Bearer ${token}`);
    expect(principal.userId).toBe(user.userId);
  });

  it('publishes only the public half, with kid, alg and use', async () => {
    expect(signingKey.privateJwk.d).toEqual(expect.any(String));
    const [publicJwk] = signingKey.publicJwks.keys;
    expect(publicJwk).toEqual({ kty: 'RSA', n: signingKey.privateJwk.n, e: signingKey.privateJwk.e, kid: signingKey.privateJwk.kid, alg: 'RS256', use: 'sig' });
    expect(signingKey.publicJwks.keys).toHaveLength(1);
  });

  it('refuses a corrupt key file instead of silently replacing it', async () => {
    const file = join(dir, 'corrupt.json');
    await writeFile(file, '{"kty":"oct","k":"abc"}');
    await expect(loadOrCreateSigningKey(file)).rejects.toBeInstanceOf(SigningKeyFileError);
    await writeFile(file, 'not json');
    await expect(loadOrCreateSigningKey(file)).rejects.toThrow(/not valid JSON/);
    expect(await readFile(file, 'utf8')).toBe('not json');
  });
});

describe('issueToken', () => {
  it('carries sub, email, name, cognito:groups, token_use id, the kid, and lives 8 hours by default', async () => {
    const user = await aUserRecord({ email: 'anna@voorbeeld.nl', name: 'Anna', roles: ['coach', 'admin'] });
    const token = await issueToken(signingKey.privateJwk, { issuer: ISSUER, user });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: user.userId, iss: ISSUER, email: 'anna@voorbeeld.nl', name: 'Anna', 'cognito:groups': ['coach', 'admin'], token_use: 'id' });
    expect(claims.exp! - claims.iat!).toBe(8 * 60 * 60);
    expect(claims).not.toHaveProperty('passwordHash');
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: signingKey.privateJwk.kid });
  });
});

describe('verifyPersonToken', () => {
  it('round trip: an issued token becomes the person principal', async () => {
    const user = await aUserRecord({ email: 'carla@voorbeeld.nl', name: 'Carla Jansen', roles: ['participant'] });
    const token = await issueToken(signingKey.privateJwk, { issuer: ISSUER, user });
    await expect(verifier()(`Bearer ${token}`)).resolves.toEqual({
      kind: 'person',
      userId: user.userId,
      email: 'carla@voorbeeld.nl',
      name: 'Carla Jansen',
      roles: ['participant'],
    });
  });

  it('takes roles from cognito:groups, ignoring groups that are no role', async () => {
    const token = await customToken({ email: 'a@b.nl', name: 'A', 'cognito:groups': ['eu-west-1_Admins', 'coach', 'admin', 'coach'] });
    expect((await verifier()(`Bearer ${token}`)).roles).toEqual(['coach', 'admin']);
    const noGroups = await customToken({ email: 'a@b.nl', name: 'A' });
    expect((await verifier()(`Bearer ${noGroups}`)).roles).toEqual([]);
    const onlyUnknown = await customToken({ 'cognito:groups': ['superuser'] });
    expect((await verifier()(`Bearer ${onlyUnknown}`)).roles).toEqual([]);
  });

  it('says the session expired for an expired token', async () => {
    const user = await aUserRecord();
    const token = await issueToken(signingKey.privateJwk, { issuer: ISSUER, user, ttlSeconds: -60 });
    const error = await rejection(verifier()(`Bearer ${token}`));
    expect(error.message).toMatch(/verlopen.*Log opnieuw in/);
  });

  it('refuses a token from another issuer', async () => {
    const token = await issueToken(signingKey.privateJwk, { issuer: 'https://evil.example', user: await aUserRecord() });
    const error = await rejection(verifier()(`Bearer ${token}`));
    expect(error.message).toMatch(/Log opnieuw in/);
  });

  it('refuses a token signed by another key with the same kid', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const other: JWK = { ...(await exportJWK(privateKey)), kid: signingKey.privateJwk.kid! };
    const token = await issueToken(other, { issuer: ISSUER, user: await aUserRecord() });
    await rejection(verifier()(`Bearer ${token}`));
  });

  it('refuses a tampered payload', async () => {
    const token = await issueToken(signingKey.privateJwk, { issuer: ISSUER, user: await aUserRecord({ roles: ['participant'] }) });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString('base64url');
    await rejection(verifier()(`Bearer ${header}.${forged}.${signature}`));
  });

  it('refuses an HMAC token (algorithm confusion)', async () => {
    const token = await new SignJWT({ 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(ISSUER)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!'));
    await rejection(verifier()(`Bearer ${token}`));
  });

  it.each([
    ['no header', undefined],
    ['empty', ''],
    ['Basic credentials', 'Basic a2V5OnNlY3JldA=='],
    ['bearer without token', 'Bearer '],
    ['not a JWT', 'Bearer not-a-jwt'],
  ])('asks to sign in for %s', async (_name, header) => {
    const error = await rejection(verifier()(header));
    expect(error.message).toMatch(/Log in/);
  });

  describe('audience (JWT_AUDIENCE)', () => {
    it('accepts aud equal to the audience (ID tokens)', async () => {
      const token = await issueToken(signingKey.privateJwk, { issuer: ISSUER, user: await aUserRecord(), audience: 'app-client' });
      await expect(verifier({ audience: 'app-client' })(`Bearer ${token}`)).resolves.toMatchObject({ kind: 'person' });
    });

    it('accepts client_id equal to the audience (Cognito access tokens carry no aud)', async () => {
      const token = await customToken({ client_id: 'app-client', token_use: 'access', username: 'carla', 'cognito:groups': ['participant'] });
      const principal = await verifier({ audience: 'app-client' })(`Bearer ${token}`);
      expect(principal).toEqual({ kind: 'person', userId: 'user-1', email: '', name: 'carla', roles: ['participant'] });
    });

    it('refuses a token for another app client, or with neither aud nor client_id', async () => {
      const other = await issueToken(signingKey.privateJwk, { issuer: ISSUER, user: await aUserRecord(), audience: 'other-client' });
      await rejection(verifier({ audience: 'app-client' })(`Bearer ${other}`));
      const otherClientId = await customToken({ client_id: 'other-client', token_use: 'access' });
      await rejection(verifier({ audience: 'app-client' })(`Bearer ${otherClientId}`));
      const none = await issueToken(signingKey.privateJwk, { issuer: ISSUER, user: await aUserRecord() });
      await rejection(verifier({ audience: 'app-client' })(`Bearer ${none}`));
    });
  });

  it('refuses a token whose token_use is neither id nor access', async () => {
    const token = await customToken({ token_use: 'refresh' });
    await rejection(verifier()(`Bearer ${token}`));
  });

  it('lets a failing key source through as a server error, not a 401', async () => {
    const token = await issueToken(signingKey.privateJwk, { issuer: ISSUER, user: await aUserRecord() });
    const down = verifyPersonToken({
      getKey: async () => {
        throw new Error('JWKS endpoint unreachable');
      },
      issuer: ISSUER,
    });
    const error = await down(`Bearer ${token}`).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe('JWKS endpoint unreachable');
  });
});
