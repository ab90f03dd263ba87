import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet } from 'jose';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authenticateClient, verifyPersonToken } from '../../../functions/core/auth/authenticate.js';
import { loadOrCreateSigningKey, type SigningKey } from '../../../functions/core/auth/local-issuer.js';
import { verifySecret } from '../../../functions/core/auth/password-hash.js';
import { createUser, createXapiClient, listXapiClients, signIn, SIGN_IN_FAILED } from '../../../functions/core/auth/services.js';
import { AuthenticationError, ConflictError, ValidationError } from '../../../functions/core/errors.js';
import { aClientRecord, aUserRecord, basicHeader, FIXTURE_PASSWORD, inMemoryClientStore, inMemoryUserStore } from '../../support/auth-fixtures.js';

const ISSUER = 'http://localhost:3000';
const NOW = new Date('2025-05-01T10:00:00.000Z');
const now = () => NOW;

let signingKey: SigningKey;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'auth-services-'));
  signingKey = await loadOrCreateSigningKey(join(dir, 'key.json'));
  await rm(dir, { recursive: true, force: true });
});

describe('signIn', () => {
  async function setUp() {
    const carla = await aUserRecord({ email: 'carla@voorbeeld.nl', name: 'Carla', roles: ['participant', 'coach'] });
    const noPassword = await aUserRecord({ email: 'cognito-only@voorbeeld.nl' });
    delete noPassword.passwordHash;
    const { store } = inMemoryUserStore([carla, noPassword]);
    return { carla, run: signIn({ users: store, signingKey: signingKey.privateJwk, issuer: ISSUER }) };
  }

  it('returns a token the person verifier accepts, and the user without the hash', async () => {
    const { carla, run } = await setUp();
    const result = await run({ email: 'Carla@Voorbeeld.nl ', password: FIXTURE_PASSWORD });
    expect(result.user).toEqual({ userId: carla.userId, email: 'carla@voorbeeld.nl', name: 'Carla', roles: ['participant', 'coach'], createdAt: carla.createdAt });
    expect(result.user).not.toHaveProperty('passwordHash');
    const principal = await verifyPersonToken({ getKey: createLocalJWKSet(signingKey.publicJwks), issuer: ISSUER })(`Bearer ${result.token}`);
    expect(principal).toMatchObject({ userId: carla.userId, roles: ['participant', 'coach'] });
  });

  it.each([
    ['wrong password', 'carla@voorbeeld.nl', 'not-the-password'],
    ['unknown e-mail', 'nobody@voorbeeld.nl', FIXTURE_PASSWORD],
    ['account without a local password', 'cognito-only@voorbeeld.nl', FIXTURE_PASSWORD],
  ])('answers %s with the one Dutch message', async (_name, email, password) => {
    const { run } = await setUp();
    const error = await run({ email, password }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe('E-mailadres of wachtwoord klopt niet.');
    expect(SIGN_IN_FAILED).toBe('E-mailadres of wachtwoord klopt niet.');
  });

  it('refuses empty input as a validation error', async () => {
    const { run } = await setUp();
    await expect(run({ email: '', password: '' })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('createXapiClient', () => {
  it('generates a 20-character url-safe key and a 32-byte secret, stores only the hash', async () => {
    const memory = inMemoryClientStore();
    const created = await createXapiClient({ clients: memory.store, now })({ name: ' LMS ', scopes: ['statements/write', 'statements/write', 'statements/read'] });
    expect(created.key).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(Buffer.from(created.secret, 'base64url')).toHaveLength(32);
    const stored = memory.records.get(created.key)!;
    expect(stored).toEqual({ key: created.key, secretHash: expect.stringMatching(/^scrypt\$/), name: 'LMS', scopes: ['statements/write', 'statements/read'], createdAt: NOW.toISOString() });
    expect(JSON.stringify(stored)).not.toContain(created.secret);
    expect(await verifySecret(created.secret, stored.secretHash)).toBe(true);
    expect(created.record).toEqual({ key: created.key, name: 'LMS', scopes: ['statements/write', 'statements/read'], createdAt: NOW.toISOString() });
  });

  it('generates different credentials each time', async () => {
    const memory = inMemoryClientStore();
    const create = createXapiClient({ clients: memory.store, now });
    const [a, b] = await Promise.all([create({ name: 'A', scopes: ['all'] }), create({ name: 'B', scopes: ['all'] })]);
    expect(a.key).not.toBe(b.key);
    expect(a.secret).not.toBe(b.secret);
  });

  it('uses a given key and secret, replacing a client with that key (seed re-runs)', async () => {
    const memory = inMemoryClientStore([await aClientRecord({ key: 'demo-lrs-client', revokedAt: '2025-01-02T00:00:00.000Z' })]);
    const created = await createXapiClient({ clients: memory.store, now })({ name: 'Demo', scopes: ['all'], key: 'demo-lrs-client', secret: 'a-secret-of-enough-length' });
    expect(created).toMatchObject({ key: 'demo-lrs-client', secret: 'a-secret-of-enough-length' });
    expect(memory.records.get('demo-lrs-client')?.revokedAt).toBeUndefined();
    const principal = await authenticateClient({ clients: memory.store, authorityHomePage: 'https://lrs.example' })(basicHeader('demo-lrs-client', 'a-secret-of-enough-length'));
    expect(principal.scopes).toEqual(['all']);
  });

  it.each([
    ['no scopes', { name: 'A', scopes: [] }, 'scopes'],
    ['an unknown scope', { name: 'A', scopes: ['everything'] }, 'scopes.0'],
    ['an empty name', { name: '  ', scopes: ['all'] }, 'name'],
    ['a key with a colon', { name: 'A', scopes: ['all'], key: 'abc:defgh' }, 'key'],
    ['a short secret', { name: 'A', scopes: ['all'], secret: 'short' }, 'secret'],
  ])('refuses %s with a validation error naming the field', async (_name, input, path) => {
    const memory = inMemoryClientStore();
    const error = await createXapiClient({ clients: memory.store, now })(input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(path);
    expect(memory.records.size).toBe(0);
  });
});

describe('listXapiClients', () => {
  it('lists every client without its secret hash', async () => {
    const memory = inMemoryClientStore([await aClientRecord({ key: 'b-key' }), await aClientRecord({ key: 'a-key', revokedAt: '2025-02-01T00:00:00.000Z' })]);
    const listed = await listXapiClients({ clients: memory.store })();
    expect(listed.map((client) => client.key)).toEqual(['a-key', 'b-key']);
    expect(listed[0]).toMatchObject({ revokedAt: '2025-02-01T00:00:00.000Z' });
    for (const client of listed) expect(client).not.toHaveProperty('secretHash');
  });
});

describe('createUser', () => {
  it('stores a lowercased e-mail and a password hash, and returns the user without it', async () => {
    const memory = inMemoryUserStore();
    const user = await createUser({ users: memory.store, now })({ email: ' Anna.Coach@Voorbeeld.NL', name: 'Anna', roles: ['coach'], password: 'lang-genoeg-wachtwoord' });
    expect(user).toEqual({ userId: expect.any(String), email: 'anna.coach@voorbeeld.nl', name: 'Anna', roles: ['coach'], createdAt: NOW.toISOString() });
    expect(user).not.toHaveProperty('passwordHash');
    const stored = memory.records.get(user.userId)!;
    expect(await verifySecret('lang-genoeg-wachtwoord', stored.passwordHash!)).toBe(true);
  });

  it('stores no hash when there is no password (Cognito holds it in AWS)', async () => {
    const memory = inMemoryUserStore();
    const user = await createUser({ users: memory.store, now })({ email: 'a@voorbeeld.nl', name: 'A', roles: [] });
    expect(memory.records.get(user.userId)).not.toHaveProperty('passwordHash');
  });

  it('passes on the store refusing an e-mail in use', async () => {
    const memory = inMemoryUserStore([await aUserRecord({ email: 'taken@voorbeeld.nl' })]);
    await expect(createUser({ users: memory.store, now })({ email: 'TAKEN@voorbeeld.nl', name: 'B', roles: [] })).rejects.toBeInstanceOf(ConflictError);
  });

  it.each([
    ['an invalid e-mail', { email: 'not-an-email', name: 'A', roles: [] }, 'email'],
    ['an unknown role', { email: 'a@voorbeeld.nl', name: 'A', roles: ['root'] }, 'roles.0'],
    ['a short password', { email: 'a@voorbeeld.nl', name: 'A', roles: [], password: 'kort' }, 'password'],
  ])('refuses %s', async (_name, input, path) => {
    const memory = inMemoryUserStore();
    const error = await createUser({ users: memory.store, now })(input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(path);
  });
});
