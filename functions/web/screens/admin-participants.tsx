/**
 * The admin's list of participants with their coach and where they stand, and assigning a coach.
 * The coach then sees the participant, and the participant can pick from that coach's moments.
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
    </li>
  );
}
