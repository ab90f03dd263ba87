/**
 * Recording the gate: when the contact moment unlocks, the module stores a `contact-moment-unlocked`
 * statement (xapi-profiles/, builders.ts) in its own LRS. Exactly one per enrolment, however often
 * and from however many places the opening is noticed: its id is derived from the registration
 * (a name-based UUID, version 5) and its timestamp is the `stored` of the statement that opened
 * the gate, so every updater builds the very same statement and the LRS keeps the first (storing
 * a statement again with the same id and content is a no-op).
 */
import { createHash } from 'node:crypto';
import type { AuthorityAgent } from '../auth/principal.js';
import type { Course } from '../course/schema.js';
import { StatementConflictError } from '../errors.js';
import { contactMomentUnlocked } from '../xapi/profile/builders.js';
import type { StatementJson, StatementStore } from '../xapi/statement-store.js';
import { storeStatements } from '../xapi/store-statements.js';

/** The namespace of the module's name-based statement ids (a random UUID, fixed forever). */
const STATEMENT_ID_NAMESPACE = '5b0c2f4e-8a61-4d0e-9a7f-3c1e9d2b7a40';

export interface GateDeps {
  statements: StatementStore;
  now: () => Date;
  appAuthority: AuthorityAgent;
}

/** The id of the one `unlocked` statement of an enrolment. */
export function gateStatementId(registration: string): string {
  return uuidV5(`contact-moment-unlocked:${registration.toLowerCase()}`, STATEMENT_ID_NAMESPACE);
}

/**
 * Stores the gate statement (unless it is stored already) and returns it as the LRS holds it, or
 * undefined if it was voided: a voided gate is not applied again.
 */
export const recordGateOpening =
  (deps: GateDeps) =>
  async (input: { course: Course; userId: string; registration: string; trigger: StatementJson }): Promise<StatementJson | undefined> => {
    const id = gateStatementId(input.registration);
    const statement = contactMomentUnlocked({
      course: input.course,
      // The user id only: the statement is the module's record, a name adds nothing to it.
      participant: { userId: input.userId },
      registration: input.registration,
      id,
      timestamp: input.trigger.stored,
    });
    try {
      await storeStatements(deps)({ statements: [statement], authority: deps.appAuthority });
    } catch (error) {
      // Recorded before with another timestamp (e.g. by an update that saw the statements in
      // another order): the first record stands.
      if (!(error instanceof StatementConflictError)) throw error;
    }
    const stored = (await deps.statements.getByIds([id])).get(id);
    return stored && !stored.voidedBy ? stored.statement : undefined;
  };

/** RFC 4122 name-based UUID with SHA-1 (version 5). */
export function uuidV5(name: string, namespace: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
