import { describe, expect, it } from 'vitest';
import { authenticateClient, parseBasicAuthorization } from '../../../functions/core/auth/authenticate.js';
import { AuthenticationError } from '../../../functions/core/errors.js';
import { aClientRecord, basicHeader, FIXTURE_SECRET, inMemoryClientStore } from '../../support/auth-fixtures.js';

const HOME_PAGE = 'https://lrs.example/xapi-clients';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('parseBasicAuthorization', () => {
  it.each([
    ['plain', `Basic ${b64('key:secret')}`, { key: 'key', secret: 'secret' }],
    ['scheme in any case (RFC 7617)', `bAsIc ${b64('key:secret')}`, { key: 'key', secret: 'secret' }],
    ['colons in the secret', `Basic ${b64('key:se:cr:et')}`, { key: 'key', secret: 'se:cr:et' }],
    ['surrounding and repeated spaces', `  Basic   ${b64('key:secret')}  `, { key: 'key', secret: 'secret' }],
    ['utf-8', `Basic ${b64('sleutel:één☂')}`, { key: 'sleutel', secret: 'één☂' }],
  ])('reads %s', (_name, header, expected) => {
    expect(parseBasicAuthorization(header)).toEqual(expected);
  });

  it.each([
    ['no header', undefined],
    ['empty header', ''],
    ['scheme only', 'Basic'],
    ['scheme and space only', 'Basic '],
    ['another scheme', `Bearer ${b64('key:secret')}`],
    ['no space after the scheme', `Basic${b64('key:secret')}`],
    ['not base64', 'Basic !!!!'],
    ['base64 with bad padding', `Basic ${b64('key:secret').replace(/=+$/, '')}x`],
    ['two tokens', `Basic ${b64('key:secret')} ${b64('key:secret')}`],
    ['no colon', `Basic ${b64('keysecret')}`],
    ['empty key', `Basic ${b64(':secret')}`],
    ['empty secret', `Basic ${b64('key:')}`],
  ])('refuses %s', (_name, header) => {
    expect(parseBasicAuthorization(header)).toBeUndefined();
  });
});

async function setUp(options: { cacheTtlMs?: number } = {}) {
  const record = await aClientRecord({ key: 'lms-key', name: 'Test LMS', scopes: ['statements/write', 'statements/read/mine'] });
  const revoked = await aClientRecord({ key: 'revoked-key', revokedAt: '2025-02-01T00:00:00.000Z' });
  const memory = inMemoryClientStore([record, revoked]);
  let now = 1_000_000;
  const authenticate = authenticateClient({
    clients: memory.store,
    authorityHomePage: HOME_PAGE,
    nowMs: () => now,
    ...(options.cacheTtlMs !== undefined ? { cacheTtlMs: options.cacheTtlMs } : {}),
  });
  return { authenticate, memory, record, advance: (ms: number) => (now += ms) };
}

async function failure(promise: Promise<unknown>): Promise<AuthenticationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

describe('authenticateClient', () => {
  it('returns the client principal with the client as authority Agent', async () => {
    const { authenticate } = await setUp();
    await expect(authenticate(basicHeader('lms-key', FIXTURE_SECRET))).resolves.toEqual({
      kind: 'client',
      key: 'lms-key',
      name: 'Test LMS',
      scopes: ['statements/write', 'statements/read/mine'],
      authority: { objectType: 'Agent', name: 'Test LMS', account: { homePage: HOME_PAGE, name: 'lms-key' } },
    });
  });

  it.each([
    ['no header', undefined],
    ['a Bearer token', 'Bearer abc.def.ghi'],
    ['garbage', 'Basic %%%'],
  ])('answers %s with 401 that says how to send credentials', async (_name, header) => {
    const { authenticate } = await setUp();
    const error = await failure(authenticate(header));
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/Basic/);
    expect(error.message).toMatch(/<key>:<secret>/);
  });

  it('gives one and the same 401 for unknown key, wrong secret and revoked client (no key probing)', async () => {
    const { authenticate } = await setUp();
    const unknown = await failure(authenticate(basicHeader('no-such-key', FIXTURE_SECRET)));
    const wrongSecret = await failure(authenticate(basicHeader('lms-key', 'not-the-secret')));
    const revoked = await failure(authenticate(basicHeader('revoked-key', FIXTURE_SECRET)));
    expect(unknown.message).toMatch(/not valid/);
    expect(wrongSecret.message).toBe(unknown.message);
    expect(revoked.message).toBe(unknown.message);
  });

  it('remembers a successful check, so a busy client does not pay scrypt (or a read) per request', async () => {
    const { authenticate, memory, advance } = await setUp();
    const header = basicHeader('lms-key', FIXTURE_SECRET);
    await authenticate(header);
    advance(59_000);
    await authenticate(header);
    expect(memory.calls.getByKey).toBe(1);
    advance(2_000);
    await authenticate(header);
    expect(memory.calls.getByKey).toBe(2);
  });

  it('never caches failures: a wrong secret stays wrong after a right one, and is looked up each time', async () => {
    const { authenticate, memory } = await setUp();
    await authenticate(basicHeader('lms-key', FIXTURE_SECRET));
    await failure(authenticate(basicHeader('lms-key', 'wrong')));
    await failure(authenticate(basicHeader('lms-key', 'wrong')));
    expect(memory.calls.getByKey).toBe(3);
  });

  it('sees a revocation once the cached entry has expired (the documented delay)', async () => {
    const { authenticate, memory, record, advance } = await setUp();
    const header = basicHeader('lms-key', FIXTURE_SECRET);
    await authenticate(header);
    memory.records.set('lms-key', { ...record, revokedAt: '2025-03-01T00:00:00.000Z' });
    await expect(authenticate(header)).resolves.toMatchObject({ key: 'lms-key' });
    advance(60_001);
    await failure(authenticate(header));
  });

  it('with cacheTtlMs 0 checks every request', async () => {
    const { authenticate, memory } = await setUp({ cacheTtlMs: 0 });
    const header = basicHeader('lms-key', FIXTURE_SECRET);
    await authenticate(header);
    await authenticate(header);
    expect(memory.calls.getByKey).toBe(2);
  });

  it('hands out copies: a caller changing its principal does not change the cached one', async () => {
    const { authenticate } = await setUp();
    const header = basicHeader('lms-key', FIXTURE_SECRET);
    const first = await authenticate(header);
    first.scopes.push('all');
    first.authority.account.name = 'someone-else';
    const second = await authenticate(header);
    expect(second.scopes).toEqual(['statements/write', 'statements/read/mine']);
    expect(second.authority.account.name).toBe('lms-key');
  });
});
