/**
 * The Statements API beyond plain 1.0.3, through the local server and the real handlers on
 * DynamoDB Local: xAPI 2.0 beside 1.0.3 (negotiated by X-Experience-API-Version), 1.0.0-1.0.2 served
 * as 1.0.3, signed statements, and 1.0.3's Alternate Request Syntax.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startLocalApp, type LocalApp } from '../support/local-app.js';
import { SIGNED_CONTENT_TYPE, signedBody, signingKey, signStatement, withSignature, type SigningKey } from '../support/signed-statements.js';

let app: LocalApp;
let key: SigningKey;
beforeAll(async () => {
  app = await startLocalApp({ streams: false });
  key = signingKey();
});
afterAll(() => app?.close());

const makeStatement = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', mbox: 'mailto:carla@voorbeeld.nl' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'nl-NL': 'heeft bekeken' } },
  object: { objectType: 'Activity', id: 'https://introductie-pg.nl/xapi/activities/wat-is-pg' },
  ...overrides,
});

interface Sent {
  status: number;
  headers: Headers;
  body: unknown;
}

async function send(method: string, path: string, options: { version?: string | null; body?: string | Buffer; contentType?: string; auth?: string } = {}): Promise<Sent> {
  const headers: Record<string, string> = { authorization: options.auth ?? app.basicAuth };
  if (options.version !== null) headers['x-experience-api-version'] = options.version ?? '1.0.3';
  if (options.contentType) headers['content-type'] = options.contentType;
  const body = typeof options.body === 'string' ? options.body : options.body ? new Uint8Array(options.body) : undefined;
  const response = await app.fetch(path, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text };
}

const postJson = (statement: unknown, version = '1.0.3') => send('POST', '/xapi/statements', { version, body: JSON.stringify(statement), contentType: 'application/json' });
const getById = (id: string, version = '1.0.3') => send('GET', `/xapi/statements?statementId=${id}`, { version });

describe('version negotiation', () => {
  it('lists 1.0.x and 2.0.0 in About, answering without a version header as 2.0.0', async () => {
    const about = await send('GET', '/xapi/about', { version: null });
    expect(about.status).toBe(200);
    expect((about.body as { version: string[] }).version).toEqual(['1.0.0', '1.0.1', '1.0.2', '1.0.3', '2.0.0']);
    expect(about.headers.get('x-experience-api-version')).toBe('2.0.0');
    expect((await send('GET', '/xapi/about', { version: '1.0.3' })).headers.get('x-experience-api-version')).toBe('1.0.3');
  });

  it.each(['1.0.0', '1.0.1', '1.0.2', '1.0'])('serves %s as 1.0.3 and says so', async (version) => {
    const statement = makeStatement();
    const stored = await postJson(statement, version);
    expect(stored.status).toBe(200);
    expect(stored.headers.get('x-experience-api-version')).toBe('1.0.3');
    const read = await getById(statement.id as string, version);
    expect(read.headers.get('x-experience-api-version')).toBe('1.0.3');
    expect((read.body as { version: string }).version).toBe('1.0.0');
  });

  it('refuses versions it does not speak, with 400 and the newest version on the answer', async () => {
    for (const version of ['0.95', '1.1.0', '3.0.0']) {
      const response = await postJson(makeStatement(), version);
      expect(response.status).toBe(400);
      expect(response.headers.get('x-experience-api-version')).toBe('2.0.0');
    }
  });

  it('names the version XAPI_FALLBACK_VERSION sets on an answer to a request without one', async () => {
    process.env.XAPI_FALLBACK_VERSION = '1.0.3';
    try {
      const response = await send('GET', `/xapi/statements?statementId=${makeStatement().id as string}`, { version: null });
      expect(response.status).toBe(400);
      expect(response.headers.get('x-experience-api-version')).toBe('1.0.3');
    } finally {
      delete process.env.XAPI_FALLBACK_VERSION;
    }
  });
});

describe('xAPI 2.0', () => {
  const contextAgents = [{ objectType: 'contextAgent', agent: { mbox: 'mailto:anna.coach@voorbeeld.nl' }, relevantTypes: ['https://introductie-pg.nl/xapi/activity-types/coach'] }];

  it('stores 2.0 statements: context agents and groups, version 2.0.0 by default, timestamps in UTC', async () => {
    const statement = makeStatement({
      timestamp: '2023-05-04T12:00:00.250-05:00',
      context: { contextAgents, contextGroups: [{ objectType: 'contextGroup', group: { objectType: 'Group', member: [{ mbox: 'mailto:eva@voorbeeld.nl' }] } }] },
    });
    const stored = await postJson(statement, '2.0.0');
    expect(stored.status).toBe(200);
    expect(stored.headers.get('x-experience-api-version')).toBe('2.0.0');
    const read = await getById(statement.id as string, '2.0.0');
    expect(read.headers.get('x-experience-api-version')).toBe('2.0.0');
    const body = read.body as { version: string; timestamp: string; stored: string; context: unknown };
    expect(body).toMatchObject({ version: '2.0.0', timestamp: '2023-05-04T17:00:00.250Z', context: statement.context });
    expect(new Date(read.headers.get('last-modified')!).getTime()).toBe(Math.floor(Date.parse(body.stored) / 1000) * 1000);
    // The same statement again (the same instant in another zone) is a no-op, not a conflict.
    expect((await postJson({ ...statement, timestamp: '2023-05-04T17:00:00.250Z' }, '2.0.0')).status).toBe(200);
  });

  it('keeps a version the statement brings; 1.0.3 keeps refusing what only 2.0 allows', async () => {
    const statement = makeStatement({ version: '1.0.3' });
    expect((await postJson(statement, '2.0.0')).status).toBe(200);
    expect(((await getById(statement.id as string, '2.0.0')).body as { version: string }).version).toBe('1.0.3');
    const with2_0 = await postJson(makeStatement({ context: { contextAgents } }), '1.0.3');
    expect(with2_0.status).toBe(400);
    expect(JSON.stringify(with2_0.body)).toContain('statement.context.contextAgents');
    expect((await postJson(makeStatement({ version: '2.0.0' }), '1.0.3')).status).toBe(400);
  });

  it('refuses 2.0 timestamps without a zone and invalid context agents, naming the path', async () => {
    const noZone = await postJson(makeStatement({ timestamp: '2023-05-04T12:00:00' }), '2.0.0');
    expect(noZone.status).toBe(400);
    expect(JSON.stringify(noZone.body)).toContain('statement.timestamp');
    const emptyTypes = await postJson(makeStatement({ context: { contextAgents: [{ ...contextAgents[0], relevantTypes: [] }] } }), '2.0.0');
    expect(emptyTypes.status).toBe(400);
    expect(JSON.stringify(emptyTypes.body)).toContain('statement.context.contextAgents[0].relevantTypes');
  });

  it('has no alternate request syntax', async () => {
    const response = await send('POST', '/xapi/statements?method=GET', { version: '2.0.0', body: 'limit=1', contentType: 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-experience-api-version')).toBe('2.0.0');
    expect(JSON.stringify(response.body)).toContain('xAPI 2.0 has no alternate request syntax');
  });
});

describe('signed statements', () => {
  const postSigned = (statements: unknown, signatures: string[], version = '1.0.3') =>
    send('POST', '/xapi/statements', { version, body: signedBody(statements, signatures), contentType: SIGNED_CONTENT_TYPE });

  it.each(['1.0.3', '2.0.0'])('stores a statement signed with an x5c certificate (%s), signature attachment included', async (version) => {
    const statement = makeStatement();
    const jws = await signStatement(statement, key.privateKey, { alg: 'RS384', x5c: [key.certificate] });
    const response = await postSigned(withSignature(statement, jws), [jws], version);
    expect(response.status).toBe(200);
    const read = await send('GET', `/xapi/statements?statementId=${statement.id as string}&attachments=true`, { version });
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toMatch(/^multipart\/mixed/);
    expect(String(read.body)).toContain(jws);
  });

  it('refuses a signature whose payload is another statement, another algorithm, or a wrong content type', async () => {
    const statement = makeStatement();
    const otherJws = await signStatement(makeStatement({ id: statement.id, result: { success: true } }), key.privateKey);
    const mismatch = await postSigned(withSignature(statement, otherJws), [otherJws]);
    expect(mismatch.status).toBe(400);
    expect(JSON.stringify(mismatch.body)).toContain('payload is not this statement');

    const header = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');
    const hs256 = `${header}.${Buffer.from(JSON.stringify(statement)).toString('base64url')}.c2lnbmF0dXJl`;
    expect((await postSigned(withSignature(statement, hs256), [hs256])).status).toBe(400);

    const jws = await signStatement(statement, key.privateKey);
    expect((await postSigned(withSignature(statement, jws, 'text/plain'), [jws])).status).toBe(400);
    // Nothing of the refused statement was stored.
    expect((await getById(statement.id as string)).status).toBe(404);
  });

  it('refuses a tampered payload when the x5c key does not verify it', async () => {
    const statement = makeStatement();
    const jws = await signStatement(statement, key.privateKey, { x5c: [key.certificate] });
    const [head, , signature] = jws.split('.');
    const tampered = makeStatement({ id: statement.id, result: { success: true } });
    const forged = `${head}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${signature}`;
    const response = await postSigned(withSignature(tampered, forged), [forged]);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('does not verify');
  });
});

describe('alternate request syntax (1.0.3)', () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const alternate = (method: string, fields: Record<string, string>, options: { version?: string | null; auth?: string; query?: string } = {}) =>
    send('POST', `/xapi/statements?method=${method}${options.query ?? ''}`, { body: form(fields), contentType: 'application/x-www-form-urlencoded', ...options });

  it('PUTs a statement with everything in the form, headers included, then GETs it the same way', async () => {
    const statement = makeStatement();
    const put = await alternate(
      'PUT',
      { statementId: statement.id as string, content: JSON.stringify(statement), 'X-Experience-API-Version': '1.0.3', Authorization: app.basicAuth },
      { version: null, auth: '' },
    );
    expect(put.status).toBe(204);
    expect(put.headers.get('x-experience-api-version')).toBe('1.0.3');

    const get = await alternate('GET', { statementId: statement.id as string });
    expect(get.status).toBe(200);
    expect((get.body as { id: string }).id).toBe(statement.id);
    expect(get.headers.get('x-experience-api-consistent-through')).toBeTruthy();

    const list = await alternate('GET', { limit: '1' });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ statements: expect.any(Array), more: expect.any(String) });

    const head = await alternate('HEAD', { statementId: statement.id as string });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('POSTs through ?method=POST too', async () => {
    const statement = makeStatement();
    const response = await alternate('POST', { content: JSON.stringify([statement]) });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([statement.id]);
  });

  it('refuses extra query parameters, a body that is no form, a bad version in the form, a method the path lacks', async () => {
    const statement = makeStatement();
    const extra = await alternate('PUT', { content: JSON.stringify(statement) }, { query: `&statementId=${statement.id as string}` });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body)).toContain('query.statementId');
    const notForm = await send('POST', '/xapi/statements?method=PUT', { body: JSON.stringify({ statementId: statement.id, content: JSON.stringify(statement) }), contentType: 'application/json' });
    expect(notForm.status).toBe(400);
    expect((await alternate('PUT', { statementId: statement.id as string, 'X-Experience-API-Version': '0.8', content: JSON.stringify(statement) })).status).toBe(400);
    expect((await alternate('DELETE', {})).status).toBe(405);
    expect((await send('PUT', `/xapi/statements?method=POST&statementId=${statement.id as string}`, { body: JSON.stringify(statement), contentType: 'application/json' })).status).toBe(400);
  });

  it('authorizes by the target route: a write-only client cannot read through ?method=GET', async () => {
    const created = await app.fetch('/api/admin/xapi-clients', {
      method: 'POST',
      headers: { authorization: `Bearer ${await app.tokenFor('admin')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'write-only', scopes: ['statements/write'] }),
    });
    const { key: clientKey, secret } = (await created.json()) as { key: string; secret: string };
    const writeOnly = `Basic ${Buffer.from(`${clientKey}:${secret}`).toString('base64')}`;
    expect((await alternate('GET', { limit: '1' }, { auth: writeOnly })).status).toBe(403);
    expect((await alternate('POST', { content: JSON.stringify(makeStatement()) }, { auth: writeOnly })).status).toBe(200);
  });
});
