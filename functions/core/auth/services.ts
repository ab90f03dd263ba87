/**
 * Service operations for sign-in, xAPI client credentials and users. Each takes its dependencies
 * first and returns the operation: `(deps) => async (input) => result`. Inputs are checked here
 * with the exported schemas too, so a seed script or CLI calling a service gets the same checks as
 * an HTTP handler (which may use the same schemas for its 400s).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import * as z from 'zod/mini';
import '../zod-locale.js';
import { AuthenticationError, ValidationError } from '../errors.js';
import { issueToken } from './local-issuer.js';
import { hashSecret, verifySecret } from './password-hash.js';
import type { ClientStore, UserRecord, UserStore, XapiClientRecord } from './ports.js';
import { ROLES, XAPI_SCOPES } from './principal.js';

// ---------------------------------------------------------------------------------------------
// Schemas (value and type)

const Email = z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email({ error: 'Enter a valid e-mail address.' }));

export const SignInInput = z.object({
  email: z.string().check(z.trim(), z.minLength(1, { error: 'Vul je e-mailadres in.' })),
  password: z.string().check(z.minLength(1, { error: 'Vul je wachtwoord in.' })),
});
export type SignInInput = z.infer<typeof SignInInput>;

/** Url-safe and without ':' because the key is the user name of HTTP Basic. */
const ClientKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,128}$/, {
  error: 'A client key is 8 to 128 characters from A-Z, a-z, 0-9, "-" and "_".',
}));

export const CreateXapiClientInput = z.object({
  name: z.string().check(z.trim(), z.minLength(1, { error: 'Give the client a name.' }), z.maxLength(200)),
  scopes: z.array(z.enum(XAPI_SCOPES, { error: `A scope is one of ${XAPI_SCOPES.join(', ')}.` })).check(z.minLength(1, { error: 'Give the client at least one xAPI scope.' })),
  /**
   * Makes the client an accreditation body's: it then reads only the accreditation-relevant
   * statements of these courses (IRIs) and nothing else, whatever scopes were asked for
   * (its scopes become just statements/read).
   */
  accreditation: z.optional(z.object({ courseIds: z.array(z.url({ error: 'A course id is the course IRI.' })).check(z.minLength(1, { error: 'Name at least one course.' })) })),
  key: z.optional(ClientKey),
  secret: z.optional(z.string().check(z.minLength(16, { error: 'A client secret has at least 16 characters.' }), z.maxLength(512))),
});
export type CreateXapiClientInput = z.input<typeof CreateXapiClientInput>;

export const CreateUserInput = z.object({
  email: Email,
  name: z.string().check(z.trim(), z.minLength(1, { error: 'Enter a name.' }), z.maxLength(200)),
  roles: z.array(z.enum(ROLES, { error: `A role is one of ${ROLES.join(', ')}.` })),
  /** Local runtime only; in AWS Cognito holds passwords. */
  password: z.optional(z.string().check(z.minLength(10, { error: 'A password has at least 10 characters.' }), z.maxLength(1024))),
});
export type CreateUserInput = z.input<typeof CreateUserInput>;

function parseInput<T extends z.ZodMiniType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  throw new ValidationError(issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join(' '), {
    cause: result.error,
    issues,
  });
}

// ---------------------------------------------------------------------------------------------
// Views without secrets

export type PublicUser = Omit<UserRecord, 'passwordHash'>;
export type PublicXapiClient = Omit<XapiClientRecord, 'secretHash'>;

function publicUser(record: UserRecord): PublicUser {
  return {
    userId: record.userId,
    email: record.email,
    name: record.name,
    roles: [...record.roles],
    createdAt: record.createdAt,
  };
}

