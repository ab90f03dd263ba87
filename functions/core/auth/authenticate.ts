/**
 * Turns an Authorization header into a Principal, or throws AuthenticationError (401).
 *
 * - xAPI clients: HTTP Basic over key/secret, as xAPI clients expect (xAPI 1.0.3, part 4, 4.1).
 * - People: a Bearer JWT from Cognito in AWS, or from local-issuer.ts in the local runtime.
 *
 * Messages to xAPI clients are in English (read by developers); messages to people are in Dutch
 * (shown in the app).
 */
import { createHash } from 'node:crypto';
import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AuthenticationError } from '../errors.js';
import { hashSecret, verifySecret } from './password-hash.js';
import type { ClientStore, XapiClientRecord } from './ports.js';
import { ROLES, type ClientPrincipal, type PersonPrincipal, type Role } from './principal.js';

// ---------------------------------------------------------------------------------------------
// xAPI clients: HTTP Basic

const SEND_BASIC =
  'Send the credentials of an xAPI client as HTTP Basic authentication: ' +
  'an Authorization header "Basic " followed by base64 of "<key>:<secret>".';
/** One message for unknown key, wrong secret and revoked client, so a caller cannot probe keys. */
const INVALID_CLIENT_CREDENTIALS =
  'The xAPI client key and secret are not valid. Check both, or ask an administrator for new credentials.';

export interface BasicCredentials {
  key: string;
  secret: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Parses `Basic base64(key:secret)`. The scheme is case-insensitive (RFC 7617); the secret may
 * contain colons, the key may not. Returns undefined for anything else.
 */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^\s*basic\s+(\S+)\s*$/i.exec(header);
  const encoded = match?.[1];
  if (!encoded || encoded.length % 4 !== 0 || !BASE64.test(encoded)) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  const key = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (secret.length === 0) return undefined;
  return { key, secret };
}

export interface AuthenticateClientDeps {
  clients: ClientStore;
  /** homePage of the account in the authority Agent (config LRS_AUTHORITY_HOMEPAGE). */
  authorityHomePage: string;
  /** How long a successful check is remembered; default 60 s. 0 turns the cache off. */
  cacheTtlMs?: number;
  /** Clock in epoch milliseconds; tests pass a fake. */
  nowMs?: () => number;
}

const DEFAULT_CACHE_TTL_MS = 60_000;
/** Bounds memory in a long-lived container; far more distinct clients than we expect. */
const MAX_CACHE_ENTRIES = 1_000;

/** Computed once, so an unknown key costs the same scrypt work as a known one (no timing oracle). */
let dummyHash: Promise<string> | undefined;
function dummySecretHash(): Promise<string> {
  dummyHash ??= hashSecret('no client has this secret');
  return dummyHash;
}

export function toClientPrincipal(record: XapiClientRecord, authorityHomePage: string): ClientPrincipal {
  return {
    kind: 'client',
    key: record.key,
    name: record.name,
    scopes: [...record.scopes],
    ...(record.accreditation ? { accreditation: { courseIds: [...record.accreditation.courseIds] } } : {}),
    authority: { objectType: 'Agent', name: record.name, account: { homePage: authorityHomePage, name: record.key } },
  };
}

function copyPrincipal(principal: ClientPrincipal): ClientPrincipal {
  return {
    ...principal,
    scopes: [...principal.scopes],
    ...(principal.accreditation ? { accreditation: { courseIds: [...principal.accreditation.courseIds] } } : {}),
    authority: { ...principal.authority, account: { ...principal.authority.account } },
  };
}

/**
 * Checks HTTP Basic credentials against the client store.
 *
 * Successful checks are cached in memory (per Lambda container) for `cacheTtlMs`, keyed by a
 * SHA-256 of the whole header: an xAPI client sends its credentials on every request, often many
 * per second while a course runs, and scrypt is deliberately slow (~30-50 ms of CPU). Keying by a
 * hash keeps the secret itself out of memory-resident maps. Only successes are cached, so a wrong
 * secret never becomes "right". The price: revoking a client or changing its scopes takes effect
 * up to `cacheTtlMs` later in containers that already saw it.
 */
