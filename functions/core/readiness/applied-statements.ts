/**
 * Which statements the readiness projection has applied lately. The fold (progress.ts) is meant to
 * see the statements of an enrolment once each, in stored order; the projection is fed by two
 * paths (right after storing, and again by the DynamoDB stream) that deliver every statement
 * twice and may, rarely, deliver one out of stored order. This small record tells those apart:
 * - `applied`: delivered before; it is skipped, so a second delivery changes nothing at all;
 * - `next`: not seen, and stored no earlier than anything applied: fold it in;
 * - `out-of-order`: not seen, but stored before a statement already applied, or no later than
 *   one this record has forgotten: the projection refolds the enrolment from the LRS (exact).
 *
 * Bounded: it remembers the statements stored within RECENT_WINDOW_MS of the newest, at most
 * RECENT_MAX of them. A redelivery older than that counts as out of order: still correct, only
 * slower. The stream redelivers within seconds.
 */
import type { StatementJson } from '../xapi/statement-store.js';
import type { AppliedStatements } from './ports.js';

export const RECENT_WINDOW_MS = 15 * 60_000;
export const RECENT_MAX = 100;

export type Arrival = 'applied' | 'next' | 'out-of-order';

type Ref = Pick<StatementJson, 'id' | 'stored'>;

export function noneApplied(): AppliedStatements {
  return { newestStored: null, recent: [], forgottenThrough: null };
}

export function classifyArrival(applied: AppliedStatements, statement: Ref): Arrival {
  if (applied.recent.some(([id]) => id === statement.id)) return 'applied';
  if (applied.forgottenThrough !== null && statement.stored <= applied.forgottenThrough) return 'out-of-order';
  if (applied.newestStored !== null && statement.stored < applied.newestStored) return 'out-of-order';
  return 'next';
}

/** Remembers one more applied statement (one classified `next`, or the next of a refold in stored order). */
export function rememberApplied(applied: AppliedStatements, statement: Ref): AppliedStatements {
  const newestStored = applied.newestStored === null || statement.stored > applied.newestStored ? statement.stored : applied.newestStored;
  const cutoff = new Date(Date.parse(newestStored) - RECENT_WINDOW_MS).toISOString();
  // Sorted by stored time, then id: the same statements give the same record, whatever order ties came in.
  const all: Array<[string, string]> = [...applied.recent, [statement.id, statement.stored] as [string, string]].sort(byStoredThenId);
  const inWindow = all.filter(([, stored]) => stored >= cutoff);
  const recent = inWindow.slice(-RECENT_MAX);
  const forgotten = [...all.filter(([, stored]) => stored < cutoff), ...inWindow.slice(0, inWindow.length - recent.length)];
  const forgottenThrough = forgotten.reduce<string | null>((latest, [, stored]) => (latest === null || stored > latest ? stored : latest), applied.forgottenThrough);
  return { newestStored, recent, forgottenThrough };
}

function byStoredThenId([idA, storedA]: [string, string], [idB, storedB]: [string, string]): number {
  if (storedA !== storedB) return storedA < storedB ? -1 : 1;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}
