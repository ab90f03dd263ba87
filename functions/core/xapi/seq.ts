/**
 * Time-ordered statement keys (the idea of lrsql's "squuid"): 15 digits of `stored` in epoch
 * milliseconds, then 12 hex digits so two statements stored in the same millisecond never
 * collide. Sorting seqs as strings sorts by stored time. Statements of one batch share `stored`;
 * newSeqs gives them one random prefix and their position, so they keep the order they were sent in.
 */
import { randomBytes } from 'node:crypto';

const MS_DIGITS = 15;

export function newSeq(stored: Date): string {
  return `${stored.getTime().toString().padStart(MS_DIGITS, '0')}${randomBytes(6).toString('hex')}`;
}

/** Seqs for a batch, in batch order: 8 random hex digits shared by the batch, then 4 of position. */
export function newSeqs(stored: Date, count: number): string[] {
  if (count > 0xffff) throw new RangeError(`A batch of ${count} statements is too large for one seq prefix`);
  const prefix = `${stored.getTime().toString().padStart(MS_DIGITS, '0')}${randomBytes(4).toString('hex')}`;
  return Array.from({ length: count }, (_, i) => `${prefix}${i.toString(16).padStart(4, '0')}`);
}

export function seqTime(seq: string): number {
  return Number(seq.slice(0, MS_DIGITS));
}

/** The smallest seq greater than every seq of a statement stored at or before `ms`. */
export function seqAfterMs(ms: number): string {
  return `${Math.floor(ms).toString().padStart(MS_DIGITS, '0')}g`;
}

/** The largest seq smaller than every seq of a statement stored at or after `ms`. */
export function seqBeforeMs(ms: number): string {
  return Math.floor(ms).toString().padStart(MS_DIGITS, '0');
}

export function isSeq(value: string): boolean {
  return /^\d{15}[0-9a-f]{12}$/.test(value);
}
