/**
 * The readiness projection's services on a fresh table in DynamoDB Local, with a clock the test
 * moves: statements are stored as the LRS stores them (at a given server time) and read back as
 * stored, so tests can feed them to updateReadiness in any order, twice, or concurrently.
 */
import { randomUUID } from 'node:crypto';
import { createEnrolmentStore } from '../../functions/adapters/dynamodb/enrolment-store.js';
import { createReadinessStore } from '../../functions/adapters/dynamodb/readiness-store.js';
import { createStatementStore } from '../../functions/adapters/dynamodb/statement-store.js';
import { createUserStore } from '../../functions/adapters/dynamodb/user-store.js';
import type { AuthorityAgent } from '../../functions/core/auth/principal.js';
import { loadCourse } from '../../functions/core/course/load.js';
import type { Enrolment } from '../../functions/core/enrolment/ports.js';
import { enrolmentStatementsKey } from '../../functions/core/progress/participant.js';
import type { ReadinessDeps } from '../../functions/core/readiness/update-readiness.js';
import { readAllStatements } from '../../functions/core/xapi/read-statements.js';
import type { Statement } from '../../functions/core/xapi/statement-schema.js';
import type { StatementJson } from '../../functions/core/xapi/statement-store.js';
import { storeStatements } from '../../functions/core/xapi/store-statements.js';
import { createTestTable, type TestTable } from './dynamodb.js';

export const APP_AUTHORITY: AuthorityAgent = { objectType: 'Agent', name: 'Introductie Positieve Gezondheid', account: { homePage: 'https://introductie-pg.nl/xapi-clients', name: 'introductie-pg-app' } };
export const OTHER_CLIENT: AuthorityAgent = { objectType: 'Agent', name: 'Another xAPI client', account: { homePage: 'https://introductie-pg.nl/xapi-clients', name: 'other-client' } };

export interface ReadinessWorld {
  table: TestTable;
  deps: ReadinessDeps;
  /** Another set of adapters on the same table: a second process (e.g. the stream next to the API). */
  otherProcess(): ReadinessDeps;
  setClock(ms: number): void;
  enrol(name: string): Promise<Enrolment>;
  /** Stores as the LRS does at server time `at` (ms), by `authority`; returns the statements as stored. */
  store(statements: readonly Statement[], at: number, authority?: AuthorityAgent): Promise<StatementJson[]>;
  /** The enrolment's statements in the LRS, in stored order (voided ones left out). */
  statementsOf(enrolment: Enrolment): Promise<StatementJson[]>;
  close(): Promise<void>;
}

export async function createReadinessWorld(endpoint?: string): Promise<ReadinessWorld> {
  const table = await createTestTable(endpoint);
  let clock = Date.now();
  const adapters = (): ReadinessDeps => {
    const { doc, tableName } = table;
    return {
      statements: createStatementStore({ doc, tableName }),
      enrolments: createEnrolmentStore({ doc, tableName }),
      users: createUserStore({ doc, tableName }),
      readiness: createReadinessStore({ doc, tableName }),
      now: () => new Date(clock),
      appAuthority: APP_AUTHORITY,
    };
  };
  const deps = adapters();
  const enrolments = createEnrolmentStore({ doc: table.doc, tableName: table.tableName });
  const users = createUserStore({ doc: table.doc, tableName: table.tableName });
  const course = loadCourse();
  return {
    table,
    deps,
    otherProcess: adapters,
    setClock: (ms) => void (clock = ms),
    async enrol(name) {
      const userId = `user-${randomUUID()}`;
      await users.put({ userId, email: `${userId}@voorbeeld.nl`, name, roles: ['participant'], createdAt: new Date(clock).toISOString() });
      return enrolments.createOrGet({ userId, courseId: course.id, courseVersion: course.versionId, registration: randomUUID(), createdAt: new Date(clock).toISOString() });
    },
    async store(statements, at, authority = APP_AUTHORITY) {
      clock = at;
      const ids = await storeStatements({ statements: deps.statements, now: () => new Date(at) })({ statements, authority });
      const stored = await deps.statements.getByIds(ids);
      return ids.map((id) => stored.get(id)!.statement);
    },
    statementsOf: (enrolment) => readAllStatements(deps)(enrolmentStatementsKey(enrolment.userId, enrolment.registration)),
    close: () => table.drop(),
  };
}
