/**
 * Reading the participant's progress: from the server (GET /api/progress) when it has it, else
 * from what was submitted on this device, so the course still shows what was done.
 */
import type { SessionView } from './session.js';

/** Whether an item is done; undefined when nobody can tell (no progress, nothing here). */
export function isDone(view: SessionView, itemId: string): boolean | undefined {
  if (view.progress) return view.progress.items[itemId]?.done ?? false;
  if (view.progress === null) return Boolean(view.session.doneHere()[itemId]);
  return undefined;
}

/** "je reflectie ontbreekt nog" → "Je reflectie ontbreekt nog" */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const DATE_TIME = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
const DATE = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });

export function formatDateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}

export function formatDate(iso: string): string {
  return DATE.format(new Date(iso));
}

/** Under its own outcome, "leeruitkomst 4: je reflectie … ontbreekt nog" needs no number. */
export function withoutOutcomeNumber(line: string): string {
  return sentence(line.replace(/^leeruitkomst \d+:\s*/i, ''));
}
