/**
 * The hosted course's side of the bridge protocol "ipg-scorm-bridge/1" (see
 * functions/core/scorm/bridge-protocol.ts): in embedded mode the app tells the thin SCORM
 * package's launch page, its parent window, how far the learner is, and the launch page writes
 * that to the LMS.
 *
 * Messages go to `window.parent` with targetOrigin "*" (the course cannot know the LMS's origin),
 * so only what the protocol allows is ever posted: every message passes `parseCourseMessage`
 * first. The one message taken in, `resume`, is taken only from the parent and only in its exact
 * shape.
 */
import {
  BRIDGE_PROTOCOL,
  Interaction,
  INTERACTION_ID_PATTERN,
  MAX_INTERACTIONS_PER_MESSAGE,
  MAX_SUSPEND_DATA_CHARS,
  parseCourseMessage,
  type CourseMessage,
  type ProgressMessage,
  type ResumeMessage,
} from '../../core/scorm/bridge-protocol.js';
import { parseActivityIri } from '../../core/xapi/profile/activity-iris.js';
import { VERBS } from '../../core/xapi/profile/vocabulary.js';
import type { Statement } from '../../core/xapi/statement-schema.js';
import type { Progress } from '../api.js';
import { hashOf, parseHash, type Route } from '../router.js';

/** The version of our suspend data's shape: `{"v":1,"at":"#/item/…"}`. */
const SUSPEND_DATA_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Pure mappings
// ---------------------------------------------------------------------------------------------

/** The participant's screens a resume may return to. */
const RESUMABLE: ReadonlySet<Route['name']> = new Set(['item', 'test', 'evaluation', 'choice', 'contact']);

/** The address of a participant's screen; anything else (not found, a coach's screen) is the overview. */
export function routeHash(route: Route): string {
  return RESUMABLE.has(route.name) ? hashOf(route) : hashOf({ name: 'overview' });
}

/** The suspend data that remembers the screen at `hash`; undefined if it would not fit SCORM 1.2. */
export function suspendDataFor(hash: string): string | undefined {
  const data = JSON.stringify({ v: SUSPEND_DATA_VERSION, at: hash });
  return data.length <= MAX_SUSPEND_DATA_CHARS ? data : undefined;
}

/**
 * The screen to go back to from suspend data the LMS kept: only our own shape, and only a
 * participant's screen the router knows (as its canonical address). Undefined for anything else,
 * including "" (a first sitting) and the overview.
 */
export function resumeHash(suspendData: string): string | undefined {
  if (suspendData === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(suspendData);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { v, at } = parsed as { v?: unknown; at?: unknown };
  if (v !== SUSPEND_DATA_VERSION || typeof at !== 'string' || !at.startsWith('#/')) return undefined;
  const hash = routeHash(parseHash(at));
  return hash === '#/' ? undefined : hash;
}

/**
 * The progress message for the server's progress: completed once the gate to the contact moment
 * is open (the self-study part is done), passed or failed after the final test, and its last
 * score. The suspend data (the screen) and the interactions are added only when given.
 */
export function progressMessage(progress: Progress, extra: { at?: string; interactions?: readonly Interaction[] } = {}): ProgressMessage {
  const { finalTest } = progress;
  const score = finalTest.lastScorePercent;
  const suspendData = extra.at === undefined ? undefined : suspendDataFor(extra.at);
  return {
    protocol: BRIDGE_PROTOCOL,
    type: 'progress',
    completion: progress.gate.open ? 'completed' : 'incomplete',
    ...(finalTest.status === 'passed' || finalTest.status === 'failed' ? { success: finalTest.status } : {}),
    ...(typeof score === 'number' && Number.isFinite(score) ? { scoreScaled: Math.min(1, Math.max(0, score / 100)) } : {}),
    ...(suspendData === undefined ? {} : { suspendData }),
    ...(extra.interactions && extra.interactions.length > 0 ? { interactions: [...extra.interactions] } : {}),
  };
}

/** `<itemId>.<questionId>`, made to fit INTERACTION_ID_PATTERN; undefined if nothing is left of it. */
export function interactionId(itemId: string, questionId: string): string | undefined {
  const id = `${itemId}.${questionId}`
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 255);
  return INTERACTION_ID_PATTERN.test(id) ? id : undefined;
}

/**
 * The bridge interaction for a knowledge check's `answered` statement (built by
 * knowledgeCheckAnswered): the chosen and the correct option ids joined by "," (xAPI joins them by
 * "[,]"). Undefined for every other statement, and for one that would not pass the protocol.
 */
export function interactionFromStatement(statement: Statement, courseId: string): Interaction | undefined {
  if (statement.verb.id !== VERBS.answered) return undefined;
  const { object, result } = statement;
  if (!('id' in object) || (object.objectType !== undefined && object.objectType !== 'Activity')) return undefined;
  const definition = 'definition' in object ? object.definition : undefined;
  if (definition?.interactionType !== 'choice' || typeof result?.response !== 'string' || typeof result.success !== 'boolean') return undefined;
  const ref = parseActivityIri({ id: courseId }, object.id);
  if (ref?.kind !== 'question') return undefined;
  const id = interactionId(ref.itemId, ref.questionId);
  if (id === undefined) return undefined;
  const pattern = definition.correctResponsesPattern?.[0];
  const candidate: Interaction = {
    id,
    type: 'choice',
    response: result.response.split('[,]').join(','),
    result: result.success ? 'correct' : 'incorrect',
    ...(pattern === undefined ? {} : { correctPattern: pattern.split('[,]').join(',') }),
  };
  const checked = Interaction.safeParse(candidate);
  return checked.success ? checked.data : undefined;
}

