/**
 * Certificate ids: 128 random bits in RFC 4648 base32 without padding (26 characters from A-Z and
 * 2-7). Unguessable (2^128), case-insensitive and free of look-alike digits 0, 1, 8, 9, so a
 * person can type it from paper; dashes and spaces someone adds while typing are ignored.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ID_PATTERN = /^[A-Z2-7]{26}$/;

export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

export function newCertificateId(random: (size: number) => Uint8Array = randomBytes): string {
  return base32(random(16));
}

/** The canonical id for what someone typed or clicked, or undefined if it cannot be one. */
export function normalizeCertificateId(input: string): string | undefined {
  const id = input.replace(/[\s-]/g, '').toUpperCase();
  return ID_PATTERN.test(id) ? id : undefined;
}
