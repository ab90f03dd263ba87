/**
 * Signed statements for tests: RSA keys, a self-signed X.509 certificate (built with a few lines of
 * DER, so no tool or package is needed), a JWS over a statement, and the multipart/mixed body that
 * carries a statement with its signature attachment.
 */
import { createHash, generateKeyPairSync, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';

export const SIGNATURE_USAGE_TYPE = 'http://adlnet.gov/expapi/attachments/signature';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The base64 DER of a self-signed certificate for the key, as an x5c entry. */
  certificate: string;
}

export function signingKey(modulusLength = 2048, commonName = 'xAPI test signer'): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength });
  return { privateKey, publicKey, certificate: selfSignedCertificate(privateKey, publicKey, commonName) };
}

// --- DER, just enough for a version 1 certificate -------------------------------------------------

function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const integer = (value: number) => tlv(0x02, Buffer.from([value]));
const nullValue = () => Buffer.from([0x05, 0x00]);
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const utcTime = (date: Date) => tlv(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`, 'ascii'));

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = arc >>> 7; value > 0; value >>>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), nullValue());

function selfSignedCertificate(privateKey: KeyObject, publicKey: KeyObject, commonName: string): string {
  const name = sequence(set(sequence(oid('2.5.4.3'), utf8(commonName))));
  const now = Date.now();
  const tbs = sequence(
    integer(1),
    SHA256_WITH_RSA,
    name,
    sequence(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 365 * 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.concat([Buffer.from([0x00]), signature])));
  // Node parses it as a proper certificate, or the test that uses it would prove nothing.
  new X509Certificate(der);
  return der.toString('base64');
}

// --- JWS and the request body ----------------------------------------------------------------------

export interface SignOptions {
  alg?: 'RS256' | 'RS384' | 'RS512';
  /** x5c header (base64 DER certificates, the signer's first); none when omitted. */
  x5c?: string[];
}

export async function signStatement(statement: object, key: KeyObject, options: SignOptions = {}): Promise<string> {
  const header = { alg: options.alg ?? 'RS256', ...(options.x5c ? { x5c: options.x5c } : {}) };
  return new CompactSign(Buffer.from(JSON.stringify(statement))).setProtectedHeader(header).sign(key);
}

/** The statement with a signature attachment for `jws` added (the statement as sent to the LRS). */
export function withSignature(statement: Record<string, unknown>, jws: string, contentType = 'application/octet-stream'): Record<string, unknown> {
  const data = Buffer.from(jws);
  const attachment = {
    usageType: SIGNATURE_USAGE_TYPE,
    display: { 'en-US': 'Signature' },
    contentType,
    length: data.length,
    sha2: createHash('sha256').update(data).digest('hex'),
  };
  const attachments = Array.isArray(statement.attachments) ? statement.attachments : [];
  return { ...statement, attachments: [...attachments, attachment] };
}

const BOUNDARY = 'signed-statement-boundary-7c1e';
export const SIGNED_CONTENT_TYPE = `multipart/mixed; boundary=${BOUNDARY}`;

/** multipart/mixed: the statement(s), then one part per signature (the JWS bytes). */
export function signedBody(statements: unknown, signatures: string[]): Buffer {
  const chunks = [Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statements)}\r\n`)];
  for (const jws of signatures) {
    const data = Buffer.from(jws);
    const sha2 = createHash('sha256').update(data).digest('hex');
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`), data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}
