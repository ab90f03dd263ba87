/**
 * A participant's SCORM run-time data for one imported package, sitting by sitting.
 *
 * The app hosts the SCORM API (scorm-again) and reports each sitting's run-time data at
 * Initialize, at every Commit and at Terminate (PUT /api/me/packages/{itemId}/sittings/{id}).
 * `applySittingEvent` turns such a report into the new record (what the next sitting resumes
 * from, on any device) and the SCORM events to record as xAPI statements (package-statements.ts):
 * - initialize: `initialized`, and `resumed` when the previous sitting was suspended;
 * - commit and terminate: `responded` for each interaction not reported before, `scored` when
 *   the score changes, `passed`/`failed` when the success status becomes one, `completed` once;
 * - terminate: `suspended` when the SCO exits with suspend, then `terminated` with the SCO's own
 *   session time (study time, R13 in study-time-rules.ts).
 *
 * Reporting the same event again changes nothing (a retry after a lost response). A sitting that
 * has ended takes no further events. Pure: the caller passes the server's clock.
 */
import { createHash } from 'node:crypto';
import { ConflictError } from '../../errors.js';

export type Completion = 'completed' | 'incomplete' | 'not attempted' | 'unknown';
export type Success = 'passed' | 'failed' | 'unknown';
export type ExitMode = '' | 'suspend' | 'logout' | 'normal' | 'time-out';
export type SittingEventKind = 'initialize' | 'commit' | 'terminate';

export interface Interaction {
  readonly id: string;
  readonly type: string;
  readonly learnerResponse: string;
  readonly result: string;
  readonly correctResponses: readonly string[];
  readonly description: string | null;
}

/** The SCO's run-time data as the app reads it from the SCORM API, the same for 1.2 and 2004. */
export interface Runtime {
  readonly completion: Completion;
  readonly success: Success;
  /** -1..1, or null when the SCO set no score. */
  readonly scoreScaled: number | null;
  readonly suspendData: string;
  readonly location: string;
  readonly exit: ExitMode;
  /** The SCO's own cmi(.core).session_time for this sitting, in milliseconds. */
  readonly sessionTimeMs: number | null;
  readonly interactions: readonly Interaction[];
}

/** What the app resumes from (GET /api/me/packages/{itemId}). */
export interface PackageRecord {
  readonly completion: Completion;
  readonly success: Success;
  readonly scoreScaled: number | null;
  readonly suspendData: string;
  readonly location: string;
  readonly exit: ExitMode;
  /** The sum of the session times the SCO reported at the end of its sittings. */
  readonly totalTimeMs: number;
  readonly sittings: number;
  readonly interactions: readonly Interaction[];
  readonly updatedAt: string;
}

export interface SittingState {
  readonly id: string;
  /** When the server received the sitting's first report (server clock). */
  readonly startedAt: string;
  readonly ended: boolean;
  /** Digest of the last event applied, so a retry of it changes nothing. */
  readonly lastEvent: string;
}

export interface PackageRecordState {
  readonly record: PackageRecord;
  /** The most recent sittings, newest last (at most MAX_SITTINGS). */
  readonly sittings: readonly SittingState[];
  /** Digests of the interactions already recorded as `responded` (at most MAX_INTERACTIONS). */
  readonly interactionsSeen: readonly string[];
}

export const MAX_SITTINGS = 20;
export const MAX_INTERACTIONS = 250;
export const MAX_RECORDED_INTERACTIONS = 100;

export type ScormEvent =
  | { kind: 'initialized' }
  | { kind: 'resumed' }
  | { kind: 'responded'; interaction: Interaction; digest: string }
  | { kind: 'scored'; scoreScaled: number }
  | { kind: 'passed' | 'failed'; scoreScaled: number | null }
  | { kind: 'completed' }
  | { kind: 'suspended' }
  | { kind: 'terminated'; sessionTimeMs: number; startedAt: string };

export interface SittingEventInput {
  readonly sittingId: string;
  readonly event: SittingEventKind;
  readonly runtime: Runtime;
  /** The server's clock now. */
  readonly at: string;
}

export interface SittingEventResult {
  readonly state: PackageRecordState;
  /** The SCORM events to record, in order; empty for a retry. */
  readonly events: readonly ScormEvent[];
  readonly sitting: SittingState;
}

export function emptyRecord(at: string): PackageRecord {
  return {
    completion: 'not attempted',
    success: 'unknown',
    scoreScaled: null,
    suspendData: '',
    location: '',
    exit: '',
    totalTimeMs: 0,
    sittings: 0,
    interactions: [],
    updatedAt: at,
  };
}

