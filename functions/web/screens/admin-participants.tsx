/**
 * The admin's list of participants with their coach and where they stand, and assigning a coach.
 * The coach then sees the participant, and the participant can pick from that coach's moments.
 * The admin can also erase a participant's data on their behalf (POST .../erasure).
 */
import { useState } from 'preact/hooks';
import { api, type AdminParticipant, type AdminParticipants as AdminList } from '../api.js';
import { failureMessage, STATUS_LABEL } from '../contact-view.js';
import { useLoad } from '../use-load.js';

export function AdminParticipants() {
  const [loaded] = useLoad(api.adminParticipants, 'admin-participants');
  const list = loaded.state === 'loaded' ? loaded.data : undefined;
  const withoutCoach = list?.participants.filter((p) => !p.coach).length ?? 0;

  return (
    <div class="admin-list">
      <h1 tabIndex={-1}>Deelnemers en coaches</h1>
      <p class="lead">Koppel elke deelnemer aan een coach. De coach ziet dan hoe de deelnemer ervoor staat, en de deelnemer kan een moment bij die coach kiezen.</p>
      {loaded.state === 'loading' && <p role="status">De deelnemers worden geladen…</p>}
      {loaded.state === 'failed' && (
        <p class="error-box" role="alert">
          {loaded.message}
        </p>
      )}
      {list && (
        <>
          <p>
            {list.participants.length} {list.participants.length === 1 ? 'deelnemer' : 'deelnemers'}
            {withoutCoach > 0 ? `, van wie ${withoutCoach} nog zonder coach` : ', allemaal met een coach'}. {list.coaches.length}{' '}
            {list.coaches.length === 1 ? 'coach' : 'coaches'}.
          </p>
          {list.coaches.length === 0 && <p class="notice">Er zijn nog geen coaches. Maak eerst een account met de rol coach aan.</p>}
          <ul class="people">
            {list.participants.map((p) => (
              <AssignRow key={p.userId} participant={p} coaches={list.coaches} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function AssignRow({ participant, coaches }: { participant: AdminParticipant; coaches: AdminList['coaches'] }) {
  const [current, setCurrent] = useState(participant);
  const [coachId, setCoachId] = useState(participant.coach?.userId ?? '');
  const [line, setLine] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `coach-${participant.userId}`;

  const save = async (event: Event) => {
    event.preventDefault();
    setLine('');
    setError('');
    if (busy) return;
    if (!coachId) {
      setError('Kies een coach.');
      return;
    }
    if (coachId === current.coach?.userId) {
      setLine(`${current.coach.name} is al de coach van ${current.name}.`);
      return;
    }
    setBusy(true);
    try {
      const assigned = await api.assignCoach(participant.userId, coachId);
      setCurrent(assigned);
      setLine(`Opgeslagen: ${assigned.coach?.name ?? 'de coach'} is nu de coach van ${assigned.name}.`);
    } catch (caught) {
      setError(failureMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="card person">
      <h2 class="person-name">{current.name}</h2>
      <p class="meta">
        <span>{current.email}</span>
        <span aria-hidden="true"> · </span>
        <span>{current.status ? STATUS_LABEL[current.status] : 'Nog niet begonnen'}</span>
      </p>
      <p>{current.coach ? `Coach: ${current.coach.name}` : 'Nog geen coach.'}</p>
      <form class="assign" onSubmit={save} noValidate>
        <label for={id}>
          {current.coach ? 'Andere coach' : 'Coach'}
          <span class="sr-only"> voor {current.name}</span>
        </label>
        <select id={id} value={coachId} aria-describedby={error ? `${id}-fout` : undefined} aria-invalid={error ? 'true' : undefined} onChange={(e) => setCoachId(e.currentTarget.value)}>
          {!current.coach && <option value="">Kies een coach</option>}
          {coaches.map((c) => (
            <option key={c.userId} value={c.userId}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
          Opslaan<span class="sr-only"> voor {current.name}</span>
        </button>
      </form>
      <div role="status" aria-live="polite">
        {line && <p class="save-state">{line}</p>}
      </div>
      {error && (
        <p class="field-error" id={`${id}-fout`} role="alert">
          {error}
        </p>
      )}
      <EraseOnBehalf participant={current} />
    </li>
  );
}

/** Must match ERASURE_CONFIRMATION in functions/core/privacy/erase-my-data.ts. */
const CONFIRMATION = 'VERWIJDER';

function EraseOnBehalf({ participant }: { participant: AdminParticipant }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const id = `wissen-${participant.userId}`;

  const erase = async (event: Event) => {
    event.preventDefault();
    if (state.kind === 'busy') return;
    if (typed.trim() !== CONFIRMATION) {
      setState({ kind: 'failed', message: `Typ ${CONFIRMATION} om te bevestigen dat alle gegevens van ${participant.name} weg mogen.` });
      return;
    }
    setState({ kind: 'busy' });
    try {
      await api.eraseParticipant(participant.userId, typed.trim());
      setState({ kind: 'done' });
    } catch (caught) {
      setState({ kind: 'failed', message: failureMessage(caught) });
    }
  };

  if (state.kind === 'done') {
    return (
      <p class="save-state" role="status">
        De gegevens van {participant.name} zijn verwijderd. Alleen een afgegeven certificaat blijft bestaan, zonder naam.
      </p>
    );
  }
  if (!open) {
    return (
      <p>
        <button type="button" class="link-button" onClick={() => setOpen(true)}>
          Gegevens verwijderen<span class="sr-only"> van {participant.name}</span>
        </button>
      </p>
    );
  }
  return (
    <form onSubmit={(event) => void erase(event)} noValidate>
      <p>
        Op verzoek van de deelnemer verwijder je het account en alles wat {participant.name} heeft gedaan en geschreven. Dit kun je niet ongedaan
        maken.
      </p>
      <label for={id}>Typ {CONFIRMATION} om te bevestigen</label>
      <input id={id} type="text" autoComplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} aria-invalid={state.kind === 'failed' ? 'true' : undefined} />
      <button type="submit" class="button" aria-disabled={state.kind === 'busy' ? 'true' : undefined}>
        Definitief verwijderen<span class="sr-only"> van {participant.name}</span>
      </button>
      {state.kind === 'failed' && (
        <p class="field-error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
