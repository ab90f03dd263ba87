/**
 * Autosave of what the participant is writing (reflections, assignment reports, the evaluation):
 * - on this device at every keystroke (debounced), so a reload or a crash loses nothing;
 * - on the server (PUT /api/drafts/{itemId}) every few seconds while typing, and when the screen
 *   or the page is left, so the text is there on another device too.
 * A draft is restored from this device first, else from the server.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Draft } from './api.js';
import { nowIso } from './clock.js';
import { readJson, writeJson } from './storage.js';

export type DraftContent = Record<string, unknown>;

/** Debounce of the local save. */
const LOCAL_DELAY_MS = 300;
/** Server saves while typing: at most this often. */
const SERVER_PERIOD_MS = 3_000;

export type SaveState = 'idle' | 'saving' | 'saved-here' | 'saved' | 'offline';

export interface Drafts {
  get(itemId: string): DraftContent | undefined;
  set(itemId: string, content: DraftContent): void;
  /** Saves everything now (e.g. when a screen is left); `keepalive` when the page is going away. */
  flush(keepalive?: boolean): void;
  state(itemId: string): SaveState;
  subscribe(listener: () => void): () => void;
  stop(): void;
}

export function createDrafts(userId: string, fromServer: Draft[]): Drafts {
  const server = new Map(fromServer.map((d) => [d.itemId, d.content]));
  const unsavedHere = new Map<string, DraftContent>();
  const unsavedThere = new Map<string, DraftContent>();
  const states = new Map<string, SaveState>();
  const listeners = new Set<() => void>();
  let localTimer: ReturnType<typeof setTimeout> | undefined;
  let serverTimer: ReturnType<typeof setTimeout> | undefined;
  const key = (itemId: string) => `draft.${userId}.${itemId}`;
  const setState = (itemId: string, state: SaveState) => {
    states.set(itemId, state);
    for (const listener of listeners) listener();
  };

  const saveHere = () => {
    clearTimeout(localTimer);
    localTimer = undefined;
    for (const [itemId, content] of unsavedHere) {
      writeJson(key(itemId), { content, savedAt: nowIso() });
      if (states.get(itemId) !== 'saved') setState(itemId, 'saved-here');
    }
    unsavedHere.clear();
  };

  const saveThere = (keepalive = false) => {
    clearTimeout(serverTimer);
    serverTimer = undefined;
    for (const [itemId, content] of unsavedThere) {
      unsavedThere.delete(itemId);
      setState(itemId, 'saving');
      api.putDraft(itemId, content, keepalive).then(
        (response) => {
          if (response.status >= 200 && response.status < 300) {
            server.set(itemId, content);
            if (!unsavedThere.has(itemId)) setState(itemId, 'saved');
          } else {
            // Refused (e.g. too long) or signed out: it stays safe on this device.
            setState(itemId, 'saved-here');
          }
        },
        () => {
          if (!unsavedThere.has(itemId)) unsavedThere.set(itemId, content);
          setState(itemId, 'offline');
        },
      );
    }
  };

  const online = () => saveThere();
  addEventListener('online', online);
  const pagehide = () => {
    saveHere();
    saveThere(true);
  };
  addEventListener('pagehide', pagehide);

  return {
    get(itemId) {
      const here = readJson<{ content: DraftContent }>(key(itemId));
      return here?.content ?? server.get(itemId);
    },
    set(itemId, content) {
      unsavedHere.set(itemId, content);
      unsavedThere.set(itemId, content);
      clearTimeout(localTimer);
      localTimer = setTimeout(saveHere, LOCAL_DELAY_MS);
      serverTimer ??= setTimeout(() => saveThere(), SERVER_PERIOD_MS);
    },
    flush(keepalive = false) {
      saveHere();
      saveThere(keepalive);
    },
    state: (itemId) => states.get(itemId) ?? 'idle',
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      saveHere();
      removeEventListener('online', online);
      removeEventListener('pagehide', pagehide);
      clearTimeout(serverTimer);
    },
  };
}

/**
 * The draft of one item as component state: restored once, saved on every change, and saved to
 * the server when the screen is left.
 */
export function useDraft<T extends DraftContent>(drafts: Drafts, itemId: string, empty: T): [T, (next: T) => void, SaveState] {
  const [content, setContent] = useState<T>(() => ({ ...empty, ...(drafts.get(itemId) as Partial<T> | undefined) }));
  const [state, setState] = useState<SaveState>(() => drafts.state(itemId));
  const itemRef = useRef(itemId);
  useEffect(() => {
    itemRef.current = itemId;
    setContent({ ...empty, ...(drafts.get(itemId) as Partial<T> | undefined) });
    const unsubscribe = drafts.subscribe(() => setState(drafts.state(itemRef.current)));
    return () => {
      unsubscribe();
      drafts.flush();
    };
    // `empty` is a fresh object on every render; the item decides what to restore.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drafts, itemId]);
  const update = (next: T) => {
    setContent(next);
    drafts.set(itemId, next);
  };
  return [content, update, state];
}

export function saveStateText(state: SaveState): string {
  switch (state) {
    case 'saving':
      return 'Bezig met bewaren…';
    case 'saved':
      return 'Bewaard.';
    case 'saved-here':
      return 'Bewaard op dit apparaat.';
    case 'offline':
      return 'Bewaard op dit apparaat. Zodra je weer online bent, bewaren we het ook online.';
    default:
      return '';
  }
}
