/**
 * Words and formats shared by the contact moment screens (participant, coach, admin): the forms
 * of the contact moment, the readiness statuses, slot times and places, and what to tell people
 * when a request fails.
 */
import { ApiError, NetworkError, type ContactForm, type ReadinessStatus } from './api.js';

export const FORM_LABEL: Record<ContactForm, string> = {
  coaching: 'Coachingsgesprek',
  inspiratiesessie: 'Inspiratiesessie',
};

export const STATUS_LABEL: Record<ReadinessStatus, string> = {
  in_progress: 'Nog bezig met de cursus',
  ready: 'Klaar voor het contactmoment',
  scheduled: 'Contactmoment gepland',
  completed: 'Afgerond',
};

export type SlotLocation = { kind: 'place'; address: string } | { kind: 'online'; url: string };

const DAY = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' });

/** "dinsdag 12 mei 2026, 19:00 - 20:30 uur" */
export function slotWhen(startsAt: string, endsAt?: string | null): string {
  const start = new Date(startsAt);
  const day = DAY.format(start);
  return endsAt ? `${day}, ${TIME.format(start)} - ${TIME.format(new Date(endsAt))} uur` : `${day}, ${TIME.format(start)} uur`;
}

export function placesLeftText(placesLeft: number, capacity: number): string {
  if (capacity === 1) return placesLeft > 0 ? 'Vrij' : 'Bezet';
  if (placesLeft === 0) return `Vol (${capacity} plekken)`;
  return `Nog ${placesLeft} van de ${capacity} plekken vrij`;
}

/** The local date as YYYY-MM-DD (what a date input holds). */
export function localDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The server's own Dutch explanation when it gave one, else a calm general line. */
export function failureMessage(error: unknown, fallback = 'Dat lukte nu niet. Probeer het over een paar minuten opnieuw.'): string {
  if (error instanceof NetworkError) return 'We kunnen de server nu niet bereiken. Controleer je internetverbinding en probeer het opnieuw.';
  if (error instanceof ApiError && error.status < 500 && error.serverMessage) return error.serverMessage;
  return fallback;
}
