/** Factories with overrides for the auth tests, and in-memory stores that behave like the ports. */
import { randomUUID } from 'node:crypto';
import type { ClientStore, UserRecord, UserStore, XapiClientRecord } from '../../functions/core/auth/ports.js';
import type { ClientPrincipal, PersonPrincipal } from '../../functions/core/auth/principal.js';
import { hashSecret } from '../../functions/core/auth/password-hash.js';
import { ConflictError } from '../../functions/core/errors.js';

export const FIXTURE_SECRET = 'correct-horse-battery-staple';
export const FIXTURE_PASSWORD = 'welkom-bij-positieve-gezondheid';

/** scrypt is slow by design; hash the fixture secrets once per test file. */
const hashes = new Map<string, Promise<string>>();
function hashOnce(secret: string): Promise<string> {
  let hash = hashes.get(secret);
  if (!hash) {
    hash = hashSecret(secret);
    hashes.set(secret, hash);
  }
  return hash;
}
export const hashedFixtureSecret = (): Promise<string> => hashOnce(FIXTURE_SECRET);
export const hashedFixturePassword = (): Promise<string> => hashOnce(FIXTURE_PASSWORD);

export async function aClientRecord(overrides: Partial<XapiClientRecord> = {}): Promise<XapiClientRecord> {
  return {
    key: `key-${randomUUID().slice(0, 8)}`,
    secretHash: await hashedFixtureSecret(),
    name: 'Test LMS',
    scopes: ['statements/write', 'statements/read'],
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export async function aUserRecord(overrides: Partial<UserRecord> = {}): Promise<UserRecord> {
  const userId = overrides.userId ?? randomUUID();
  return {
    userId,
    email: `user-${userId.slice(0, 8)}@voorbeeld.nl`,
    name: 'Carla Jansen',
    roles: ['participant'],
    passwordHash: await hashedFixturePassword(),
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function aClientPrincipal(overrides: Partial<ClientPrincipal> = {}): ClientPrincipal {
  const key = overrides.key ?? 'client-key';
  return {
    kind: 'client',
    key,
    name: 'Test LMS',
    scopes: ['all'],
    authority: { objectType: 'Agent', name: 'Test LMS', account: { homePage: 'https://lrs.example/clients', name: key } },
    ...overrides,
  };
}

export function aPersonPrincipal(overrides: Partial<PersonPrincipal> = {}): PersonPrincipal {
  return { kind: 'person', userId: 'user-1', email: 'carla@voorbeeld.nl', name: 'Carla Jansen', roles: ['participant'], ...overrides };
}

export function basicHeader(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`, 'utf8').toString('base64')}`;
}

/** ClientStore in memory; counts look-ups so tests can see the cache at work. */
export function inMemoryClientStore(initial: XapiClientRecord[] = []) {
  const records = new Map(initial.map((record) => [record.key, structuredClone(record)]));
  const calls = { getByKey: 0 };
  const store: ClientStore = {
    async getByKey(key) {
      calls.getByKey++;
      const record = records.get(key);
      return record ? structuredClone(record) : undefined;
    },
    async put(record) {
      records.set(record.key, structuredClone(record));
    },
    async list() {
      return [...records.values()].sort((a, b) => a.key.localeCompare(b.key)).map((record) => structuredClone(record));
    },
  };
  return { store, records, calls };
}

/** UserStore in memory with the same e-mail rules as the DynamoDB adapter (case-insensitive, unique). */
export function inMemoryUserStore(initial: UserRecord[] = []) {
  const records = new Map(initial.map((record) => [record.userId, structuredClone(record)]));
  const store: UserStore = {
    async getById(userId) {
      const record = records.get(userId);
      return record ? structuredClone(record) : undefined;
    },
    async getByEmail(email) {
      const wanted = email.trim().toLowerCase();
      const record = [...records.values()].find((r) => r.email.toLowerCase() === wanted);
      return record ? structuredClone(record) : undefined;
    },
    async put(record) {
      const taken = [...records.values()].find(
        (r) => r.email.toLowerCase() === record.email.toLowerCase() && r.userId !== record.userId,
      );
      if (taken) throw new ConflictError(`The e-mail address ${record.email} is already used by another user.`);
      records.set(record.userId, structuredClone(record));
    },
  };
  return { store, records };
}
