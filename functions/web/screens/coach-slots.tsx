/**
 * The coach's moments for the contact moment: coaching conversations (one place) and group
 * inspiration sessions (up to the course's group size), with their places and who booked them.
 * The coach offers a new moment here, and withdraws one nobody has booked.
 */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api, type CoachSlotView, type ContactForm, type NewSlotInput } from '../api.js';
import { PlaceText } from '../components/booking.js';
import { failureMessage, FORM_LABEL, localDate, placesLeftText, slotWhen } from '../contact-view.js';
import { useLoad } from '../use-load.js';
import { useWorkspace } from '../workspace.js';

export function CoachSlots() {
  const [loaded, reload] = useLoad(() => api.coachSlots().then((b) => b.slots), 'coach-slots');
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState('');
  const listHeading = useRef<HTMLHeadingElement>(null);
  const slots = loaded.state === 'loaded' ? loaded.data : [];
  const now = new Date().toISOString();
  const upcoming = slots.filter((s) => s.endsAt >= now);
  const past = slots.filter((s) => s.endsAt < now).reverse();

  const remove = async (slot: CoachSlotView) => {
    setFailure('');
    setMessage('');
    try {
      await api.deleteSlot(slot.slotId);
      await reload();
      setMessage(`Het moment van ${slotWhen(slot.startsAt, slot.endsAt)} is verwijderd.`);
      listHeading.current?.focus();
    } catch (caught) {
      setFailure(failureMessage(caught));
    }
  };

  return (
    <div class="coach-slots">
      <h1 tabIndex={-1}>Je momenten</h1>
      <p class="lead">De momenten die je aanbiedt voor het contactmoment. Je deelnemers kunnen hier een plek in kiezen.</p>
      <div role="status" aria-live="polite">
        {message && <p class="feedback good">{message}</p>}
      </div>
      {failure && (
        <p class="error-box" role="alert">
          {failure}
        </p>
      )}
      <section aria-labelledby="komend-titel">
        <h2 id="komend-titel" ref={listHeading} tabIndex={-1}>
          Komende momenten
        </h2>
        {loaded.state === 'loading' && <p role="status">Je momenten worden geladen…</p>}
        {loaded.state === 'failed' && (
          <p class="error-box" role="alert">
            {loaded.message}
          </p>
        )}
        {loaded.state === 'loaded' && upcoming.length === 0 && <p>Je hebt nog geen momenten gepland. Voeg hieronder een moment toe.</p>}
        <ul class="slots">
          {upcoming.map((slot) => (
            <SlotCard key={slot.slotId} slot={slot} onDelete={() => void remove(slot)} />
          ))}
        </ul>
      </section>
      <NewSlot
        onCreated={async (slot) => {
          await reload();
          setFailure('');
          setMessage(`Het moment is toegevoegd: ${FORM_LABEL[slot.form].toLowerCase()}, ${slotWhen(slot.startsAt, slot.endsAt)}.`);
          listHeading.current?.focus();
        }}
      />
      {past.length > 0 && (
        <section aria-labelledby="voorbij-titel">
          <h2 id="voorbij-titel">Voorbij (laatste 30 dagen)</h2>
          <ul class="slots">
            {past.map((slot) => (
              <SlotCard key={slot.slotId} slot={slot} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function SlotCard({ slot, onDelete }: { slot: CoachSlotView; onDelete?: () => void }) {
  const when = slotWhen(slot.startsAt, slot.endsAt);
  return (
    <li class="card slot">
      <h3>
        <span class="eyebrow">{FORM_LABEL[slot.form]}</span>
        {when}
      </h3>
      <p>
        <PlaceText location={slot.location} linked />
      </p>
      {slot.note && <p class="hint">{slot.note}</p>}
      <p class="figures">
        <span>{placesLeftText(slot.placesLeft, slot.capacity)}</span>
        {slot.bookings.length === 0 && <span>Nog niemand aangemeld</span>}
      </p>
      {slot.bookings.length > 0 && (
        <>
          <p class="missing-title">Aangemeld ({slot.bookings.length}):</p>
          <ul class="booked">
            {slot.bookings.map((b) => (
              <li key={b.registration}>
                <a href={`#/coach/deelnemer/${b.registration}`}>{b.participantName}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {onDelete && slot.bookings.length === 0 && (
        <p>
          <button type="button" class="button" onClick={onDelete} aria-label={`Moment verwijderen: ${FORM_LABEL[slot.form].toLowerCase()}, ${when}`}>
            Verwijderen
          </button>
        </p>
      )}
    </li>
  );
}

interface SlotDraft {
  form: ContactForm | '';
  date: string;
  start: string;
  end: string;
  capacity: string;
  where: 'place' | 'online';
  address: string;
  url: string;
  note: string;
}

function NewSlot({ onCreated }: { onCreated: (slot: CoachSlotView) => Promise<void> }) {
  const { course } = useWorkspace();
  const { groupMax, forms } = course.contactMoment;
  const empty: SlotDraft = { form: '', date: '', start: '', end: '', capacity: String(groupMax), where: 'place', address: '', url: '', note: '' };
  const [draft, setDraft] = useState<SlotDraft>(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof SlotDraft, string>>>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const failureRef = useRef<HTMLParagraphElement>(null);
  const set = (field: keyof SlotDraft) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors(({ [field]: _, ...rest }) => rest);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFailure('');
    const found = checkDraft(draft, groupMax);
    setErrors(found);
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) {
      (document.getElementById(`moment-${first}`)?.querySelector<HTMLElement>('input') ?? document.getElementById(`moment-${first}`))?.focus();
      return;
    }
    const slot: NewSlotInput = {
      form: draft.form as ContactForm,
      // The coach's local time, as the browser knows it.
      startsAt: new Date(`${draft.date}T${draft.start}`).toISOString(),
      endsAt: new Date(`${draft.date}T${draft.end}`).toISOString(),
      ...(draft.form === 'inspiratiesessie' ? { capacity: Number(draft.capacity) } : {}),
      location: draft.where === 'place' ? { kind: 'place', address: draft.address.trim() } : { kind: 'online', url: draft.url.trim() },
      ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
    };
    setBusy(true);
    try {
      const created = await api.createSlot(slot);
      setDraft(empty);
      setBusy(false);
      await onCreated(created);
    } catch (caught) {
      setBusy(false);
      setFailure(failureMessage(caught));
      requestAnimationFrame(() => failureRef.current?.focus());
    }
  };

  const field = (name: keyof SlotDraft, label: string, input: JSX.Element, hint?: string) => (
    <div class="field">
      <label for={`moment-${name}`}>{label}</label>
      {hint && (
        <p class="hint" id={`moment-${name}-hint`}>
          {hint}
        </p>
      )}
      {input}
      {errors[name] && (
        <p class="field-error" id={`moment-${name}-fout`}>
          {errors[name]}
        </p>
      )}
    </div>
  );
  const described = (name: keyof SlotDraft, hint = false) => [hint ? `moment-${name}-hint` : '', errors[name] ? `moment-${name}-fout` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <section class="card new-slot" aria-labelledby="nieuw-titel">
      <h2 id="nieuw-titel">Nieuw moment</h2>
      <form class="form" onSubmit={submit} noValidate>
        <fieldset class="field choice" id="moment-form" aria-describedby={described('form')}>
          <legend>Vorm</legend>
          <div class="options">
            {forms.map((f) => (
              <label class="option" key={f}>
                <input type="radio" name="moment-vorm" value={f} checked={draft.form === f} onChange={() => set('form')(f)} />
                <span>{f === 'coaching' ? 'Coachingsgesprek (één deelnemer)' : `Inspiratiesessie (groep, hoogstens ${groupMax})`}</span>
              </label>
            ))}
          </div>
          {errors.form && (
            <p class="field-error" id="moment-form-fout">
              {errors.form}
            </p>
          )}
        </fieldset>
        <div class="field-row">
          {field('date', 'Datum', <input id="moment-date" type="date" min={localDate()} value={draft.date} aria-describedby={described('date')} aria-invalid={errors.date ? 'true' : undefined} onInput={(e) => set('date')(e.currentTarget.value)} />)}
          {field('start', 'Begintijd', <input id="moment-start" type="time" value={draft.start} aria-describedby={described('start')} aria-invalid={errors.start ? 'true' : undefined} onInput={(e) => set('start')(e.currentTarget.value)} />)}
          {field('end', 'Eindtijd', <input id="moment-end" type="time" value={draft.end} aria-describedby={described('end')} aria-invalid={errors.end ? 'true' : undefined} onInput={(e) => set('end')(e.currentTarget.value)} />)}
        </div>
        {draft.form === 'inspiratiesessie' &&
          field(
            'capacity',
            'Aantal plekken',
            <input id="moment-capacity" type="number" inputMode="numeric" min={2} max={groupMax} value={draft.capacity} aria-describedby={described('capacity', true)} aria-invalid={errors.capacity ? 'true' : undefined} onInput={(e) => set('capacity')(e.currentTarget.value)} />,
            `Van 2 tot ${groupMax}.`,
          )}
        <fieldset class="field choice" id="moment-where">
          <legend>Waar</legend>
          <div class="options two">
            <label class="option">
              <input type="radio" name="moment-waar" checked={draft.where === 'place'} onChange={() => set('where')('place')} />
              <span>Op een locatie</span>
            </label>
            <label class="option">
              <input type="radio" name="moment-waar" checked={draft.where === 'online'} onChange={() => set('where')('online')} />
              <span>Online</span>
            </label>
          </div>
        </fieldset>
        {draft.where === 'place'
          ? field('address', 'Adres', <input id="moment-address" type="text" maxLength={300} value={draft.address} aria-describedby={described('address')} aria-invalid={errors.address ? 'true' : undefined} onInput={(e) => set('address')(e.currentTarget.value)} />)
          : field(
              'url',
              'Link naar het online gesprek',
              <input id="moment-url" type="url" inputMode="url" maxLength={500} placeholder="https://" value={draft.url} aria-describedby={described('url')} aria-invalid={errors.url ? 'true' : undefined} onInput={(e) => set('url')(e.currentTarget.value)} />,
            )}
        {field(
          'note',
          'Toelichting (niet verplicht)',
          <textarea id="moment-note" rows={3} maxLength={500} value={draft.note} aria-describedby={described('note', true)} onInput={(e) => set('note')(e.currentTarget.value)} />,
          'Bijvoorbeeld wat deelnemers kunnen meenemen.',
        )}
        {failure && (
          <p class="error-box" role="alert" tabIndex={-1} ref={failureRef}>
            {failure}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
            Moment toevoegen
          </button>
        </div>
      </form>
    </section>
  );
}

const FIELD_ORDER: ReadonlyArray<keyof SlotDraft> = ['form', 'date', 'start', 'end', 'capacity', 'address', 'url'];

function checkDraft(d: SlotDraft, groupMax: number): Partial<Record<keyof SlotDraft, string>> {
  const errors: Partial<Record<keyof SlotDraft, string>> = {};
  if (!d.form) errors.form = 'Kies een vorm.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.date)) errors.date = 'Vul een datum in.';
  if (!/^\d{2}:\d{2}$/.test(d.start)) errors.start = 'Vul een begintijd in.';
  if (!/^\d{2}:\d{2}$/.test(d.end)) errors.end = 'Vul een eindtijd in.';
  else if (!errors.start && d.end <= d.start) errors.end = 'De eindtijd ligt na de begintijd.';
  if (!errors.date && !errors.start && Date.parse(`${d.date}T${d.start}`) <= Date.now()) errors.date = 'Kies een moment dat nog moet komen.';
  if (d.form === 'inspiratiesessie') {
    const capacity = Number(d.capacity);
    if (!Number.isInteger(capacity) || capacity < 2 || capacity > groupMax) errors.capacity = `Kies van 2 tot ${groupMax} plekken.`;
  }
  if (d.where === 'place' && !d.address.trim()) errors.address = 'Vul het adres in.';
  if (d.where === 'online' && !/^https:\/\/\S+\.\S+/.test(d.url.trim())) errors.url = 'Vul de link in, beginnend met https://';
  return errors;
}
