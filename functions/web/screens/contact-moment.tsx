/**
 * The personal contact moment. While it is closed: exactly what is still missing. Once open:
 * choose the form (coaching conversation or a place in a group inspiration session), pick one of
 * the coach's moments or ask to be contacted, see, change or cancel the booking, and decide
 * whether the coach may see the spinnenweb and reflections beforehand. After completion: the
 * certificate, its public verification link, and a reminder of the follow-up choice.
 */
import { useRef, useState } from 'preact/hooks';
import { api, type ContactMomentView } from '../api.js';
import { Markdown } from '../components/markdown.js';
import { ConsentToggle } from '../components/consent-toggle.js';
import { BookingChooser, YourBooking } from '../components/booking.js';
import { CertificatePanel } from '../components/certificate-panel.js';
import { sentence } from '../progress-view.js';
import { useSession } from '../session.js';
import { useLoad } from '../use-load.js';

const FORM_TEXT: Record<string, string> = {
  coaching: 'een persoonlijk coachingsgesprek',
  inspiratiesessie: 'een inspiratiesessie in een kleine groep',
};

export function ContactMomentScreen() {
  const { session, progress, refreshProgress } = useSession();
  const { contactMoment } = session.course;
  const [loaded, reload] = useLoad(api.contactMoment, 'contact-moment');
  const view = loaded.state === 'loaded' ? loaded.data : undefined;
  const [message, setMessage] = useState('');
  const [rebooking, setRebooking] = useState(false);
  const bookingHeading = useRef<HTMLHeadingElement>(null);
  const chooserHeading = useRef<HTMLHeadingElement>(null);

  const forms = contactMoment.forms.map((form) =>
    form === 'inspiratiesessie' ? `${FORM_TEXT[form]} (hoogstens ${contactMoment.groupMax} deelnemers)` : (FORM_TEXT[form] ?? form),
  );
  // The server's view decides; until it has answered, the progress the overview has.
  const gate = view?.gate ?? progress?.gate;
  const completed = view?.status === 'completed';

  /** After a change: fresh view and progress, a line for screen readers, focus where it continues. */
  const changed = async (line: string, focus: 'booking' | 'chooser') => {
    await reload();
    refreshProgress();
    setRebooking(false);
    setMessage(line);
    requestAnimationFrame(() => (focus === 'booking' ? bookingHeading : chooserHeading).current?.focus());
  };

  return (
    <article class="item contact-moment">
      <p class="crumbs">
        <a href="#/">Overzicht</a>
        <span aria-hidden="true"> › </span>Afronden
      </p>
      <h1 tabIndex={-1}>{contactMoment.title}</h1>
      <p class="meta">
        Ongeveer {contactMoment.minutes} minuten · {forms.join(' of ')}
      </p>
      <p class="sr-only" role="status" aria-live="polite">
        {message}
      </p>

      {completed && view ? (
        <CertificatePanel view={view} onIssued={() => void reload()} />
      ) : view?.gate.open && view.booking ? null : (
        <section class="card" aria-labelledby="status-contact">
          <h2 id="status-contact">Kun je het contactmoment al plannen?</h2>
          {gate?.open ? (
            <p class="feedback good">
              <strong>Ja, het contactmoment is open.</strong> Kies hieronder hoe en wanneer je het wilt.
            </p>
          ) : gate ? (
            <>
              <p>
                <strong>Nog niet.</strong> Het contactmoment gaat open als dit klaar is:
              </p>
              <ul class="missing">
                {gate.missing.map((line) => (
                  <li key={line}>{sentence(line)}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>Het contactmoment gaat open als je genoeg studietijd hebt, alle leeruitkomsten hebt laten zien en de eindtoets hebt gehaald.</p>
          )}
          {gate?.open && view && <CoachLine view={view} />}
        </section>
      )}

      {gate?.open && !completed && loaded.state === 'loading' && <p role="status">Je mogelijkheden worden geladen…</p>}
      {gate?.open && loaded.state === 'failed' && (
        <div class="error-box" role="alert">
          <p>{loaded.message}</p>
          <button type="button" class="button" onClick={() => void reload()}>
            Opnieuw proberen
          </button>
        </div>
      )}

      {view?.gate.open && !completed && (
        <>
          {view.booking && (
            <YourBooking
              view={view}
              booking={view.booking}
              headingRef={bookingHeading}
              onRebook={() => {
                setRebooking(true);
                requestAnimationFrame(() => chooserHeading.current?.focus());
              }}
              onCancelled={() => changed('Je afspraak is geannuleerd. Je kunt een nieuw moment kiezen.', 'chooser')}
            />
          )}
          {(!view.booking || rebooking) && (
            <BookingChooser
              view={view}
              headingRef={chooserHeading}
              rebooking={Boolean(view.booking)}
              onBooked={(line) => changed(line, 'booking')}
              {...(view.booking ? { onCancel: () => setRebooking(false) } : {})}
            />
          )}
        </>
      )}

      {view?.gate.open && <ConsentToggle consent={view.consent} onChanged={() => void reload()} />}

      {!completed && <Markdown source={contactMoment.description} />}
      <p class="back">
        <a href="#/">Terug naar het overzicht</a>
      </p>
    </article>
  );
}

function CoachLine({ view }: { view: ContactMomentView }) {
  return view.coach ? (
    <p>
      Je coach is <strong>{view.coach.name}</strong>.
    </p>
  ) : (
    <p>Er is nog geen coach aan je gekoppeld. Je kunt wel vragen of een coach contact met je opneemt; dan plannen jullie samen een moment.</p>
  );
}
