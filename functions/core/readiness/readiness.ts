/**
 * The readiness of one enrolment, derived from its progress state and its booking:
 * - `completed`: the module recorded the course as completed (after the contact moment);
 * - `scheduled`: a contact moment is booked (a slot or a request to be contacted);
 * - `ready`: the gate is open: the contact moment is unlocked and can be booked;
 * - `in_progress`: anything before that.
 * Once the gate has opened (the module recorded it), it stays open.
 */
import type { Course } from '../course/schema.js';
import type { ProgressState } from '../progress/progress.js';
import { summarizeProgress } from '../progress/progress-summary.js';
import type { BookingSummary, ReadinessRecord, ReadinessStatus } from './ports.js';

export type DerivedReadiness = Pick<ReadinessRecord, 'status' | 'creditedMinutes' | 'outcomesMet' | 'gateOpen' | 'missing'>;

export function deriveReadiness(state: ProgressState, booking: BookingSummary | null, course: Course, now: Date): DerivedReadiness {
  const view = summarizeProgress(state, course, now);
  const gateOpen = state.gateOpenedAt !== null || view.gate.open;
  const status: ReadinessStatus = state.completedAt !== null ? 'completed' : booking ? 'scheduled' : gateOpen ? 'ready' : 'in_progress';
  return {
    status,
    creditedMinutes: view.studyTime.creditedMinutes,
    outcomesMet: view.outcomes.filter((o) => o.met).length,
    gateOpen,
    missing: gateOpen ? [] : view.gate.missing,
  };
}
