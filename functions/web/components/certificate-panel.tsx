/**
 * After completion: the certificate as a PDF (fetched with the person's token and saved through a
 * Blob URL, since a plain link cannot carry the token), the public link that lets anyone check it,
 * and a reminder of the follow-up choice when it has not been made.
 */
import { useState } from 'preact/hooks';
import { api, type ContactMomentView } from '../api.js';
import { failureMessage } from '../contact-view.js';
import { isDone } from '../progress-view.js';
import { useSession } from '../session.js';
import { saveFile } from '../save-file.js';

const FILE_NAME = 'certificaat-introductie-positieve-gezondheid.pdf';

export function CertificatePanel({ view, onIssued }: { view: ContactMomentView; onIssued: () => void }) {
  const sessionView = useSession();
  const { course } = sessionView.session;
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const choiceMade = isDone(sessionView, course.followUpChoice.id);
  const verifyUrl = view.certificate ? `${location.origin}/verify/${view.certificate.certificateId}` : undefined;

  const download = async () => {
    if (state.kind === 'busy') return;
    setState({ kind: 'busy' });
    try {
      saveFile(await api.certificate(), FILE_NAME);
      setState({ kind: 'done' });
      // A certificate issued just now (rare): fetch its number for the verification link.
      if (!view.certificate) onIssued();
    } catch (caught) {
      setState({ kind: 'failed', message: failureMessage(caught, 'Je certificaat kon nu niet worden gemaakt. Probeer het over een paar minuten opnieuw.') });
    }
  };

  return (
    <>
      <section class="card completed" aria-labelledby="afgerond-titel">
        <h2 id="afgerond-titel">Je hebt de Introductie afgerond</h2>
        <p>
          Je contactmoment is vastgelegd, en daarmee heb je de {course.title} afgerond. Fijn dat je de tijd hebt genomen om het zelf te doen en te ervaren.
        </p>
        <h3>Je certificaat</h3>
        <p>
          Op je certificaat staan je naam, de cursus, de studiebelasting ({course.accreditationHours} uur) en de datum waarop je de Introductie hebt
          afgerond.
        </p>
        <p>
          <button type="button" class="button primary" onClick={() => void download()} aria-disabled={state.kind === 'busy' ? 'true' : undefined}>
            Download je certificaat (pdf)
          </button>
        </p>
        <div role="status" aria-live="polite">
          {state.kind === 'busy' && <p class="save-state">Je certificaat wordt klaargemaakt…</p>}
          {state.kind === 'done' && <p class="save-state">Je certificaat is gedownload.</p>}
        </div>
        {state.kind === 'failed' && (
          <p class="error-box" role="alert">
            {state.message}
          </p>
        )}
        {verifyUrl && view.certificate && (
          <>
            <h3>Je certificaat laten controleren</h3>
            <p>Een beroepsregister of je werkgever kan met deze link nagaan of je certificaat echt is. Ze zien alleen je naam, de cursus, de uren en de datum.</p>
            <p class="verify-link">
              <a href={verifyUrl}>{verifyUrl}</a>
            </p>
            <p class="meta">
              Certificaatnummer: <span class="code">{view.certificate.certificateId}</span>
            </p>
          </>
        )}
      </section>
      {choiceMade === false && (
        <section class="card notice-card" aria-labelledby="vervolg-titel">
          <h2 id="vervolg-titel">Hoe wil je verder?</h2>
          <p>Je hebt nog niet gekozen of en hoe je verder wilt leren na de Introductie. Kies een van de vier leerroutes, of kies voor nu niet.</p>
          <p>
            <a class="button" href="#/vervolgkeuze">
              Kies je vervolg
            </a>
          </p>
        </section>
      )}
    </>
  );
}
