/**
 * Walks the whole route table and proves that every route answers 401 without (or with wrong)
 * credentials and 403 for a caller of the wrong kind, role or scope, and lets the right callers in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteDef } from '../../functions/routes.js';
import { ROLES, XAPI_SCOPES, type Role, type XapiScope } from '../../functions/core/auth/principal.js';
import { scopeGrants } from '../../functions/core/auth/authorize.js';
import { startLocalApp, type LocalApp } from '../support/local-app.js';

let app: LocalApp;
/** `Basic ...` of a client holding only that scope, created when first needed. */
const clientsByScope = new Map<XapiScope, Promise<string>>();

beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(() => app?.close());

async function createClient(scopes: string[]): Promise<string> {
  const response = await app.fetch('/api/admin/xapi-clients', {
    method: 'POST',
    headers: { authorization: `Bearer ${await app.tokenFor('admin')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `client ${scopes.join(' ')}`, scopes }),
  });
  expect(response.status).toBe(201);
  const { key, secret } = (await response.json()) as { key: string; secret: string };
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

function clientWith(scope: XapiScope): Promise<string> {
  let client = clientsByScope.get(scope);
  if (!client) {
    client = createClient([scope]);
    clientsByScope.set(scope, client);
  }
  return client;
}

/** A scope that fits the route (not `all`, which fits every route) and one that grants none of its scopes. */
function scopesFor(route: RouteDef): { fitting: XapiScope; unfitting: XapiScope } {
  const needed = route.auth.kind === 'xapi' ? route.auth.scopes : [];
  const fitting = needed.find((scope) => scope !== 'all');
  const unfitting = XAPI_SCOPES.find((held) => !needed.some((scope) => scopeGrants(held, scope)));
  if (!fitting || !unfitting) throw new Error(`Route ${route.method} ${route.path} has no testable scopes`);
  return { fitting, unfitting };
}

function call(route: RouteDef, authorization?: string): Promise<Response> {
  const path = route.path.replace(/\{[^}]+\}/g, 'x');
  return app.fetch(path, {
    method: route.method,
    headers: {
      'x-experience-api-version': '1.0.3',
      'content-type': 'application/json',
      ...(authorization ? { authorization } : {}),
    },
    ...(route.method === 'POST' || route.method === 'PUT' ? { body: '{}' } : {}),
  });
}

const label = (route: RouteDef) => `${route.method} ${route.path}`;
const admitted = (status: number) => status !== 401 && status !== 403;

describe.each(routes.filter((r) => r.auth.kind === 'public').map((r) => [label(r), r] as const))('public route %s', (_name, route) => {
  it('answers without credentials', async () => {
    expect(admitted((await call(route)).status)).toBe(true);
  });
});

describe.each(routes.filter((r) => r.auth.kind === 'xapi').map((r) => [label(r), r] as const))('xAPI route %s', (_name, route) => {
  it('is 401 without credentials, with a wrong secret, or with a person token', async () => {
    expect((await call(route)).status).toBe(401);
    expect((await call(route, `Basic ${Buffer.from(`${app.demo.lrsKey}:wrong`).toString('base64')}`)).status).toBe(401);
    expect((await call(route, `Bearer ${await app.tokenFor('admin')}`)).status).toBe(401);
  });

  it('is 403 for a client without a fitting scope and admits one with it', async () => {
    const { fitting, unfitting } = scopesFor(route);
    expect((await call(route, await clientWith(unfitting))).status).toBe(403);
    expect(admitted((await call(route, await clientWith(fitting))).status)).toBe(true);
    expect(admitted((await call(route, app.basicAuth)).status)).toBe(true);
  });
});

/** An accreditation body's client: admitted only where the route serves it its allow-list (GET/HEAD statements). */
let accreditorClient: Promise<string> | undefined;
function accreditationClient(): Promise<string> {
  accreditorClient ??= (async () => {
    const response = await app.fetch('/api/admin/xapi-clients', {
      method: 'POST',
      headers: { authorization: `Bearer ${await app.tokenFor('admin')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Register', scopes: ['all'], accreditation: { courseIds: ['https://introductie-pg.nl/xapi/course/introductie'] } }),
    });
    expect(response.status).toBe(201);
    const { key, secret, scopes } = (await response.json()) as { key: string; secret: string; scopes: string[] };
    // Whatever was asked for, an accreditation body's client only reads statements.
    expect(scopes).toEqual(['statements/read']);
    return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  })();
  return accreditorClient;
}

describe.each(routes.filter((r) => r.auth.kind === 'xapi').map((r) => [label(r), r] as const))('xAPI route %s for an accreditation body', (_name, route) => {
  const servesAllowList = route.auth.kind === 'xapi' && 'accreditation' in route.auth && route.auth.accreditation === 'allow-list';
  it(servesAllowList ? 'admits its client (allow-listed statements only)' : 'is 403 for its client', async () => {
    const status = (await call(route, await accreditationClient())).status;
    if (servesAllowList) expect(admitted(status)).toBe(true);
    else expect(status).toBe(403);
  });
});

describe.each(routes.filter((r) => r.auth.kind === 'jwt').map((r) => [label(r), r] as const))('app route %s', (_name, route) => {
  const allowed = (route.auth.kind === 'jwt' ? route.auth.roles : []) as readonly Role[];

  it('is 401 without a token, with a forged token, or with xAPI client credentials', async () => {
    expect((await call(route)).status).toBe(401);
    const token = await app.tokenFor('admin');
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await call(route, `Bearer ${forged}`)).status).toBe(401);
    expect((await call(route, app.basicAuth)).status).toBe(401);
  });

  it.each(ROLES.map((role) => [role, allowed.includes(role)] as const))('role %s admitted: %s', async (role, isAllowed) => {
    const status = (await call(route, `Bearer ${await app.tokenFor(role)}`)).status;
    if (isAllowed) expect(admitted(status)).toBe(true);
    else expect(status).toBe(403);
  });
});