export function applySittingEvent(current: PackageRecordState | undefined, input: SittingEventInput): SittingEventResult {
  const state = current ?? { record: emptyRecord(input.at), sittings: [], interactionsSeen: [] };
  const digest = digestOf(input.event, input.runtime);
  const known = state.sittings.find((s) => s.id === input.sittingId);
  if (known && known.lastEvent === digest) return { state, events: [], sitting: known };
  if (known?.ended) {
    throw new ConflictError('Deze sessie van de e-learning is al afgesloten. Open de e-learning opnieuw om verder te gaan.');
  }

  const previous = state.record;
  const events: ScormEvent[] = [];
  // A commit or terminate without a recorded initialize (lost request) starts the sitting here.
  const sitting: SittingState = known ?? { id: input.sittingId, startedAt: input.at, ended: false, lastEvent: '' };
  if (!known) {
    events.push({ kind: 'initialized' });
    if (previous.exit === 'suspend' && previous.sittings > 0) events.push({ kind: 'resumed' });
  }

  const runtime = input.runtime;
  let interactionsSeen = state.interactionsSeen;
  if (input.event !== 'initialize') {
    for (const interaction of runtime.interactions) {
      const key = interactionDigest(interaction);
      if (interactionsSeen.includes(key) || interactionsSeen.length >= MAX_INTERACTIONS) continue;
      interactionsSeen = [...interactionsSeen, key];
      events.push({ kind: 'responded', interaction, digest: key });
    }
    if (runtime.scoreScaled !== null && runtime.scoreScaled !== previous.scoreScaled) events.push({ kind: 'scored', scoreScaled: runtime.scoreScaled });
    if (runtime.success !== 'unknown' && runtime.success !== previous.success) events.push({ kind: runtime.success, scoreScaled: runtime.scoreScaled });
    if (runtime.completion === 'completed' && previous.completion !== 'completed') events.push({ kind: 'completed' });
  }

  const ending = input.event === 'terminate';
  const sessionTimeMs = ending ? Math.max(0, runtime.sessionTimeMs ?? 0) : 0;
  if (ending) {
    if (runtime.exit === 'suspend') events.push({ kind: 'suspended' });
    events.push({ kind: 'terminated', sessionTimeMs, startedAt: sitting.startedAt });
  }

  // On initialize the SCO has not changed anything yet: the record keeps what it resumes from.
  const record: PackageRecord =
    input.event === 'initialize'
      ? { ...previous, sittings: known ? previous.sittings : previous.sittings + 1, updatedAt: input.at }
      : {
          completion: previous.completion === 'completed' ? 'completed' : runtime.completion,
          success: runtime.success === 'unknown' ? previous.success : runtime.success,
          scoreScaled: runtime.scoreScaled ?? previous.scoreScaled,
          suspendData: runtime.suspendData,
          location: runtime.location,
          exit: runtime.exit,
          totalTimeMs: previous.totalTimeMs + sessionTimeMs,
          sittings: known ? previous.sittings : previous.sittings + 1,
          interactions: mergeInteractions(previous.interactions, runtime.interactions),
          updatedAt: input.at,
        };
  const nextSitting: SittingState = { ...sitting, ended: ending, lastEvent: digest };
  const sittings = [...state.sittings.filter((s) => s.id !== sitting.id), nextSitting].slice(-MAX_SITTINGS);
  return { state: { record, sittings, interactionsSeen }, events, sitting: nextSitting };
}

/**
 * The latest answer to each interaction by id, in first-seen order, at most MAX_RECORDED_INTERACTIONS.
 * The record keeps what a resume and the participant's overview need, not the correct responses
 * or descriptions (those are in the `responded` statements), so it stays well within one item.
 */
function mergeInteractions(previous: readonly Interaction[], current: readonly Interaction[]): Interaction[] {
  const byId = new Map(previous.map((i) => [i.id, i]));
  for (const interaction of current) {
    if (!byId.has(interaction.id) && byId.size >= MAX_RECORDED_INTERACTIONS) continue;
    byId.set(interaction.id, { ...interaction, correctResponses: [], description: null });
  }
  return [...byId.values()];
}

function digestOf(event: SittingEventKind, runtime: Runtime): string {
  return createHash('sha256').update(JSON.stringify([event, runtime])).digest('base64url').slice(0, 22);
}

export function interactionDigest(interaction: Interaction): string {
  return createHash('sha256')
    .update(JSON.stringify([interaction.id, interaction.type, interaction.learnerResponse, interaction.result]))
    .digest('base64url')
    .slice(0, 22);
}
