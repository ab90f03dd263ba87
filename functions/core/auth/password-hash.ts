/**
 * Hashing of secrets we must be able to check but never store: xAPI client secrets and (local
 * runtime only) people's passwords.
 *
 * scrypt from node:crypto, so there is no native dependency to bundle for Lambda. N=16384, r=8,
 * p=1 costs ~16 MiB and roughly 30-50 ms per hash on a Lambda-sized CPU: slow enough to make
 * offline guessing expensive, fast enough for a request path (authenticate.ts also caches
 * successful client checks so a busy client does not pay it per request).
 *
 * Encoding: `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`. The parameters travel with the hash
 * so they can be raised later without invalidating stored hashes.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const SCHEME = 'scrypt';
const COST = 16384;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

/**
 * Bounds on parameters read back from an encoding. They keep a corrupted or hostile stored value
 * from making verification allocate gigabytes or spin for seconds.
 */
const MAX_COST = 1 << 17;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELISM = 16;
const MIN_HASH_BYTES = 16;
const MAX_HASH_BYTES = 128;
/** node's default maxmem (32 MiB) is too tight for some legal parameter sets; scrypt needs 128*N*r bytes. */
const MAX_MEMORY = 256 * 1024 * 1024;

function scrypt(secret: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(secret, salt, keyLength, options, (error, derived) => (error ? reject(error) : resolve(derived)));
  });
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scrypt(secret, salt, HASH_BYTES, { N: COST, r: BLOCK_SIZE, p: PARALLELISM });
  return [SCHEME, COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), hash.toString('base64')].join('$');
}

interface ParsedHash {
  cost: number;
  blockSize: number;
  parallelism: number;
  salt: Buffer;
  hash: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const POSITIVE_INTEGER = /^[1-9][0-9]{0,9}$/;

function parseEncoded(encoded: string): ParsedHash | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6) return undefined;
  const [scheme, costText, blockSizeText, parallelismText, saltText, hashText] = parts as [
    string, string, string, string, string, string,
  ];
  if (scheme !== SCHEME) return undefined;
  if (![costText, blockSizeText, parallelismText].every((text) => POSITIVE_INTEGER.test(text))) return undefined;
  if (!BASE64.test(saltText) || !BASE64.test(hashText)) return undefined;
  const cost = Number(costText);
  const blockSize = Number(blockSizeText);
  const parallelism = Number(parallelismText);
  const isPowerOfTwo = cost > 1 && (cost & (cost - 1)) === 0;
  if (!isPowerOfTwo || cost > MAX_COST || blockSize > MAX_BLOCK_SIZE || parallelism > MAX_PARALLELISM) return undefined;
  const salt = Buffer.from(saltText, 'base64');
  const hash = Buffer.from(hashText, 'base64');
  if (salt.length === 0 || hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) return undefined;
  return { cost, blockSize, parallelism, salt, hash };
}

/** True when `secret` matches `encoded`. A malformed encoding is simply a mismatch: never throws. */
export async function verifySecret(secret: string, encoded: string): Promise<boolean> {
  if (typeof secret !== 'string' || typeof encoded !== 'string') return false;
  const parsed = parseEncoded(encoded);
  if (!parsed) return false;
  try {
    const derived = await scrypt(secret, parsed.salt, parsed.hash.length, {
      N: parsed.cost,
      r: parsed.blockSize,
      p: parsed.parallelism,
      maxmem: MAX_MEMORY,
    });
    // Constant-time comparison, so response timing does not reveal how many bytes matched.
    return timingSafeEqual(derived, parsed.hash);
  } catch {
    // scrypt rejects parameter combinations the bounds above still allow (e.g. memory limits).
    return false;
  }
}
