/**
 * The coach's participants, grouped by where they are: ready for the contact moment, planned,
 * still busy with the course, done. Each with credited study time, outcomes met and what is still
 * missing. A filter shows only who is ready for an inspiration session: ready and without a
 * moment yet (or asking to be contacted).
 */
import { useState } from 'preact/hooks';
import { api, type CoachParticipantSummary, type ReadinessStatus } from '../api.js';
import { FORM_LABEL, slotWhen } from '../contact-view.js';
import { sentence } from '../progress-view.js';
import { useLoad } from '../use-load.js';

const GROUPS: ReadonlyArray<{ status: ReadinessStatus; title: string; empty?: string }> = [
  { status: 'ready', title: 'Klaar voor het contactmoment' },
  { status: 'scheduled', title: 'Contactmoment gepland' },
  { status: 'in_progress', title: 'Nog bezig met de cursus' },
  { status: 'completed', title: 'Afgerond' },
];

/** Ready for a group session: the gate is open and no moment is fixed yet. */
export function readyForSession(p: CoachParticipantSummary): boolean {
  return p.status === 'ready' || (p.status === 'scheduled' && p.booking?.kind === 'contact-request');
}

export function CoachParticipants() {
  const [loaded] = useLoad(() => api.coachParticipants().then((b) => b.participants), 'coach-participants');
  const [onlyReady, setOnlyReady] = useState(false);
  const all = loaded.state === 'loaded' ? loaded.data : [];
  const shown = onlyReady ? all.filter(readyForSession) : all;
  const readyCount = all.filter(readyForSession).length;

  return (
    <div class="coach-list">
      <h1 tabIndex={-1}>Je deelnemers</h1>
      <p class="lead">Hier zie je hoe je deelnemers ervoor staan, en wie klaar is voor het contactmoment.</p>
      {loaded.state === 'loading' && <p role="status">Je deelnemers worden geladen…</p>}
      {loaded.state === 'failed' && (
        <p class="error-box" role="alert">
          {loaded.message}
        </p>
      )}
      {loaded.state === 'loaded' && all.length === 0 && <p>Er zijn nog geen deelnemers aan je gekoppeld. De beheerder koppelt deelnemers aan jou.</p>}
      {loaded.state === 'loaded' && all.length > 0 && (
        <>
          <div class="filter" role="group" aria-label="Welke deelnemers wil je zien?">
            <button type="button" class="button" aria-pressed={!onlyReady} onClick={() => setOnlyReady(false)}>
              Alle deelnemers ({all.length})
            </button>
            <button type="button" class="button" aria-pressed={onlyReady} onClick={() => setOnlyReady(true)}>
              Klaar voor een inspiratiesessie ({readyCount})
            </button>
          </div>
          <p class="sr-only" role="status" aria-live="polite">
            {onlyReady ? `${readyCount} ${readyCount === 1 ? 'deelnemer is' : 'deelnemers zijn'} klaar voor een inspiratiesessie.` : ''}
          </p>
          {onlyReady && (
            <p class="hint">
              Wie alles heeft gedaan wat nodig is voor het contactmoment en nog geen moment heeft gekozen, of heeft gevraagd of je contact opneemt.
            </p>
          )}
          {onlyReady && readyCount === 0 && <p>Er is nu niemand klaar voor een inspiratiesessie.</p>}
          {GROUPS.map((group) => {
            const people = shown.filter((p) => p.status === group.status);
            if (people.length === 0) return null;
            return (
              <section key={group.status} aria-labelledby={`groep-${group.status}`} class="group">
                <h2 id={`groep-${group.status}`}>
                  {group.title} <span class="count">({people.length})</span>
                </h2>
                <ul class="people">
                  {people.map((p) => (
                    <ParticipantCard key={p.registration} participant={p} />
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </div>
  );
}

function ParticipantCard({ participant: p }: { participant: CoachParticipantSummary }) {
  return (
    <li class="card person">
      <h3>
        <a href={`#/coach/deelnemer/${p.registration}`}>{p.name}</a>
      </h3>
      <p class="figures">
        <span>
          Studietijd: {p.creditedMinutes} van {p.thresholdMinutes} minuten
        </span>
        <span>
          Leeruitkomsten: {p.outcomesMet} van {p.outcomesTotal} behaald
        </span>
      </p>
      {p.booking && <p>{bookingLine(p.booking)}</p>}
      {p.status === 'in_progress' && p.missing.length > 0 && (
        <>
          <p class="missing-title">Nog nodig:</p>
          <ul class="missing">
            {p.missing.map((line) => (
              <li key={line}>{sentence(line)}</li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

export function bookingLine(booking: NonNullable<CoachParticipantSummary['booking']>): string {
  if (booking.kind === 'slot' && booking.startsAt) return `${FORM_LABEL[booking.form]}: ${slotWhen(booking.startsAt)}.`;
  return `Vraagt of je contact opneemt voor ${booking.form === 'coaching' ? 'een coachingsgesprek' : 'een inspiratiesessie'}.`;
}
