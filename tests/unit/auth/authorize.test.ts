import { describe, expect, it } from 'vitest';
import { authorize, canReadAllStatements, scopeGrants } from '../../../functions/core/auth/authorize.js';
import { XAPI_SCOPES, type XapiScope } from '../../../functions/core/auth/principal.js';
import { AuthenticationError, ForbiddenError } from '../../../functions/core/errors.js';
import { findRoute, type RouteAuth } from '../../../functions/routes.js';
import { aClientPrincipal, aPersonPrincipal } from '../../support/auth-fixtures.js';

/**
 * xAPI 1.0.3 part 4, 4.1: the pairs (held, needed) where holding one scope grants another,
 * besides every scope granting itself. Written out by hand, not derived from the implementation.
 */
const IMPLIED: ReadonlyArray<readonly [XapiScope, XapiScope]> = [
  ['all', 'statements/write'],
  ['all', 'statements/read'],
  ['all', 'statements/read/mine'],
  ['all', 'all/read'],
  ['all', 'state'],
  ['all', 'define'],
  ['all', 'profile'],
  ['all/read', 'statements/read'],
  ['all/read', 'statements/read/mine'],
  ['statements/read', 'statements/read/mine'],
];

describe('scopeGrants: the full implication table', () => {
  const pairs = XAPI_SCOPES.flatMap((held) => XAPI_SCOPES.map((needed) => [held, needed] as const));
  it.each(pairs)('%s grants %s?', (held, needed) => {
    const expected = held === needed || IMPLIED.some(([h, n]) => h === held && n === needed);
    expect(scopeGrants(held, needed)).toBe(expected);
  });
});

const errorOf = (run: () => void): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('authorize', () => {
  const readRoute = findRoute('GET /xapi/statements').auth;
  const writeRoute = findRoute('POST /xapi/statements').auth;
  const adminRoute = findRoute('GET /api/admin/xapi-clients').auth;

  it('lets anyone through a public route', () => {
    expect(() => authorize({ kind: 'public' }, undefined)).not.toThrow();
    expect(() => authorize({ kind: 'public' }, aPersonPrincipal({ roles: [] }))).not.toThrow();
  });

  it('asks for Basic credentials (401) on an xAPI route without a principal', () => {
    const error = errorOf(() => authorize(readRoute, undefined));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/Basic/);
  });

  it('refuses a person on an xAPI route (403)', () => {
    expect(errorOf(() => authorize(readRoute, aPersonPrincipal({ roles: ['admin'] })))).toBeInstanceOf(ForbiddenError);
  });

  it.each<[string, XapiScope[], RouteAuth, boolean]>([
    ['write-only client reading', ['statements/write'], findRoute('GET /xapi/statements').auth, false],
    ['read-only client writing', ['statements/read'], findRoute('POST /xapi/statements').auth, false],
    ['all/read client writing', ['all/read'], findRoute('POST /xapi/statements').auth, false],
    ['state-only client reading', ['state', 'define', 'profile'], findRoute('GET /xapi/statements').auth, false],
    ['read/mine client reading', ['statements/read/mine'], findRoute('GET /xapi/statements').auth, true],
    ['all/read client reading', ['all/read'], findRoute('GET /xapi/statements').auth, true],
    ['all client writing', ['all'], findRoute('PUT /xapi/statements').auth, true],
    ['write client writing', ['statements/write'], findRoute('POST /xapi/statements').auth, true],
  ])('%s: allowed = %s', (_name, scopes, auth, allowed) => {
    const error = errorOf(() => authorize(auth, aClientPrincipal({ scopes })));
    if (allowed) expect(error).toBeUndefined();
    else expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('uses implication, not just the listed scopes: all/read passes a route that lists only statements/read', () => {
    const auth: RouteAuth = { kind: 'xapi', scopes: ['statements/read'] };
    expect(() => authorize(auth, aClientPrincipal({ scopes: ['all/read'] }))).not.toThrow();
    expect(errorOf(() => authorize(auth, aClientPrincipal({ scopes: ['statements/read/mine'] })))).toBeInstanceOf(ForbiddenError);
  });

  it('names the scopes that would do in the 403', () => {
    const error = errorOf(() => authorize({ kind: 'xapi', scopes: ['statements/read', 'all/read'] }, aClientPrincipal({ scopes: ['statements/write'] })));
    expect((error as Error).message).toMatch(/needs the xAPI scope statements\/read or all\/read/);
    const writeError = errorOf(() => authorize(writeRoute, aClientPrincipal({ scopes: [] })));
    expect((writeError as Error).message).toMatch(/statements\/write or all/);
  });

  it('asks a person to sign in (401) on a JWT route without a principal', () => {
    const error = errorOf(() => authorize(adminRoute, undefined));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/Log in/);
  });

  it('refuses an xAPI client on a JWT route (403)', () => {
    expect(errorOf(() => authorize(adminRoute, aClientPrincipal({ scopes: ['all'] })))).toBeInstanceOf(ForbiddenError);
  });

  it('refuses a person without the role, naming the role needed', () => {
    for (const roles of [[], ['participant'], ['coach', 'accreditor']] as const) {
      const error = errorOf(() => authorize(adminRoute, aPersonPrincipal({ roles: [...roles] })));
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as Error).message).toMatch(/rol beheerder/);
    }
  });

  it('lets a person with any one of the roles through', () => {
    expect(() => authorize(adminRoute, aPersonPrincipal({ roles: ['participant', 'admin'] }))).not.toThrow();
    expect(() => authorize(findRoute('GET /api/me').auth, aPersonPrincipal({ roles: ['accreditor'] }))).not.toThrow();
    expect(errorOf(() => authorize(findRoute('GET /api/me').auth, aPersonPrincipal({ roles: [] })))).toBeInstanceOf(ForbiddenError);
  });
});

describe('canReadAllStatements', () => {
  it.each<[XapiScope[], boolean]>([
    [['statements/read/mine'], false],
    [['statements/read/mine', 'statements/write'], false],
    [['statements/write'], false],
    [['state', 'profile', 'define'], false],
    [['statements/read'], true],
    [['all/read'], true],
    [['all'], true],
    [['statements/read/mine', 'statements/read'], true],
  ])('%j → %s', (scopes, expected) => {
    expect(canReadAllStatements(aClientPrincipal({ scopes }))).toBe(expected);
  });
});
