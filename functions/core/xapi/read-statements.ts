/**
 * All live statements under one index key, in stored order: e.g. one participant's statements in
 * one enrolment (`agentreg|…`). Entries whose statement never landed or was voided drop out.
 */
import type { StatementJson, StatementStore } from './statement-store.js';

const PAGE = 200;

export const readAllStatements =
  (deps: { statements: StatementStore }) =>
  async (indexKey: string): Promise<StatementJson[]> => {
    const statements: StatementJson[] = [];
    let afterSeq: string | undefined;
    for (;;) {
      const page = await deps.statements.readIndex({ key: indexKey, ascending: true, limit: PAGE, ...(afterSeq ? { afterSeq } : {}) });
      const stored = await deps.statements.getByIds(page.entries.map((e) => e.id));
      for (const entry of page.entries) {
        const found = stored.get(entry.id);
        if (found && found.seq === entry.seq && !found.voidedBy) statements.push(found.statement);
      }
      afterSeq = page.entries.at(-1)?.seq;
      if (page.exhausted || !afterSeq) return statements;
    }
  };
