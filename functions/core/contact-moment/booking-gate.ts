/**
 * The gate of the contact moment, checked on the server before anything is booked. The readiness
 * record answers when it says the gate is open (once open it stays open); when it says "not yet",
 * or does not exist, it may just lag behind the statements (it follows them through the stream),
 * so the fold of the participant's statements decides.
 */
import type { Course } from '../course/schema.js';
import type { Enrolment } from '../enrolment/ports.js';
import { loadProgress } from '../progress/load-progress.js';
import type { ReadinessStore } from '../readiness/ports.js';
import { deriveReadiness } from '../readiness/readiness.js';
import type { StatementStore } from '../xapi/statement-store.js';

export interface GateState {
  open: boolean;
  /** Dutch lines: what is missing before the gate opens (empty when open). */
  missing: string[];
  completed: boolean;
}

export const checkGate =
  (deps: { readiness: ReadinessStore; statements: StatementStore; now: () => Date }) =>
  async (input: { enrolment: Enrolment; course: Course }): Promise<GateState> => {
    const record = await deps.readiness.get(input.enrolment.registration);
    if (record?.gateOpen) return { open: true, missing: [], completed: record.status === 'completed' };
    const { state } = await loadProgress(deps)(input);
    const derived = deriveReadiness(state, null, input.course, deps.now());
    return { open: derived.gateOpen, missing: derived.missing, completed: state.completedAt !== null };
  };

/** The Dutch sentence that goes with a closed gate. */
export function gateClosedMessage(missing: readonly string[]): string {
  return `Je kunt het contactmoment nog niet plannen. Dit ontbreekt nog: ${missing.join('; ')}.`;
}
