/**
 * Decides whether an authenticated (or anonymous) caller may use a route, from the route's
 * RouteAuth in functions/routes.ts. Throws AuthenticationError (401) when credentials are needed
 * and absent, ForbiddenError (403) when they do not fit; returns otherwise.
 *
 * Scope semantics follow xAPI 1.0.3, part 4, 4.1 (OAuth scope table):
 * - `all` grants everything;
 * - `all/read` grants every read scope (statements/read, statements/read/mine);
 * - `statements/read` grants `statements/read/mine`.
 */
import type { RouteAuth } from '../../routes.js';
import { AuthenticationError, ForbiddenError } from '../errors.js';
import type { ClientPrincipal, Principal, Role, XapiScope } from './principal.js';

/** The scopes each held scope implies, besides itself. */
const IMPLIED_SCOPES: Partial<Record<XapiScope, readonly XapiScope[]>> = {
  all: ['statements/write', 'statements/read', 'statements/read/mine', 'all/read', 'state', 'define', 'profile'],
  'all/read': ['statements/read', 'statements/read/mine'],
  'statements/read': ['statements/read/mine'],
};

/** True when a client holding `held` may do what `needed` allows. */
export function scopeGrants(held: XapiScope, needed: XapiScope): boolean {
  return held === needed || (IMPLIED_SCOPES[held]?.includes(needed) ?? false);
}

/** True when any of the held scopes grants `needed`. */
export function hasScope(held: readonly XapiScope[], needed: XapiScope): boolean {
  return held.some((scope) => scopeGrants(scope, needed));
}

/**
 * A client with only `statements/read/mine` may read just the statements whose authority is
 * itself; the statements service uses this to add that filter.
 */
export function canReadAllStatements(principal: ClientPrincipal): boolean {
  return hasScope(principal.scopes, 'statements/read');
}

/** Dutch names of roles, for messages shown to people. */
const ROLE_LABELS: Record<Role, string> = {
  participant: 'deelnemer',
  coach: 'coach',
  admin: 'beheerder',
  accreditor: 'accreditatie-instantie',
};

function orList(items: readonly string[], or: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${or} ${items[items.length - 1]}`;
}

const NEEDS_BASIC =
  'This route needs the credentials of an xAPI client as HTTP Basic authentication: ' +
  'an Authorization header "Basic " followed by base64 of "<key>:<secret>".';
const NEEDS_SIGN_IN = 'Je bent niet ingelogd. Log in en probeer het opnieuw.';

export function authorize(auth: RouteAuth, principal: Principal | undefined): void {
  switch (auth.kind) {
    case 'public':
      return;
    case 'xapi': {
      if (!principal) throw new AuthenticationError(NEEDS_BASIC);
      if (principal.kind !== 'client') {
        throw new ForbiddenError(
          'This route is for xAPI clients: send the Basic credentials of an xAPI client instead of a personal sign-in token.',
        );
      }
      if (principal.accreditation && auth.accreditation !== 'allow-list') {
        throw new ForbiddenError(
          "These are an accreditation body's credentials: they read only the accreditation-relevant statements " +
            '(GET /xapi/statements) of the courses the body accredits, and no other xAPI resource.',
        );
      }
      if (!auth.scopes.some((needed) => hasScope(principal.scopes, needed))) {
        throw new ForbiddenError(
          `This route needs the xAPI scope ${orList(auth.scopes, 'or')}; the credentials used have ` +
            `${principal.scopes.length > 0 ? principal.scopes.join(', ') : 'no scopes'}. Ask an administrator for credentials with that scope.`,
        );
      }
      return;
    }
    case 'jwt': {
      if (!principal) throw new AuthenticationError(NEEDS_SIGN_IN);
      if (principal.kind !== 'person') {
        throw new ForbiddenError('This route is for people signed in to the app, not for xAPI clients: send a Bearer token.');
      }
      if (!auth.roles.some((role) => principal.roles.includes(role))) {
        throw new ForbiddenError(
          `Hiervoor heb je de rol ${orList(auth.roles.map((role) => ROLE_LABELS[role]), 'of')} nodig. ` +
            'Vraag een beheerder om je die rol te geven als je denkt dat je die zou moeten hebben.',
        );
      }
      return;
    }
  }
}
