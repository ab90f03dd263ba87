/**
 * The pure part of the readiness projection: folds newly delivered statements of one enrolment
 * into its progress state (progress.ts) and notes the statement after which the gate first
 * opened. No I/O; update-readiness.ts and rebuild-readiness.ts do the reading and writing.
 *
 * Both the incremental update and the rebuild go through foldStatements, so they apply the same
 * statements in the same (stored) order and find the same gate trigger: that is what makes a
 * rebuild give exactly the record the increments built.
 */
import type { Course } from '../course/schema.js';
import { enrolmentStatementsKey } from '../progress/participant.js';
import { summarizeProgress } from '../progress/progress-summary.js';
import { applyStatement, emptyProgress, type ProgressState } from '../progress/progress.js';
import { indexKeysOf } from '../xapi/index-keys.js';
import type { Statement } from '../xapi/statement-schema.js';
import type { StatementJson } from '../xapi/statement-store.js';
import { classifyArrival, noneApplied, rememberApplied } from './applied-statements.js';
import type { AppliedStatements } from './ports.js';

export interface Projection {
  state: ProgressState;
  applied: AppliedStatements;
}

export interface FoldOutcome extends Projection {
  /** At least one statement was new (false: all had been applied before; nothing to write). */
  changed: boolean;
  /** A new statement was stored before one already applied: refold the enrolment instead. */
  outOfOrder: boolean;
  /**
   * The statement after which the gate's conditions were first met, while the gate is not
   * recorded yet (state.gateOpenedAt null): its `stored` becomes the gate statement's timestamp.
   */
  gateTrigger?: StatementJson;
}

export function emptyProjection(): Projection {
  return { state: emptyProgress(), applied: noneApplied() };
}

/**
 * Folds statements (in stored order) into a projection. Stops at the first statement that is out
 * of order (outOfOrder: true, the projection as it was before); statements applied before are
 * skipped. Only statements of this participant in this enrolment belong here: filter them with
 * isEnrolmentStatement first.
 */
export function foldStatements(start: Projection, statements: readonly StatementJson[], course: Course): FoldOutcome {
  let { state, applied } = start;
  let changed = false;
  let gateTrigger: StatementJson | undefined;
  let gateMet = start.state.gateOpenedAt !== null || gateConditionsMet(start.state, course);
  for (const statement of statements) {
    const arrival = classifyArrival(applied, statement);
    if (arrival === 'applied') continue;
    if (arrival === 'out-of-order') return { ...start, changed: false, outOfOrder: true };
    state = applyStatement(state, statement, course);
    applied = rememberApplied(applied, statement);
    changed = true;
    if (!gateMet && state.gateOpenedAt === null && gateConditionsMet(state, course)) {
      gateMet = true;
      gateTrigger = statement;
    }
  }
  return { state, applied, changed, outOfOrder: false, ...(gateTrigger && state.gateOpenedAt === null ? { gateTrigger } : {}) };
}

/** The gate as the participant's view judges it: study time, evidence, final test (not the recorded gate). */
export function gateConditionsMet(state: ProgressState, course: Course): boolean {
  // The gate does not depend on the clock (only the final test's next attempt time does).
  return summarizeProgress(state, course, new Date(0)).gate.open;
}

/**
 * Whether a statement is one of this participant's in this enrolment: exactly the statements the
 * LRS files under the enrolment's index key (`agentreg|…`, see load-progress.ts), which is what a
 * rebuild reads. A statement from any xAPI client counts, as long as it is about the participant.
 */
export function isEnrolmentStatement(statement: StatementJson, enrolment: { userId: string; registration: string }): boolean {
  return indexKeysOf(statement as unknown as Statement).includes(enrolmentStatementsKey(enrolment.userId, enrolment.registration));
}

export function registrationOf(statement: StatementJson): string | undefined {
  const registration = (statement.context as { registration?: unknown } | undefined)?.registration;
  return typeof registration === 'string' ? registration.toLowerCase() : undefined;
}
