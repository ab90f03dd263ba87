/** The credential stores against DynamoDB Local: item layout, look-ups, e-mail uniqueness, no Scan. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createClientStore } from '../../functions/adapters/dynamodb/client-store.js';
import { createUserStore } from '../../functions/adapters/dynamodb/user-store.js';
import { AuthStoreError, MalformedItemError } from '../../functions/adapters/dynamodb/auth-store-errors.js';
import { authenticateClient } from '../../functions/core/auth/authenticate.js';
import { createXapiClient } from '../../functions/core/auth/services.js';
import { AuthenticationError, ConflictError } from '../../functions/core/errors.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { aClientRecord, aUserRecord, basicHeader, FIXTURE_SECRET } from '../support/auth-fixtures.js';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable();
});
afterAll(async () => {
  await table.drop();
});

const rawItem = async (pk: string, sk: string) =>
  (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk, sk } }))).Item;

describe('client store', () => {
  const store = () => createClientStore({ doc: table.doc, tableName: table.tableName });

  it('writes CLIENT#<key>/CLIENT with gsi1 CLIENTS/<key> and reads the record back', async () => {
    const record = await aClientRecord({ key: 'layout-key', scopes: ['all'], revokedAt: '2025-02-01T00:00:00.000Z' });
    await store().put(record);
    expect(await rawItem('CLIENT#layout-key', 'CLIENT')).toMatchObject({ gsi1pk: 'CLIENTS', gsi1sk: 'layout-key', key: 'layout-key' });
    expect(await store().getByKey('layout-key')).toEqual(record);
  });

  it('returns undefined for an unknown key', async () => {
    expect(await store().getByKey('no-such-key')).toBeUndefined();
  });

  it('replaces the record on a second put with the same key', async () => {
    await store().put(await aClientRecord({ key: 'replace-key', name: 'Old', revokedAt: '2025-02-01T00:00:00.000Z' }));
    const replacement = await aClientRecord({ key: 'replace-key', name: 'New', scopes: ['statements/read'] });
    await store().put(replacement);
    expect(await store().getByKey('replace-key')).toEqual(replacement);
  });

  it('lists every client in key order with a Query on gsi1, never a Scan, and nothing but clients', async () => {
    const fresh = await createTestTable();
    try {
      const clients = createClientStore({ doc: fresh.doc, tableName: fresh.tableName });
      const users = createUserStore({ doc: fresh.doc, tableName: fresh.tableName });
      for (const key of ['key-c', 'key-a', 'key-b']) await clients.put(await aClientRecord({ key }));
      await users.put(await aUserRecord());
      const send = vi.spyOn(fresh.doc, 'send');
      const listed = await clients.list();
      expect(listed.map((client) => client.key)).toEqual(['key-a', 'key-b', 'key-c']);
      const commands = send.mock.calls.map(([command]) => command);
      expect(commands.some((command) => command instanceof ScanCommand)).toBe(false);
      expect(commands.length).toBeGreaterThan(0);
      for (const command of commands) {
        expect(command).toBeInstanceOf(QueryCommand);
        expect((command as QueryCommand).input).toMatchObject({ IndexName: 'gsi1', ExpressionAttributeValues: { ':pk': 'CLIENTS' } });
      }
      send.mockRestore();
    } finally {
      await fresh.drop();
    }
  });

  it('refuses an item of the wrong shape instead of trusting it', async () => {
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { pk: 'CLIENT#broken', sk: 'CLIENT', key: 'broken', name: 'No hash', scopes: [] } }));
    await expect(store().getByKey('broken')).rejects.toBeInstanceOf(MalformedItemError);
  });

  it('drops scopes it does not know, so they grant nothing', async () => {
    const record = await aClientRecord({ key: 'future-key' });
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: 'CLIENT#future-key', sk: 'CLIENT', key: 'future-key', secretHash: record.secretHash, name: 'x', scopes: ['statements/read', 'admin/everything'], createdAt: record.createdAt },
      }),
    );
    expect((await store().getByKey('future-key'))?.scopes).toEqual(['statements/read']);
  });

  it('translates SDK failures into store errors that keep the cause', async () => {
    const missing = createClientStore({ doc: table.doc, tableName: 'no-such-table' });
    const error = await missing.getByKey('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthStoreError);
    expect((error as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('authenticateClient against the real store', () => {
  it('accepts credentials made by createXapiClient and refuses them once revoked', async () => {
    const clients = createClientStore({ doc: table.doc, tableName: table.tableName });
    const { key, secret } = await createXapiClient({ clients, now: () => new Date('2025-05-01T00:00:00Z') })({ name: 'Moodle', scopes: ['statements/write'] });
    const authenticate = authenticateClient({ clients, authorityHomePage: 'https://lrs.example/clients', cacheTtlMs: 0 });
    await expect(authenticate(basicHeader(key, secret))).resolves.toEqual({
      kind: 'client',
      key,
      name: 'Moodle',
      scopes: ['statements/write'],
      authority: { objectType: 'Agent', name: 'Moodle', account: { homePage: 'https://lrs.example/clients', name: key } },
    });
    await expect(authenticate(basicHeader(key, `${secret}x`))).rejects.toBeInstanceOf(AuthenticationError);
    const stored = (await clients.getByKey(key))!;
    await clients.put({ ...stored, revokedAt: '2025-05-02T00:00:00.000Z' });
    await expect(authenticate(basicHeader(key, secret))).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses an unknown key', async () => {
    const clients = createClientStore({ doc: table.doc, tableName: table.tableName });
    await expect(authenticateClient({ clients, authorityHomePage: 'https://lrs.example' })(basicHeader('unknown-key', FIXTURE_SECRET))).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe('user store', () => {
  const store = () => createUserStore({ doc: table.doc, tableName: table.tableName });

  it('writes USER#<id>/USER (gsi1 USERS/<email>) and EMAIL#<email>/EMAIL, and reads by id and e-mail', async () => {
    const user = await aUserRecord({ userId: 'layout-user', email: 'Layout.User@Voorbeeld.nl', roles: ['coach', 'admin'] });
    await store().put(user);
    expect(await rawItem('USER#layout-user', 'USER')).toMatchObject({ gsi1pk: 'USERS', gsi1sk: 'layout.user@voorbeeld.nl', email: 'Layout.User@Voorbeeld.nl' });
    expect(await rawItem('EMAIL#layout.user@voorbeeld.nl', 'EMAIL')).toMatchObject({ userId: 'layout-user' });
    expect(await store().getById('layout-user')).toEqual(user);
    expect(await store().getByEmail('layout.user@voorbeeld.nl')).toEqual(user);
    expect(await store().getByEmail(' LAYOUT.USER@VOORBEELD.NL ')).toEqual(user);
  });

  it('returns undefined for an unknown id or e-mail', async () => {
    expect(await store().getById('nobody')).toBeUndefined();
    expect(await store().getByEmail('nobody@voorbeeld.nl')).toBeUndefined();
  });

  it('keeps a user without a password hash without one', async () => {
    const user = await aUserRecord();
    delete user.passwordHash;
    await store().put(user);
    expect(await store().getById(user.userId)).toEqual(user);
  });

  it('replaces a user on a second put with the same e-mail', async () => {
    const user = await aUserRecord();
    await store().put(user);
    await store().put({ ...user, name: 'Nieuwe naam', roles: ['admin'] });
    expect(await store().getByEmail(user.email)).toMatchObject({ name: 'Nieuwe naam', roles: ['admin'] });
  });

  it('refuses an e-mail another user has (any case), naming it, and writes nothing', async () => {
    const first = await aUserRecord({ email: 'uniek@voorbeeld.nl' });
    await store().put(first);
    const second = await aUserRecord({ email: 'UNIEK@voorbeeld.nl' });
    const error = await store().put(second).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain('UNIEK@voorbeeld.nl');
    expect(await store().getById(second.userId)).toBeUndefined();
    expect((await store().getByEmail('uniek@voorbeeld.nl'))?.userId).toBe(first.userId);
  });

  it('moves the look-up when a user changes e-mail, freeing the old address', async () => {
    const user = await aUserRecord({ email: 'oud@voorbeeld.nl' });
    await store().put(user);
    await store().put({ ...user, email: 'nieuw@voorbeeld.nl' });
    expect(await store().getByEmail('oud@voorbeeld.nl')).toBeUndefined();
    expect(await rawItem('EMAIL#oud@voorbeeld.nl', 'EMAIL')).toBeUndefined();
    expect((await store().getByEmail('nieuw@voorbeeld.nl'))?.userId).toBe(user.userId);
    const newcomer = await aUserRecord({ email: 'oud@voorbeeld.nl' });
    await store().put(newcomer);
    expect((await store().getByEmail('oud@voorbeeld.nl'))?.userId).toBe(newcomer.userId);
  });

  it('does not let a user take over an address by changing to it', async () => {
    const owner = await aUserRecord({ email: 'bezet@voorbeeld.nl' });
    const other = await aUserRecord({ email: 'ander@voorbeeld.nl' });
    await store().put(owner);
    await store().put(other);
    await expect(store().put({ ...other, email: 'bezet@voorbeeld.nl' })).rejects.toBeInstanceOf(ConflictError);
    expect((await store().getByEmail('ander@voorbeeld.nl'))?.userId).toBe(other.userId);
    expect((await store().getByEmail('bezet@voorbeeld.nl'))?.userId).toBe(owner.userId);
  });

  it('lets exactly one of several concurrent sign-ups with the same e-mail win', async () => {
    const contenders = await Promise.all([1, 2, 3, 4].map(() => aUserRecord({ email: 'race@voorbeeld.nl' })));
    const results = await Promise.allSettled(contenders.map((user) => store().put(user)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConflictError);
    }
    const winner = contenders[results.findIndex((result) => result.status === 'fulfilled')]!;
    expect((await store().getByEmail('race@voorbeeld.nl'))?.userId).toBe(winner.userId);
  });

  it('refuses a malformed user item', async () => {
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { pk: 'USER#broken', sk: 'USER', userId: 'broken', roles: 'admin' } }));
    await expect(store().getById('broken')).rejects.toBeInstanceOf(MalformedItemError);
  });
});
