/** Narrowing the authenticated caller; the route table guarantees the kind, this states it. */
import type { ClientPrincipal, PersonPrincipal, Principal } from '../core/auth/principal.js';
import { AuthenticationError } from '../core/errors.js';

export function clientOf(principal: Principal | undefined): ClientPrincipal {
  if (principal?.kind !== 'client') throw new AuthenticationError('Sign in with the xAPI client key and secret (HTTP Basic).');
  return principal;
}

export function personOf(principal: Principal | undefined): PersonPrincipal {
  if (principal?.kind !== 'person') throw new AuthenticationError('Sign in first.');
  return principal;
}
