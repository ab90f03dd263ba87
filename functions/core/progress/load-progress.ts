/**
 * A participant's progress, folded from their statements in the enrolment, with the spinnenweb
 * fill-ins (private: only the participant's own views include them, never the progress state).
 */
import type { Course } from '../course/schema.js';
import type { Enrolment } from '../enrolment/ports.js';
import { parseActivityIri } from '../xapi/profile/activity-iris.js';
import { EXTENSIONS, VERBS } from '../xapi/profile/vocabulary.js';
import { readAllStatements } from '../xapi/read-statements.js';
import type { StatementJson, StatementStore } from '../xapi/statement-store.js';
import { enrolmentStatementsKey } from './participant.js';
import { applyStatement, emptyProgress, type ProgressState } from './progress.js';

export interface SpinnenwebFillIn {
  at: string;
  scores: Record<string, number>;
}

export interface LoadedProgress {
  state: ProgressState;
  spinnenweb: SpinnenwebFillIn[];
}

export const loadProgress =
  (deps: { statements: StatementStore }) =>
  async (input: { enrolment: Enrolment; course: Course }): Promise<LoadedProgress> => {
    const statements = await readAllStatements(deps)(enrolmentStatementsKey(input.enrolment.userId, input.enrolment.registration));
    const state = statements.reduce((acc, statement) => applyStatement(acc, statement, input.course), emptyProgress());
    return { state, spinnenweb: statements.flatMap((s) => spinnenwebOf(s, input.course)) };
  };

function spinnenwebOf(statement: StatementJson, course: Course): SpinnenwebFillIn[] {
  if ((statement.verb as { id?: string }).id !== VERBS.completed) return [];
  const objectId = (statement.object as { id?: unknown }).id;
  const ref = typeof objectId === 'string' ? parseActivityIri(course, objectId) : undefined;
  if (ref?.kind !== 'item') return [];
  const scores = ((statement.result as { extensions?: Record<string, unknown> } | undefined)?.extensions ?? {})[EXTENSIONS.spinnenwebScores];
  if (!scores || typeof scores !== 'object') return [];
  const numeric = Object.fromEntries(Object.entries(scores).filter((e): e is [string, number] => typeof e[1] === 'number'));
  return [{ at: statement.stored, scores: numeric }];
}