function publicClient(record: XapiClientRecord): PublicXapiClient {
  return {
    key: record.key,
    name: record.name,
    scopes: [...record.scopes],
    ...(record.accreditation ? { accreditation: { courseIds: [...record.accreditation.courseIds] } } : {}),
    createdAt: record.createdAt,
    ...(record.revokedAt !== undefined ? { revokedAt: record.revokedAt } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Sign-in (local runtime)

/** One message for unknown e-mail and wrong password, so the form cannot be used to probe accounts. */
export const SIGN_IN_FAILED = 'E-mailadres of wachtwoord klopt niet.';

let dummyPasswordHash: Promise<string> | undefined;

export interface SignInDeps {
  users: UserStore;
  signingKey: JWK;
  issuer: string;
  tokenTtlSeconds?: number;
}

export function signIn(deps: SignInDeps) {
  return async (input: SignInInput): Promise<{ token: string; user: PublicUser }> => {
    const { email, password } = parseInput(SignInInput, input);
    const user = await deps.users.getByEmail(email);
    // Verify against a dummy hash when there is no account, so timing does not reveal which
    // e-mail addresses have one.
    dummyPasswordHash ??= hashSecret('no user has this password');
    const passwordHash = user?.passwordHash ?? (await dummyPasswordHash);
    const matches = await verifySecret(password, passwordHash);
    if (!user?.passwordHash || !matches) throw new AuthenticationError(SIGN_IN_FAILED);
    const token = await issueToken(deps.signingKey, {
      issuer: deps.issuer,
      user,
      ...(deps.tokenTtlSeconds !== undefined ? { ttlSeconds: deps.tokenTtlSeconds } : {}),
    });
    return { token, user: publicUser(user) };
  };
}

// ---------------------------------------------------------------------------------------------
// xAPI client credentials

export interface XapiClientDeps {
  clients: ClientStore;
  now: () => Date;
}

/** 15 random bytes are exactly 20 base64url characters: url-safe, no ':' (HTTP Basic user name). */
function generateClientKey(): string {
  return randomBytes(15).toString('base64url');
}

function generateClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Creates credentials for an xAPI client. Only the scrypt hash of the secret is stored; the
 * secret is returned here once and cannot be retrieved later.
 *
 * Without `key` a fresh one is generated (120 random bits, so it never collides). With `key` (trusted
 * callers only, e.g. the local seed, which keeps its demo client's key across restarts) an existing
 * client with that key is replaced: new secret, scopes and name, and no longer revoked. The admin
 * HTTP route does not accept a key.
 */
export function createXapiClient(deps: XapiClientDeps) {
  return async (input: CreateXapiClientInput): Promise<{ key: string; secret: string; record: PublicXapiClient }> => {
    const parsed = parseInput(CreateXapiClientInput, input);
    const key = parsed.key ?? generateClientKey();
    const secret = parsed.secret ?? generateClientSecret();
    const record: XapiClientRecord = {
      key,
      secretHash: await hashSecret(secret),
      name: parsed.name,
      scopes: parsed.accreditation ? ['statements/read'] : [...new Set(parsed.scopes)],
      ...(parsed.accreditation ? { accreditation: { courseIds: [...new Set(parsed.accreditation.courseIds)] } } : {}),
      createdAt: deps.now().toISOString(),
    };
    await deps.clients.put(record);
    return { key, secret, record: publicClient(record) };
  };
}

export function listXapiClients(deps: { clients: ClientStore }) {
  return async (): Promise<PublicXapiClient[]> => (await deps.clients.list()).map(publicClient);
}

// ---------------------------------------------------------------------------------------------
// Users

export interface CreateUserDeps {
  users: UserStore;
  now: () => Date;
}

/**
 * Creates a user with a new id. The e-mail address is stored lowercased (it is the sign-in name and
 * must be unique); the store refuses one that another user already has (ConflictError).
 */
export function createUser(deps: CreateUserDeps) {
  return async (input: CreateUserInput): Promise<PublicUser> => {
    const parsed = parseInput(CreateUserInput, input);
    const record: UserRecord = {
      userId: randomUUID(),
      email: parsed.email,
      name: parsed.name,
      roles: [...new Set(parsed.roles)],
      createdAt: deps.now().toISOString(),
      ...(parsed.password !== undefined ? { passwordHash: await hashSecret(parsed.password) } : {}),
    };
    await deps.users.put(record);
    return publicUser(record);
  };
}
