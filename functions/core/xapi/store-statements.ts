/**
 * Storing statements (PUT and POST): completes each statement as the spec requires (id, stored,
 * timestamp, authority, version), enforces immutability and the voiding rules, works out the
 * index keys (including those inherited through a StatementRef) and stores the batch whole or
 * not at all. Safe to retry: a statement already stored with the same content is a no-op.
 */
import { randomUUID } from 'node:crypto';
import type { AuthorityAgent } from '../auth/principal.js';
import { StatementConflictError, ValidationError } from '../errors.js';
import { statementsMatch } from './compare.js';
import { indexKeysOf } from './index-keys.js';
import { newSeqs } from './seq.js';
import { normalizeStatement } from './data-formats.js';
import type { Statement } from './statement-schema.js';
import type { NewStatement, StatementJson, StatementStore, StoredStatement } from './statement-store.js';
import { XAPI_1_0_3, XAPI_2_0_0, type XapiVersion } from './version.js';

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';
/**
 * The spec's default for statements that arrive without a version: 1.0.0 in xAPI 1.0.x (every
 * 1.0.x statement conforms to the 1.0.0 data model), 2.0.0 in xAPI 2.0.
 */
const DEFAULT_VERSION: Record<XapiVersion, string> = { '1.0.3': '1.0.0', '2.0.0': XAPI_2_0_0 };
/** Attempts in all; the first may be the optimistic write without a read. */
const CONFLICT_RETRIES = 4;

export interface StoreStatementsDeps {
  statements: StatementStore;
  now: () => Date;
}

export interface StoreStatementsInput {
  statements: readonly Statement[];
  authority: AuthorityAgent;
  /** The xAPI version of the request; the module's own statements are 1.0.3 (the default). */
  xapiVersion?: XapiVersion;
}

export const storeStatements =
  (deps: StoreStatementsDeps) =>
  async (input: StoreStatementsInput): Promise<string[]> => {
    const stored = deps.now();
    const prepared = input.statements.map((statement) => complete(statement, stored, input.authority, input.xapiVersion ?? XAPI_1_0_3));
    assertUniqueIds(prepared);

    // Statements that refer to others need the stored targets (voiding rules, inherited index
    // keys) before the write. The rest are nearly always new, so they are written at once: the
    // write's condition refuses an id that is taken, and only then are the stored ones read.
    const refersToOthers = prepared.some((statement) => statementRefTarget(statement) !== undefined);
    for (let attempt = 1; ; attempt++) {
      const existing = refersToOthers || attempt > 1 ? await deps.statements.getByIds(idsToLoad(prepared)) : new Map<string, StoredStatement>();
      const fresh = withoutAlreadyStored(prepared, existing);
      if (fresh.length === 0) return prepared.map((s) => s.id);
      assertVoidingRules(fresh, existing);
      const seqs = newSeqs(stored, fresh.length);
      const batch = fresh.map((statement, i) => toNewStatement(statement, seqs[i]!, fresh, existing));
      try {
        await deps.statements.insert(batch);
        return prepared.map((s) => s.id);
      } catch (error) {
        // Another request stored one of these ids between our read and our write: read again and
        // decide between "same statement, nothing to do" and a real conflict.
        if (error instanceof StatementConflictError && attempt < CONFLICT_RETRIES) continue;
        throw error;
      }
    }
  };

function complete(statement: Statement, stored: Date, authority: AuthorityAgent, xapiVersion: XapiVersion): StatementJson {
  const normalized = normalizeStatement(statement, xapiVersion) as Record<string, unknown>;
  const id = typeof normalized.id === 'string' ? normalized.id.toLowerCase() : randomUUID();
  const storedIso = stored.toISOString();
  return {
    ...normalized,
    id,
    timestamp: typeof normalized.timestamp === 'string' ? normalized.timestamp : storedIso,
    stored: storedIso,
    // The LRS vouches for who stored the statement: the authenticated client, whatever was sent.
    authority,
    version: typeof normalized.version === 'string' ? normalized.version : DEFAULT_VERSION[xapiVersion],
  };
}

function assertUniqueIds(statements: readonly StatementJson[]): void {
  const seen = new Set<string>();
  for (const [index, statement] of statements.entries()) {
    if (seen.has(statement.id)) {
      throw new ValidationError(`The batch holds statement id ${statement.id} twice; every statement in a batch needs its own id.`, {
        issues: [{ path: `statements[${index}].id`, message: 'duplicate id in batch' }],
      });
    }
    seen.add(statement.id);
  }
}

function statementRefTarget(statement: StatementJson): string | undefined {
  const object = statement.object as { objectType?: string; id?: string } | undefined;
  return object?.objectType === 'StatementRef' && typeof object.id === 'string' ? object.id.toLowerCase() : undefined;
}

function isVoiding(statement: StatementJson): boolean {
  return (statement.verb as { id?: string } | undefined)?.id === VOIDED_VERB;
}

function idsToLoad(statements: readonly StatementJson[]): string[] {
  const ids = new Set<string>();
  for (const statement of statements) {
    ids.add(statement.id);
    const target = statementRefTarget(statement);
    if (target) ids.add(target);
  }
  return [...ids];
}

function withoutAlreadyStored(statements: readonly StatementJson[], existing: Map<string, StoredStatement>): StatementJson[] {
  const conflicts: string[] = [];
  const fresh = statements.filter((statement) => {
    const stored = existing.get(statement.id);
    if (!stored) return true;
    if (!statementsMatch(stored.statement, statement)) conflicts.push(statement.id);
    return false;
  });
  if (conflicts.length > 0) throw new StatementConflictError(conflicts);
  return fresh;
}

function assertVoidingRules(batch: readonly StatementJson[], existing: Map<string, StoredStatement>): void {
  const inBatch = new Map(batch.map((s) => [s.id, s]));
  for (const [index, statement] of batch.entries()) {
    if (!isVoiding(statement)) continue;
    const targetId = statementRefTarget(statement);
    if (!targetId) {
      throw new ValidationError('A voiding statement (verb "voided") must have a StatementRef as its object, naming the statement to void.', {
        issues: [{ path: `statements[${index}].object`, message: 'must be a StatementRef' }],
      });
    }
    const target = inBatch.get(targetId) ?? existing.get(targetId)?.statement;
    if (target && isVoiding(target)) {
      throw new ValidationError(`Statement ${targetId} is itself a voiding statement and cannot be voided.`, {
        issues: [{ path: `statements[${index}].object.id`, message: 'targets a voiding statement' }],
      });
    }
  }
}

function toNewStatement(
  statement: StatementJson,
  seq: string,
  batch: readonly StatementJson[],
  existing: Map<string, StoredStatement>,
): NewStatement {
  const indexKeys = new Set(indexKeysOf(statement as Statement));
  const targetId = statementRefTarget(statement);
  if (targetId) {
    // The spec's StatementRef rule: a filter also returns statements that refer to a matching one,
    // voiding statements included (the voided target itself drops out of queries).
    const inBatch = batch.find((s) => s.id === targetId);
    const inherited = inBatch ? indexKeysOf(inBatch as Statement) : (existing.get(targetId)?.indexKeys ?? []);
    for (const key of inherited) if (!key.startsWith('authority|')) indexKeys.add(key);
  }
  return {
    seq,
    statement,
    indexKeys: [...indexKeys],
    ...(targetId && isVoiding(statement) ? { voids: targetId } : {}),
  };
}
