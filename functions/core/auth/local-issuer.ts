/**
 * The local runtime's stand-in for Cognito: one RS256 key pair, persisted as JSON so tokens stay
 * valid across restarts, and tokens shaped like Cognito ID tokens (`cognito:groups`, `token_use`),
 * so verifyPersonToken() runs the very same code path locally as in AWS.
 *
 * Never used in AWS: there Cognito signs tokens and publishes its JWKS.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import * as z from 'zod/mini';
import '../zod-locale.js';
import type { UserRecord } from './ports.js';

const ALGORITHM = 'RS256';
export const DEFAULT_TOKEN_TTL_SECONDS = 8 * 60 * 60;

export interface SigningKey {
  privateJwk: JWK;
  publicJwks: { keys: JWK[] };
}

export class SigningKeyFileError extends Error {
  override readonly name = 'SigningKeyFileError';
}

/** What we persist: an RSA private JWK with its kid. The public half is derived on load. */
const StoredPrivateJwk = z.looseObject({
  kty: z.literal('RSA'),
  kid: z.string().check(z.minLength(1)),
  n: z.string().check(z.minLength(1)),
  e: z.string().check(z.minLength(1)),
  d: z.string().check(z.minLength(1)),
  p: z.string().check(z.minLength(1)),
  q: z.string().check(z.minLength(1)),
  dp: z.string().check(z.minLength(1)),
  dq: z.string().check(z.minLength(1)),
  qi: z.string().check(z.minLength(1)),
});

function publicHalf(privateJwk: z.infer<typeof StoredPrivateJwk>): JWK {
  return { kty: privateJwk.kty, n: privateJwk.n, e: privateJwk.e, kid: privateJwk.kid, alg: ALGORITHM, use: 'sig' };
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

async function generateSigningKey(): Promise<z.infer<typeof StoredPrivateJwk>> {
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  // The thumbprint is a stable, content-derived kid: the same key always gets the same id.
  const kid = await calculateJwkThumbprint(jwk);
  return StoredPrivateJwk.parse({ ...jwk, kid, alg: ALGORITHM, use: 'sig' });
}

/**
 * Reads the key pair from `file`, or creates and saves one when the file does not exist.
 * A file that exists but is unreadable or not a key stops start-up instead of being replaced:
 * replacing it would silently sign everyone out.
 */
export async function loadOrCreateSigningKey(file: string): Promise<SigningKey> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!isMissingFile(error)) throw new SigningKeyFileError(`Cannot read the local signing key ${file}: ${String(error)}`, { cause: error });
  }

  if (text !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new SigningKeyFileError(`The local signing key ${file} is not valid JSON; delete it to create a new key (this signs everyone out).`, { cause: error });
    }
    const parsed = StoredPrivateJwk.safeParse(json);
    if (!parsed.success) {
      throw new SigningKeyFileError(`The local signing key ${file} is not an RSA private JWK with a kid; delete it to create a new key (this signs everyone out).`, { cause: parsed.error });
    }
    return { privateJwk: { ...parsed.data }, publicJwks: { keys: [publicHalf(parsed.data)] } };
  }

  const created = await generateSigningKey();
  await mkdir(dirname(file), { recursive: true });
  // Write then rename, so a crash or a second process never leaves a half-written key behind.
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(created, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
  await rename(temporary, file);
  return { privateJwk: { ...created }, publicJwks: { keys: [publicHalf(created)] } };
}

export interface IssueTokenInput {
  issuer: string;
  user: UserRecord;
  ttlSeconds?: number;
  /** Set `aud` (e.g. to test JWT_AUDIENCE checks); Cognito ID tokens carry the app client id here. */
  audience?: string;
}

/** Signs a token shaped like a Cognito ID token for `user`. */
export async function issueToken(privateJwk: JWK, input: IssueTokenInput): Promise<string> {
  const key = await importJWK(privateJwk, ALGORITHM);
  const nowSeconds = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({
    email: input.user.email,
    name: input.user.name,
    'cognito:groups': [...input.user.roles],
    token_use: 'id',
  })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', ...(privateJwk.kid ? { kid: privateJwk.kid } : {}) })
    .setSubject(input.user.userId)
    .setIssuer(input.issuer)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + (input.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS))
    .setJti(randomUUID());
  if (input.audience !== undefined) jwt.setAudience(input.audience);
  return jwt.sign(key);
}