/** The launch page's `resume`, if `data` is exactly that; undefined for anything else. */
export function parseResumeMessage(data: unknown): ResumeMessage | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const keys = Object.keys(data).sort().join(',');
  const { protocol, type, suspendData } = data as Record<string, unknown>;
  if (keys !== 'protocol,suspendData,type' || protocol !== BRIDGE_PROTOCOL || type !== 'resume' || typeof suspendData !== 'string') return undefined;
  return { protocol: BRIDGE_PROTOCOL, type: 'resume', suspendData };
}

// ---------------------------------------------------------------------------------------------
// The bridge
// ---------------------------------------------------------------------------------------------

export interface CourseBridgeOptions {
  /** The launch page: `window.parent`. Messages from any other source are ignored. */
  parent: { postMessage(message: unknown, targetOrigin: string): void };
  /** Where 'message' and 'pagehide' arrive: `window`. */
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** The course IRI (`course.id`), to read the knowledge checks' question ids from statements. */
  courseId: string;
  /**
   * The LMS kept a screen to go back to and the app is at the overview: go there (a route the
   * router knows). Returns whether it navigated (the new route then comes through setRoute).
   */
  onResume(hash: string): boolean;
}

export interface CourseBridge {
  /** The server's progress, after each load; undefined and null (not known) change nothing. */
  setProgress(progress: Progress | null | undefined): void;
  /** The screen the learner is on. */
  setRoute(route: Route): void;
  /** Statements the session recorded: each new knowledge-check answer goes out once. */
  record(statements: readonly Statement[]): void;
  stop(): void;
}

/**
 * Listens, posts `ready`, and from then on posts `progress` whenever what it would say changes
 * (the progress, the screen) or there are new interactions, and `exit` on pagehide. Progress is
 * posted only once the server's progress is known, so a failed load never reports the LMS back
 * to "incomplete". The screen (suspend data) is sent only after the launch page's `resume` or the
 * learner's own first move, so the start screen never overwrites what the LMS kept before the
 * course could read it.
 */
export function createCourseBridge(options: CourseBridgeOptions): CourseBridge {
  const { parent, events, courseId } = options;
  let progress: Progress | undefined;
  let at: string | undefined;
  let firstAt: string | undefined;
  let screenKnown = false;
  let lastSent: string | undefined;
  let ended = false;
  const sentIds = new Set<string>();
  const pending: Interaction[] = [];

  const post = (message: CourseMessage) => {
    const checked = parseCourseMessage(message);
    if (!checked) {
      console.error('A bridge message did not pass the protocol and was not sent. This is a bug.', message);
      return;
    }
    parent.postMessage(checked, '*');
  };

  const flush = () => {
    if (ended || progress === undefined) return;
    const screen = screenKnown && at !== undefined ? { at } : {};
    const key = JSON.stringify(progressMessage(progress, screen));
    if (pending.length === 0 && key === lastSent) return;
    do {
      post(progressMessage(progress, { ...screen, interactions: pending.splice(0, MAX_INTERACTIONS_PER_MESSAGE) }));
    } while (pending.length > 0);
    lastSent = key;
  };

  const onMessage = (event: Event) => {
    const { source, data } = event as MessageEvent;
    if (ended || source !== parent) return;
    const resume = parseResumeMessage(data);
    if (!resume) return;
    screenKnown = true;
    const hash = resumeHash(resume.suspendData);
    if (hash !== undefined && (at === undefined || at === '#/') && options.onResume(hash)) return;
    flush();
  };

  const onPageHide = () => {
    if (ended) return;
    flush();
    const completed = progress !== undefined && progressMessage(progress).completion === 'completed';
    post({ protocol: BRIDGE_PROTOCOL, type: 'exit', suspend: !completed });
    // The launch page finishes the LMS session on exit; nothing more is said after it.
    ended = true;
  };

  events.addEventListener('message', onMessage);
  events.addEventListener('pagehide', onPageHide);
  post({ protocol: BRIDGE_PROTOCOL, type: 'ready' });

  return {
    setProgress(next) {
      if (next === undefined || next === null) return;
      progress = next;
      flush();
    },
    setRoute(route) {
      at = routeHash(route);
      firstAt ??= at;
      if (at !== firstAt) screenKnown = true;
      flush();
    },
    record(statements) {
      let added = false;
      for (const statement of statements) {
        const interaction = interactionFromStatement(statement, courseId);
        if (!interaction || sentIds.has(interaction.id)) continue;
        sentIds.add(interaction.id);
        pending.push(interaction);
        added = true;
      }
      if (added) flush();
    },
    stop() {
      ended = true;
      events.removeEventListener('message', onMessage);
      events.removeEventListener('pagehide', onPageHide);
    },
  };
}