export function authenticateClient(deps: AuthenticateClientDeps) {
  const ttlMs = deps.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  const nowMs = deps.nowMs ?? Date.now;
  const cache = new Map<string, { principal: ClientPrincipal; expiresAt: number }>();

  function remember(cacheKey: string, principal: ClientPrincipal): void {
    if (ttlMs <= 0) return;
    cache.delete(cacheKey);
    if (cache.size >= MAX_CACHE_ENTRIES) {
      // Map keeps insertion order: the first key is the oldest entry.
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(cacheKey, { principal, expiresAt: nowMs() + ttlMs });
  }

  return async (authorizationHeader: string | undefined): Promise<ClientPrincipal> => {
    const credentials = parseBasicAuthorization(authorizationHeader);
    if (!credentials || authorizationHeader === undefined) throw new AuthenticationError(SEND_BASIC);

    const cacheKey = createHash('sha256').update(authorizationHeader.trim()).digest('base64');
    const cached = cache.get(cacheKey);
    if (cached && cached.expiresAt > nowMs()) return copyPrincipal(cached.principal);
    if (cached) cache.delete(cacheKey);

    const record = await deps.clients.getByKey(credentials.key);
    const secretMatches = await verifySecret(credentials.secret, record?.secretHash ?? (await dummySecretHash()));
    if (!record || !secretMatches || record.revokedAt !== undefined) {
      throw new AuthenticationError(INVALID_CLIENT_CREDENTIALS);
    }

    const principal = toClientPrincipal(record, deps.authorityHomePage);
    remember(cacheKey, principal);
    return copyPrincipal(principal);
  };
}

// ---------------------------------------------------------------------------------------------
// People: Bearer JWT

const SIGN_IN = 'Je bent niet ingelogd. Log in en probeer het opnieuw.';
const SESSION_EXPIRED = 'Je sessie is verlopen. Log opnieuw in.';
const TOKEN_INVALID = 'Je inlogsessie is ongeldig. Log opnieuw in.';

export interface VerifyPersonTokenDeps {
  /** Signing keys of the issuer: jose createRemoteJWKSet(JWKS_URL) in AWS, createLocalJWKSet locally. */
  getKey: JWTVerifyGetKey;
  issuer: string;
  /** The app client id. Checked against `aud` (ID tokens) or `client_id` (Cognito access tokens). */
  audience?: string;
}

export function parseBearerAuthorization(header: string | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^\s*bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * jose failures that mean "this token is no good" (401). Anything else (JWKS endpoint down or
 * malformed, a bug) is our problem, not the caller's, and propagates as a 5xx.
 */
const TOKEN_ERROR_CODES = new Set([
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

function audienceMatches(payload: JWTPayload, audience: string): boolean {
  const aud = payload.aud;
  if (aud === audience || (Array.isArray(aud) && aud.includes(audience))) return true;
  return payload['client_id'] === audience;
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Groups that are not one of our roles (e.g. Cognito admin groups) are ignored, not an error. */
function rolesFromGroups(groups: unknown): Role[] {
  if (!Array.isArray(groups)) return [];
  const known = new Set<string>(ROLES);
  const roles = groups.filter((group): group is Role => typeof group === 'string' && known.has(group));
  return [...new Set(roles)];
}

/**
 * Verifies `Bearer <jwt>` (signature via getKey, RS256 only, exp/nbf, issuer, audience when set)
 * and maps its claims to a PersonPrincipal. A person in none of our roles gets `roles: []`;
 * authorize() then refuses every role-bound route with a 403 that says which role is needed.
 *
 * Cognito access tokens carry no `email` or `name`; then email is '' and name falls back to the
 * username or sub. Prefer ID tokens where the app needs those.
 */
export function verifyPersonToken(deps: VerifyPersonTokenDeps) {
  return async (authorizationHeader: string | undefined): Promise<PersonPrincipal> => {
    const token = parseBearerAuthorization(authorizationHeader);
    if (!token) throw new AuthenticationError(SIGN_IN);

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, deps.getKey, { issuer: deps.issuer, algorithms: ['RS256'], clockTolerance: 5 }));
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ERR_JWT_EXPIRED') throw new AuthenticationError(SESSION_EXPIRED, { cause: error });
      if (code !== undefined && TOKEN_ERROR_CODES.has(code)) throw new AuthenticationError(TOKEN_INVALID, { cause: error });
      throw error;
    }

    if (deps.audience !== undefined && !audienceMatches(payload, deps.audience)) {
      throw new AuthenticationError(TOKEN_INVALID);
    }
    const tokenUse = payload['token_use'];
    if (tokenUse !== undefined && tokenUse !== 'id' && tokenUse !== 'access') throw new AuthenticationError(TOKEN_INVALID);
    const userId = payload.sub;
    if (typeof userId !== 'string' || userId.length === 0) throw new AuthenticationError(TOKEN_INVALID);

    const email = stringClaim(payload, 'email') ?? '';
    return {
      kind: 'person',
      userId,
      email,
      name: stringClaim(payload, 'name') ?? stringClaim(payload, 'cognito:username') ?? stringClaim(payload, 'username') ?? (email || userId),
      roles: rolesFromGroups(payload['cognito:groups']),
    };
  };
}
