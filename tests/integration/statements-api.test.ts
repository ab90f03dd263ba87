/**
 * The Statements API through the local server and the real handlers on DynamoDB Local: the spec
 * rules a client relies on (immutability, atomic batches, voiding, headers, read/mine, paging).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(() => app?.close());

const makeStatement = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', mbox: 'mailto:carla@voorbeeld.nl' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'nl-NL': 'heeft bekeken' } },
  object: { objectType: 'Activity', id: 'https://introductie-pg.nl/xapi/activities/wat-is-pg' },
  ...overrides,
});

async function send(method: string, path: string, body?: unknown, auth = app.basicAuth, headers: Record<string, string> = XAPI_HEADERS) {
  const response = await app.fetch(path, { method, headers: { ...headers, authorization: auth }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const get = (id: string) => send('GET', `/xapi/statements?statementId=${id}`);

describe('storing', () => {
  it('PUT stores under the given id; the same statement again is a no-op; different content is 409', async () => {
    const statement = makeStatement();
    expect((await send('PUT', `/xapi/statements?statementId=${statement.id}`, statement)).status).toBe(204);
    const first = await get(statement.id);
    expect((await send('PUT', `/xapi/statements?statementId=${statement.id}`, statement)).status).toBe(204);
    expect((await get(statement.id)).body).toEqual(first.body);
    const changed = await send('PUT', `/xapi/statements?statementId=${statement.id}`, { ...statement, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } });
    expect(changed.status).toBe(409);
    expect(JSON.stringify(changed.body)).toContain(statement.id);
  });

  it('a batch with one conflicting statement stores none of the others', async () => {
    const taken = makeStatement();
    await send('POST', '/xapi/statements', taken);
    const others = [makeStatement(), makeStatement()];
    const response = await send('POST', '/xapi/statements', [...others, { ...taken, verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' } }]);
    expect(response.status).toBe(409);
    for (const other of others) expect((await get(other.id)).status).toBe(404);
  });

  it('rejects an invalid statement with 400 naming the path, and stores nothing of the batch', async () => {
    const good = makeStatement();
    const response = await send('POST', '/xapi/statements', [good, makeStatement({ actor: { mbox: 'carla@voorbeeld.nl' } })]);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/statements\[1\]\.actor/);
    expect((await get(good.id)).status).toBe(404);
  });

  it('rejects a batch that holds the same id twice', async () => {
    const statement = makeStatement();
    expect((await send('POST', '/xapi/statements', [statement, statement])).status).toBe(400);
  });

  it('voiding hides the target from statementId and queries; a voiding statement cannot be voided', async () => {
    const target = makeStatement({ object: { objectType: 'Activity', id: `https://introductie-pg.nl/xapi/activities/${randomUUID()}` } });
    await send('POST', '/xapi/statements', target);
    const voiding = makeStatement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: target.id } });
    expect((await send('POST', '/xapi/statements', voiding)).status).toBe(200);
    expect((await get(target.id)).status).toBe(404);
    expect((await send('GET', `/xapi/statements?voidedStatementId=${target.id}`)).status).toBe(200);
    const list = await send('GET', `/xapi/statements?activity=${encodeURIComponent((target.object as { id: string }).id)}`);
    // The target drops out; the voiding statement refers to it, so the same filter finds it.
    expect((list.body as { statements: { id: string }[] }).statements.map((s) => s.id)).toEqual([voiding.id]);
    const voidTheVoid = makeStatement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: voiding.id } });
    expect((await send('POST', '/xapi/statements', voidTheVoid)).status).toBe(400);
  });
});

describe('protocol', () => {
  it('requires X-Experience-API-Version and sends it on every response, errors included', async () => {
    const response = await send('GET', '/xapi/statements', undefined, app.basicAuth, {});
    expect(response.status).toBe(400);
    // No version asked for: the answer names the newest this LRS speaks.
    expect(response.headers.get('x-experience-api-version')).toBe('2.0.0');
    expect(response.headers.get('x-experience-api-consistent-through')).toBeTruthy();
    const unauthorized = await send('GET', '/xapi/statements', undefined, '');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('x-experience-api-version')).toBe('1.0.3');
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await app.fetch('/xapi/statements', { method: 'HEAD', headers: { ...XAPI_HEADERS, authorization: app.basicAuth } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('rejects unknown query parameters with 400', async () => {
    const response = await send('GET', '/xapi/statements?colour=blue');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('colour');
  });
});

describe('reading', () => {
  it('pages in stored order with a stable more link, also while new statements arrive', async () => {
    const registration = randomUUID();
    const batch = Array.from({ length: 7 }, () => makeStatement({ context: { registration } }));
    await send('POST', '/xapi/statements', batch);
    const first = await send('GET', `/xapi/statements?registration=${registration}&limit=3&ascending=true`);
    const firstPage = first.body as { statements: { id: string }[]; more: string };
    expect(firstPage.statements).toHaveLength(3);
    await send('POST', '/xapi/statements', makeStatement({ context: { registration } }));
    const rest: string[] = [];
    let more = firstPage.more;
    while (more) {
      const next = (await send('GET', more)).body as { statements: { id: string }[]; more: string };
      rest.push(...next.statements.map((s) => s.id));
      more = next.more;
    }
    expect([...firstPage.statements.map((s) => s.id), ...rest].slice(0, 7).sort()).toEqual(batch.map((s) => s.id).sort());
  });

  it('a client with statements/read/mine sees only the statements it stored', async () => {
    const adminToken = await app.tokenFor('admin');
    const created = await app.fetch('/api/admin/xapi-clients', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'mine-only', scopes: ['statements/write', 'statements/read/mine'] }),
    });
    const { key, secret } = (await created.json()) as { key: string; secret: string };
    const mineAuth = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
    const registration = randomUUID();
    const own = makeStatement({ context: { registration } });
    const foreign = makeStatement({ context: { registration } });
    await send('POST', '/xapi/statements', own, mineAuth);
    await send('POST', '/xapi/statements', foreign);
    const list = (await send('GET', `/xapi/statements?registration=${registration}`, undefined, mineAuth)).body as { statements: { id: string }[] };
    expect(list.statements.map((s) => s.id)).toEqual([own.id]);
    expect((await send('GET', `/xapi/statements?statementId=${foreign.id}`, undefined, mineAuth)).status).toBe(404);
  });
});
