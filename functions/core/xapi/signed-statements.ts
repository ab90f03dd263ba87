/**
 * Signed Statements (xAPI 1.0.3 Data 2.6; xAPI 2.0 keeps the rules and makes the compact
 * serialization mandatory). A statement is signed when one of its attachments has the signature
 * usageType; that attachment's data, sent in the multipart body, is a JWS whose payload is the
 * statement as it was before the signature attachment was added. The LRS must refuse (400) a
 * malformed signature, and to tell it does what the spec lists:
 * - the attachment's contentType is application/octet-stream and its data came with the request;
 * - the data is a JWS in compact serialization (RFC 7515 7.1) with alg RS256, RS384 or RS512;
 * - the payload is a JSON object that matches the statement by the Statement comparison rules
 *   (compare.ts), attachments left out: they are not part of a Statement (Data 2.3.1);
 * - with an X.509 certificate chain in the header (x5c), the signature verifies with the first
 *   certificate's public key. That catches mistakes; it does not vouch for the signer (the spec says
 *   so), so the chain itself is not validated. Without x5c there is no key to verify with.
 * Keys go through jose, which holds RS* keys to RFC 7518 3.3: at least 2048 bits.
 */
import { compactVerify, decodeProtectedHeader, errors, importX509, type ProtectedHeaderParameters } from 'jose';
import { ValidationError } from '../errors.js';
import type { AttachmentContent } from './attachment-store.js';
import { statementsMatch } from './compare.js';
import type { Statement } from './statement-schema.js';

export const SIGNATURE_USAGE_TYPE = 'http://adlnet.gov/expapi/attachments/signature';
export const SIGNATURE_CONTENT_TYPE = 'application/octet-stream';
export const SIGNATURE_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

function reject(message: string, path: string, problem: string): never {
  throw new ValidationError(message, { issues: [{ path, message: problem }] });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks every signature of the statements against the request's attachment parts; throws a
 * ValidationError naming the statement and what is wrong. Statements without a signature pass.
 */
export async function verifySignedStatements(statements: readonly Statement[], parts: readonly AttachmentContent[]): Promise<void> {
  const partsBySha2 = new Map(parts.map((part) => [part.sha2.toLowerCase(), part]));
  for (const [index, statement] of statements.entries()) {
    const path = statements.length === 1 ? 'statement' : `statements[${index}]`;
    for (const [position, attachment] of (statement.attachments ?? []).entries()) {
      if (attachment.usageType !== SIGNATURE_USAGE_TYPE) continue;
      await verifySignature(statement, attachment, partsBySha2.get(attachment.sha2.toLowerCase()), `${path}.attachments[${position}]`);
    }
  }
}

async function verifySignature(
  statement: Statement,
  attachment: NonNullable<Statement['attachments']>[number],
  part: AttachmentContent | undefined,
  path: string,
): Promise<void> {
  const mediaType = attachment.contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType !== SIGNATURE_CONTENT_TYPE) {
    reject(
      `${path} is a signature (usageType ${SIGNATURE_USAGE_TYPE}), so its contentType must be "${SIGNATURE_CONTENT_TYPE}", not "${attachment.contentType}".`,
      `${path}.contentType`,
      `must be ${SIGNATURE_CONTENT_TYPE}`,
    );
  }
  if (!part) {
    reject(
      `${path} is a signature, so the JWS must come with the statement: send the request as multipart/mixed with a part whose X-Experience-API-Hash is ${attachment.sha2}.`,
      `${path}.sha2`,
      'the signature data is missing',
    );
  }
  const jws = part.data.toString('utf8').trim();
  if (!COMPACT_JWS.test(jws)) {
    reject(
      `${path}: the signature is not a JWS in compact serialization (header.payload.signature, each base64url). ` +
        'Sign the statement as a JWS (RFC 7515) and send that string as the attachment data.',
      path,
      'not a compact JWS',
    );
  }
  const header = protectedHeader(jws, path);
  const alg = header.alg;
  if (typeof alg !== 'string' || !(SIGNATURE_ALGORITHMS as readonly string[]).includes(alg)) {
    reject(`${path}: the JWS uses alg "${String(alg)}"; a signed statement must use RS256, RS384 or RS512.`, `${path}.alg`, 'must be RS256, RS384 or RS512');
  }
  const signed = signedStatement(jws, path);
  if (!statementsMatch(withoutAttachments(signed), withoutAttachments(statement))) {
    reject(
      `${path}: the JWS payload is not this statement. The payload must be the statement as it was before the signature was ` +
        'added (what the LRS fills in, attachments and the serialization of timestamps aside, it must be the same).',
      path,
      'payload differs from the statement',
    );
  }
  if (header.x5c !== undefined) await verifyWithCertificate(jws, alg, header.x5c, path);
}

function protectedHeader(jws: string, path: string): ProtectedHeaderParameters {
  try {
    return decodeProtectedHeader(jws);
  } catch (error) {
    throw new ValidationError(`${path}: the JWS header is not base64url-encoded JSON (${(error as Error).message}).`, {
      cause: error,
      issues: [{ path, message: 'malformed JWS header' }],
    });
  }
}

function signedStatement(jws: string, path: string): Record<string, unknown> {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));
  } catch (error) {
    throw new ValidationError(`${path}: the JWS payload is not valid JSON; it must be the JSON serialization of the statement.`, {
      cause: error,
      issues: [{ path, message: 'payload is not JSON' }],
    });
  }
  if (!isObject(payload)) reject(`${path}: the JWS payload must be the statement as a JSON object.`, path, 'payload is not a statement');
  return payload;
}

function withoutAttachments(statement: object): Record<string, unknown> {
  const { attachments: _attachments, ...rest } = statement as Record<string, unknown>;
  return rest;
}

async function verifyWithCertificate(jws: string, alg: string, x5c: unknown, path: string): Promise<void> {
  if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((cert) => typeof cert === 'string')) {
    reject(`${path}: the JWS header's x5c must be an array of base64-encoded (DER) X.509 certificates, the signer's first.`, `${path}.x5c`, 'malformed x5c');
  }
  let key: Awaited<ReturnType<typeof importX509>>;
  try {
    key = await importX509(toPem(x5c[0] as string), alg);
  } catch (error) {
    throw new ValidationError(
      `${path}: the first certificate in x5c cannot be used to verify an ${alg} signature (${(error as Error).message}). It must be an X.509 certificate with an RSA key of at least 2048 bits.`,
      { cause: error, issues: [{ path: `${path}.x5c`, message: 'unusable certificate' }] },
    );
  }
  try {
    await compactVerify(jws, key, { algorithms: [alg] });
  } catch (error) {
    const message =
      error instanceof errors.JWSSignatureVerificationFailed
        ? `${path}: the signature does not verify with the public key of the certificate in x5c; sign with that certificate's private key.`
        : `${path}: the signature cannot be verified with the certificate in x5c (${(error as Error).message}).`;
    throw new ValidationError(message, { cause: error, issues: [{ path, message: 'signature does not verify' }] });
  }
}

function toPem(der: string): string {
  const body = der.replace(/\s+/g, '').match(/.{1,64}/g)?.join('\n') ?? '';
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
}
