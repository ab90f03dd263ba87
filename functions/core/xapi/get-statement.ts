/**
 * GET /xapi/statements?statementId=... or ?voidedStatementId=...: one statement. A voided
 * statement is found only through voidedStatementId, a live one only through statementId.
 */
import { NotFoundError } from '../errors.js';
import { agentKey } from './agents.js';
import type { StatementJson, StatementStore } from './statement-store.js';

export interface GetStatementInput {
  id: string;
  voided: boolean;
  /** Set when the caller may only read statements it stored itself (scope statements/read/mine). */
  onlyAuthorityKey?: string;
  /** Set when the caller may see only some statements; any other statement is "not found" to it. */
  visible?: (statement: StatementJson) => boolean;
}

export const getStatement =
  (deps: { statements: StatementStore }) =>
  async (input: GetStatementInput): Promise<StatementJson> => {
    const id = input.id.toLowerCase();
    const stored = (await deps.statements.getByIds([id])).get(id);
    const visible =
      stored &&
      Boolean(stored.voidedBy) === input.voided &&
      (!input.onlyAuthorityKey || agentKey(stored.statement.authority as never) === input.onlyAuthorityKey) &&
      (!input.visible || input.visible(stored.statement));
    if (!stored || !visible) {
      throw new NotFoundError(
        input.voided
          ? `No voided statement with id ${input.id}. (A statement that is not voided is found with statementId.)`
          : `No statement with id ${input.id}. (A voided statement is found with voidedStatementId.)`,
      );
    }
    return stored.statement;
  };
