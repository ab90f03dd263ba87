/**
 * Embedded mode: the course opened by a thin SCORM package's launch page, in an iframe inside the
 * learner's LMS, at `/scorm/launch#key=…&learner=…&name=…&entry=…&version=…` (see
 * functions/core/scorm/bridge-protocol.ts). At start-up the app takes the launch fragment out of
 * the address at once, so the export key is not kept in the history, and exchanges it for a
 * participant's token. A reload has no fragment any more; the path `/scorm/launch` still says it
 * is embedded, and the organisation is kept in sessionStorage for that tab.
 */
import { HOSTED_LAUNCH_PATH, LAUNCH_ENTRIES, type LaunchEntry, type LaunchFragment } from '../../core/scorm/bridge-protocol.js';
import type { ScormVersion } from '../../core/scorm/versions.js';

/** What the start of the page says about embedded mode. */
export type EmbeddedStart =
  /** The ordinary web app. */
  | { kind: 'none' }
  /** A fresh launch: the fragment to exchange for a token. */
  | { kind: 'launch'; fragment: LaunchFragment }
  /** A launch whose fragment is broken (a field missing or wrong): a dead end, never the sign-in. */
  | { kind: 'invalid-launch' }
  /** Embedded, without a fragment (a reload): the token of the first exchange is used. */
  | { kind: 'embedded'; organisation: string | undefined };

const VERSIONS: readonly ScormVersion[] = ['1.2', '2004'];
/** The LMS's identifiers and names are short; anything longer is not a launch the package wrote. */
const MAX_FIELD_CHARS = 1000;
const SESSION_KEY = 'ipg.embedded';

/**
 * The launch fragment in `hash` ("#key=…&…"): undefined when the hash is no launch fragment at
 * all (the app's own routes start with "#/"), 'invalid' when it is one with a field missing or
 * wrong. `entry` becomes "" when it is not one of the protocol's values, as the protocol says.
 */
export function parseLaunchFragment(hash: string): LaunchFragment | 'invalid' | undefined {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw === '' || raw.startsWith('/')) return undefined;
  const params = new URLSearchParams(raw);
  if (!params.has('key')) return undefined;
  const field = (name: string): string | undefined => {
    const values = params.getAll(name);
    return values.length === 1 && values[0]!.length <= MAX_FIELD_CHARS ? values[0] : undefined;
  };
  const key = field('key');
  const learner = field('learner');
  const name = field('name');
  const version = field('version');
  if (!key?.trim() || !learner?.trim() || name === undefined) return 'invalid';
  if (!VERSIONS.includes(version as ScormVersion)) return 'invalid';
  const entry = field('entry') ?? '';
  return {
    key,
    learner,
    name,
    entry: (LAUNCH_ENTRIES as readonly string[]).includes(entry) ? (entry as LaunchEntry) : '',
    version: version as ScormVersion,
  };
}

/** The parts of `window` the start reads and changes (a stand-in in the tests). */
export interface LaunchWindow {
  location: Pick<Location, 'hash' | 'pathname'>;
  history: Pick<History, 'replaceState'>;
  sessionStorage?: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * Whether this page is embedded, taking a launch fragment out of the address (`#/` in its place)
 * before anything else reads it. Call once, at start-up.
 */
export function takeEmbeddedStart(win: LaunchWindow = window): EmbeddedStart {
  const parsed = parseLaunchFragment(win.location.hash);
  if (parsed !== undefined) {
    win.history.replaceState(null, '', `${win.location.pathname}#/`);
    markEmbedded(win, undefined);
    return parsed === 'invalid' ? { kind: 'invalid-launch' } : { kind: 'launch', fragment: parsed };
  }
  // Only the launch path: a mark left in this tab's storage must not turn the ordinary app at "/"
  // into embedded mode.
  if (win.location.pathname === HOSTED_LAUNCH_PATH) return { kind: 'embedded', organisation: readMark(win)?.organisation };
  return { kind: 'none' };
}

/** Keeps, for this tab, that it is embedded and for which organisation (so a reload knows). */
export function markEmbedded(win: Pick<LaunchWindow, 'sessionStorage'>, organisation: string | undefined): void {
  try {
    win.sessionStorage?.setItem(SESSION_KEY, JSON.stringify(organisation === undefined ? {} : { organisation }));
  } catch {
    // Storage refused (a partitioned or sandboxed frame): the path still tells a reload.
  }
}

function readMark(win: Pick<LaunchWindow, 'sessionStorage'>): { organisation: string | undefined } | undefined {
  try {
    const raw = win.sessionStorage?.getItem(SESSION_KEY);
    if (raw === null || raw === undefined) return undefined;
    const parsed: unknown = JSON.parse(raw);
    const organisation = typeof parsed === 'object' && parsed !== null ? (parsed as { organisation?: unknown }).organisation : undefined;
    return { organisation: typeof organisation === 'string' && organisation !== '' ? organisation : undefined };
  } catch {
    return undefined;
  }
}
