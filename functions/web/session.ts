/**
 * One signed-in participant's session: who they are, the course, their enrolment (the xAPI
 * registration), and the services every screen uses: the statement outbox, the activity tracker
 * and the drafts. Screens reach it through the SessionContext.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Course } from '../core/course/schema.js';
import type { CourseView } from '../core/course/course-view.js';
import type { Statement } from '../core/xapi/statement-schema.js';
import { itemExperienced, pageExperienced, type StatementInput } from '../core/xapi/profile/builders.js';
import { api, type Enrolment, type Me, type Progress } from './api.js';
import { createActivityTracker, type ActivityTracker } from './activity-tracker.js';
import { nowIso } from './clock.js';
import { findItem } from './course-nav.js';
import { createDrafts, type Drafts } from './drafts.js';
import { uuid } from './ids.js';
import { createOutbox, type Outbox } from './outbox.js';
import { readJson, writeJson } from './storage.js';

export interface SpinnenwebEntry {
  at: string;
  scores: Record<string, number>;
  /** The statement that records it (entries made on this device). */
  statementId?: string;
}

export interface Session {
  me: Me;
  course: CourseView;
  enrolment: Enrolment;
  outbox: Outbox;
  tracker: ActivityTracker;
  drafts: Drafts;
  /** Builds statements (with the builders) and puts them in the outbox; false if building failed. */
  record(build: (base: () => StatementInput) => Statement | Statement[]): boolean;
  /**
   * Calls `listener` with the statements of every `record` that put them in the outbox (the SCORM
   * bridge reports the knowledge checks' answers to the LMS this way). Returns the unsubscribe.
   */
  onRecorded(listener: (statements: readonly Statement[]) => void): () => void;
  /** Submissions made on this device, for when the server's progress is not available. */
  doneHere(): Record<string, string>;
  markDone(itemId: string): void;
  /** Spinnenweb fill-ins made on this device (the server's progress has them all). */
  spinnenwebHere(): SpinnenwebEntry[];
  addSpinnenweb(entry: SpinnenwebEntry): void;
  /** Shown by the shell when a statement could not be built (a bug, never the person's fault). */
  onBuildError?: (error: unknown) => void;
  /** The participant's data was erased: the session ends and nothing of theirs stays on this device. */
  erased(): void;
  stop(): void;
}

export interface SessionView {
  session: Session;
  /** undefined while loading; null when the server has no progress for us (yet). */
  progress: Progress | null | undefined;
  refreshProgress(): void;
}

export const SessionContext = createContext<SessionView | undefined>(undefined);

export function useSession(): SessionView {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside of a signed-in session');
  return value;
}

export async function openSession(me: Me, hooks: { onErased(): void }): Promise<Session> {
  const [course, enrolment, drafts] = await Promise.all([api.course(), api.enrolment(), api.drafts().catch(() => ({ drafts: [] }))]);
  const scope = `${me.userId}.${enrolment.registration}`;
  const outbox = createOutbox({ storageKey: `outbox.${me.userId}`, post: api.postStatements });
  let onBuildError: ((error: unknown) => void) | undefined;
  const recordedListeners = new Set<(statements: readonly Statement[]) => void>();

  const base = (): StatementInput => ({
    // The browser has the CourseView: the course without the final test's answers. The builders
    // never read the final test's questions (the server builds the final-test statements), so the
    // view serves as the Course they take.
    course: course as unknown as Course,
    participant: { userId: me.userId, name: me.name },
    registration: enrolment.registration,
    id: uuid(),
    timestamp: nowIso(),
    sessionId: PAGE_SESSION_ID,
  });

  const record: Session['record'] = (build) => {
    try {
      const built = build(base);
      const statements = Array.isArray(built) ? built : [built];
      outbox.add(statements);
      notifyRecorded(statements);
      return true;
    } catch (error) {
      console.error('A statement could not be built. This is a bug.', error);
      onBuildError?.(error);
      return false;
    }
  };

  // A listener's failure is its own: the statements are in the outbox already.
  const notifyRecorded = (statements: readonly Statement[]) => {
    for (const listener of recordedListeners) {
      try {
        listener(statements);
      } catch (error) {
        console.error('A listener of recorded statements failed.', error);
      }
    }
  };

  // Active time is sent as it is collected: `experienced` on the item. An assignment's screen
  // time is not measured (its nominal minutes count once it is reported), so it is dropped; so is
  // an imported package's (its time is the SCO's session time; the tracker is not set to it).
  const tracker = createActivityTracker({
    storageKey: `activity.${scope}`,
    sink: (itemId, activeIntervals) => {
      const kind: string | undefined = findItem(course, itemId)?.kind;
      if (kind === undefined || kind === 'assignment' || kind === 'package') return true;
      const build = kind === 'page' ? pageExperienced : itemExperienced;
      record((b) => build({ ...b(), itemId, activeIntervals }));
      return true;
    },
  });

  const doneKey = `done.${scope}`;
  const spinnenwebKey = `spinnenweb.${scope}`;
  const session: Session = {
    me,
    course,
    enrolment,
    outbox,
    tracker,
    drafts: createDrafts(me.userId, drafts.drafts),
    record,
    onRecorded(listener) {
      recordedListeners.add(listener);
      return () => {
        recordedListeners.delete(listener);
      };
    },
    doneHere: () => readJson<Record<string, string>>(doneKey) ?? {},
    markDone: (itemId) => writeJson(doneKey, { ...session.doneHere(), [itemId]: nowIso() }),
    spinnenwebHere: () => readJson<SpinnenwebEntry[]>(spinnenwebKey) ?? [],
    addSpinnenweb: (entry) => writeJson(spinnenwebKey, [...session.spinnenwebHere(), entry]),
    set onBuildError(handler: ((error: unknown) => void) | undefined) {
      onBuildError = handler;
    },
    get onBuildError() {
      return onBuildError;
    },
    erased: () => hooks.onErased(),
    stop() {
      recordedListeners.clear();
      tracker.stop();
      session.drafts.stop();
      outbox.stop();
    },
  };
  return session;
}

/** One per page load (tab), as the study-time rules expect (R2). */
const PAGE_SESSION_ID = uuid();
