/**
 * The participant's booking: choosing the form and one of the coach's moments (or asking to be
 * contacted), and the booking they have, with changing and cancelling while that is still possible.
 */
import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { api, type ContactForm, type ContactMomentView } from '../api.js';
import { failureMessage, FORM_LABEL, placesLeftText, slotWhen, type SlotLocation } from '../contact-view.js';

type BookingView = NonNullable<ContactMomentView['booking']>;

const FORM_CHOICE: Record<ContactForm, { title: string; text: (groupMax: number, minutes: number) => string }> = {
  coaching: { title: 'Een persoonlijk coachingsgesprek', text: (_, minutes) => `Alleen jij en de coach, ongeveer ${minutes} minuten.` },
  inspiratiesessie: { title: 'Een plek in een inspiratiesessie', text: (groupMax) => `Samen met andere deelnemers, in een groep van hoogstens ${groupMax} mensen.` },
};

const CONTACT = 'contact';

export function BookingChooser(props: {
  view: ContactMomentView;
  headingRef: RefObject<HTMLHeadingElement>;
  rebooking: boolean;
  onBooked: (line: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const { view, rebooking } = props;
  const { forms, groupMax, minutes } = view.contactMoment;
  const [form, setForm] = useState<ContactForm | undefined>(forms.length === 1 ? forms[0] : undefined);
  const [choice, setChoice] = useState<string | undefined>(undefined);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const slots = form ? view.slots.filter((s) => s.form === form) : [];
  // Without moments of this form, the only choice left is to ask to be contacted.
  const chosen = form && slots.length === 0 ? CONTACT : choice;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!form) return showError('Kies eerst hoe je het contactmoment wilt.', 'input[name="vorm"]');
    if (!chosen) return showError('Kies een moment, of vraag of je coach contact met je opneemt.', 'input[name="moment"]');
    setBusy(true);
    setError('');
    try {
      if (chosen === CONTACT) {
        await api.book({ kind: 'contact-request', form });
        await props.onBooked(`Je vraag is verstuurd. ${view.coach ? view.coach.name : 'Een coach'} neemt contact met je op.`);
      } else {
        await api.book({ kind: 'slot', slotId: chosen });
        await props.onBooked('Je plek is gereserveerd.');
      }
    } catch (caught) {
      setBusy(false);
      showError(failureMessage(caught), undefined);
    }
  };

  const showError = (text: string, focusSelector: string | undefined) => {
    setError(text);
    requestAnimationFrame(() => (focusSelector ? document.querySelector<HTMLElement>(focusSelector) : document.getElementById('boeken-fout'))?.focus());
  };

  return (
    <section class="card" aria-labelledby="plannen-titel">
      <h2 id="plannen-titel" ref={props.headingRef} tabIndex={-1}>
        {rebooking ? 'Kies een ander moment' : 'Plan je contactmoment'}
      </h2>
      <form class="form" onSubmit={submit} noValidate>
        <fieldset class="field choice">
          <legend>Hoe wil je het contactmoment?</legend>
          <div class="options">
            {forms.map((f) => (
              <label class="option rich" key={f}>
                <input
                  type="radio"
                  name="vorm"
                  value={f}
                  checked={form === f}
                  onChange={() => {
                    setForm(f);
                    setChoice(undefined);
                    setError('');
                  }}
                />
                <span>
                  <strong>{FORM_CHOICE[f].title}</strong>
                  <span class="option-text">{FORM_CHOICE[f].text(groupMax, minutes)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        {form && slots.length > 0 && (
          <fieldset class="field choice">
            <legend>Kies een moment</legend>
            <div class="options">
              {slots.map((slot) => (
                <label class="option rich slot-option" key={slot.slotId}>
                  <input type="radio" name="moment" value={slot.slotId} checked={choice === slot.slotId} onChange={() => (setChoice(slot.slotId), setError(''))} />
                  <span>
                    <strong>{slotWhen(slot.startsAt, slot.endsAt)}</strong>
                    <span class="option-text">
                      <PlaceText location={slot.location} />
                      {slot.form === 'inspiratiesessie' && (
                        <>
                          <span aria-hidden="true"> · </span>
                          {placesLeftText(slot.placesLeft, slot.capacity)}
                        </>
                      )}
                    </span>
                    {slot.note && <span class="option-text">{slot.note}</span>}
                  </span>
                </label>
              ))}
              <label class="option rich">
                <input type="radio" name="moment" value={CONTACT} checked={choice === CONTACT} onChange={() => (setChoice(CONTACT), setError(''))} />
                <span>
                  <strong>Geen van deze momenten past</strong>
                  <span class="option-text">Vraag of je coach contact met je opneemt om samen een moment te vinden.</span>
                </span>
              </label>
            </div>
          </fieldset>
        )}
        {form && slots.length === 0 && (
          <p class="notice">
            {view.coach
              ? `${view.coach.name} heeft op dit moment geen ${form === 'coaching' ? 'coachingsgesprekken' : 'inspiratiesessies'} gepland. Vraag of je coach contact met je opneemt; dan zoeken jullie samen een moment.`
              : 'Er zijn nog geen momenten om uit te kiezen. Vraag of een coach contact met je opneemt; dan zoeken jullie samen een moment.'}
          </p>
        )}

        {error && (
          <p class="error-box" id="boeken-fout" role="alert" tabIndex={-1}>
            {error}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
            {chosen === CONTACT ? 'Vraag om contact' : 'Plek reserveren'}
          </button>
          {props.onCancel && (
            <button type="button" class="link-button" onClick={props.onCancel}>
              Toch niet wijzigen
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

export function YourBooking(props: {
  view: ContactMomentView;
  booking: BookingView;
  headingRef: RefObject<HTMLHeadingElement>;
  onRebook: () => void;
  onCancelled: () => Promise<void>;
}) {
  const { view, booking } = props;
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const cancel = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await api.cancelBooking();
      await props.onCancelled();
    } catch (caught) {
      setBusy(false);
      setError(failureMessage(caught));
      requestAnimationFrame(() => document.getElementById('afspraak-fout')?.focus());
    }
  };

  return (
    <section class="card booking" aria-labelledby="afspraak-titel">
      <h2 id="afspraak-titel" ref={props.headingRef} tabIndex={-1}>
        Je afspraak
      </h2>
      {booking.kind === 'slot' && booking.startsAt ? (
        <dl class="facts">
          <dt>Vorm</dt>
          <dd>{FORM_LABEL[booking.form]}</dd>
          <dt>Wanneer</dt>
          <dd>{slotWhen(booking.startsAt, booking.endsAt)}</dd>
          {booking.location && (
            <>
              <dt>Waar</dt>
              <dd>
                <PlaceText location={booking.location} linked />
              </dd>
            </>
          )}
          {view.coach && (
            <>
              <dt>Coach</dt>
              <dd>{view.coach.name}</dd>
            </>
          )}
        </dl>
      ) : (
        <p>
          Je hebt gevraagd of je coach contact met je opneemt voor {booking.form === 'coaching' ? 'een coachingsgesprek' : 'een inspiratiesessie'}.{' '}
          {view.coach ? `${view.coach.name} neemt contact met je op om een moment af te spreken.` : 'Zodra er een coach aan je is gekoppeld, neemt die contact met je op.'}
        </p>
      )}
      {booking.canChange ? (
        <div class="form-actions">
          <button type="button" class="button" onClick={props.onRebook}>
            Ander moment kiezen
          </button>
          <button type="button" class="button" onClick={() => void cancel()} aria-disabled={busy ? 'true' : undefined}>
            Afspraak annuleren
          </button>
        </div>
      ) : (
        <p class="hint">Je afspraak is begonnen of voorbij, dus wijzigen kan niet meer. Lukte het niet om erbij te zijn? Neem dan contact op met je coach.</p>
      )}
      {error && (
        <p class="error-box" id="afspraak-fout" role="alert" tabIndex={-1}>
          {error}
        </p>
      )}
    </section>
  );
}

export function PlaceText({ location, linked = false }: { location: SlotLocation; linked?: boolean }) {
  if (location.kind === 'place') return <span>{location.address}</span>;
  return linked ? (
    <span>
      Online: <a href={location.url} rel="noopener noreferrer">{location.url}</a>
    </span>
  ) : (
    <span>Online</span>
  );
}
