import { describe, expect, it } from 'vitest';
import { randomBytes, scryptSync } from 'node:crypto';
import { hashSecret, verifySecret } from '../../../functions/core/auth/password-hash.js';

const ENCODING = /^scrypt\$16384\$8\$1\$([A-Za-z0-9+/]+=*)\$([A-Za-z0-9+/]+=*)$/;

describe('hashSecret', () => {
  it('encodes scrypt with N=16384 r=8 p=1, a 16-byte salt and a 32-byte hash', async () => {
    const encoded = await hashSecret('geheim');
    const match = ENCODING.exec(encoded);
    expect(match).not.toBeNull();
    expect(Buffer.from(match![1]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(match![2]!, 'base64')).toHaveLength(32);
  });

  it('salts randomly: the same secret hashes differently each time', async () => {
    const [first, second] = await Promise.all([hashSecret('geheim'), hashSecret('geheim')]);
    expect(first).not.toBe(second);
  });
});

describe('verifySecret', () => {
  it('accepts the secret that was hashed, including unicode and colons', async () => {
    for (const secret of ['geheim', 'key:with:colons', 'één twee ☂', '']) {
      expect(await verifySecret(secret, await hashSecret(secret))).toBe(true);
    }
  });

  it('rejects another secret, even one that differs in a single character or only in case', async () => {
    const encoded = await hashSecret('Geheim-1');
    for (const wrong of ['Geheim-2', 'geheim-1', 'Geheim-1 ', '', 'Geheim-']) {
      expect(await verifySecret(wrong, encoded)).toBe(false);
    }
  });

  it('reads the parameters from the encoding, so hashes with other costs keep working', async () => {
    const salt = randomBytes(16);
    const hash = scryptSync('geheim', salt, 32, { N: 1024, r: 8, p: 1 });
    const encoded = `scrypt$1024$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
    expect(await verifySecret('geheim', encoded)).toBe(true);
    expect(await verifySecret('anders', encoded)).toBe(false);
  });

  it('is fast enough for a request path (well under a second)', async () => {
    const encoded = await hashSecret('geheim');
    const started = performance.now();
    await verifySecret('geheim', encoded);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  describe('tolerates malformed encodings: false, never a throw', async () => {
    const valid = await hashSecret('geheim');
    const [, , , , salt, hash] = valid.split('$') as [string, string, string, string, string, string];
    const tampered = Buffer.from(hash, 'base64');
    tampered[0] = tampered[0]! ^ 0xff;
    const cases: Array<[string, string]> = [
      ['empty', ''],
      ['just the scheme', 'scrypt'],
      ['another scheme', valid.replace(/^scrypt/, 'bcrypt')],
      ['a part missing', `scrypt$16384$8$1$${salt}`],
      ['a part too many', `${valid}$extra`],
      ['non-numeric cost', `scrypt$abc$8$1$${salt}$${hash}`],
      ['cost not a power of two', `scrypt$10000$8$1$${salt}$${hash}`],
      ['absurd cost', `scrypt$1073741824$8$1$${salt}$${hash}`],
      ['absurd block size', `scrypt$16384$4096$1$${salt}$${hash}`],
      ['zero parallelism', `scrypt$16384$8$0$${salt}$${hash}`],
      ['salt not base64', `scrypt$16384$8$1$!!!$${hash}`],
      ['empty hash', `scrypt$16384$8$1$${salt}$`],
      ['truncated hash', `scrypt$16384$8$1$${salt}$${hash.slice(0, 8)}`],
      ['tampered hash', `scrypt$16384$8$1$${salt}$${tampered.toString('base64')}`],
      ['other salt', `scrypt$16384$8$1$${randomBytes(16).toString('base64')}$${hash}`],
    ];
    it.each(cases)('%s', async (_name, encoded) => {
      await expect(verifySecret('geheim', encoded)).resolves.toBe(false);
    });

    it('and non-string input', async () => {
      await expect(verifySecret('geheim', undefined as unknown as string)).resolves.toBe(false);
      await expect(verifySecret(undefined as unknown as string, valid)).resolves.toBe(false);
    });

    it('while the untouched encoding still verifies (the cases above are real mismatches)', async () => {
      await expect(verifySecret('geheim', valid)).resolves.toBe(true);
    });
  });
});
