/**
 * The participant's rights over their data: one button that downloads everything the module keeps
 * about them (GET /api/me/export) as a JSON file, and the erasure of all of it (POST
 * /api/me/erasure), behind a typed confirmation because it cannot be undone.
 */
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { failureMessage } from '../contact-view.js';
import { saveFile } from '../save-file.js';
import { useSession } from '../session.js';

/** Must match ERASURE_CONFIRMATION in functions/core/privacy/erase-my-data.ts. */
const CONFIRMATION = 'VERWIJDER';

type Request = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'failed'; message: string };

export function MyDataPanel() {
  const [state, setState] = useState<Request>({ kind: 'idle' });

  const download = async () => {
    if (state.kind === 'busy') return;
    setState({ kind: 'busy' });
    try {
      saveFile(await api.myData(), `mijn-gegevens-introductie-positieve-gezondheid-${new Date().toISOString().slice(0, 10)}.json`);
      setState({ kind: 'done' });
    } catch (caught) {
      setState({ kind: 'failed', message: failureMessage(caught, 'Je gegevens konden nu niet worden opgehaald. Probeer het over een paar minuten opnieuw.') });
    }
  };

  return (
    <section class="card" aria-labelledby="gegevens-titel">
      <h2 id="gegevens-titel">Jouw gegevens</h2>
      <p>
        Je kunt alles downloaden wat we over jou bewaren: je antwoorden en reflecties, je spinnenweb, je studietijd, je afspraak en wat je coach
        over het contactmoment heeft vastgelegd. Het bestand is in JSON, een vorm die andere programma's kunnen lezen.
      </p>
      <p>
        <button type="button" class="button" onClick={() => void download()} aria-disabled={state.kind === 'busy' ? 'true' : undefined}>
          Download je gegevens
        </button>
      </p>
      <div role="status" aria-live="polite">
        {state.kind === 'busy' && <p class="save-state">Je gegevens worden verzameld…</p>}
        {state.kind === 'done' && <p class="save-state">Je gegevens zijn gedownload.</p>}
      </div>
      {state.kind === 'failed' && (
        <p class="error-box" role="alert">
          {state.message}
        </p>
      )}
      <Erasure />
    </section>
  );
}

function Erasure() {
  const { session } = useSession();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [state, setState] = useState<Request>({ kind: 'idle' });

  const erase = async (event: Event) => {
    event.preventDefault();
    if (state.kind === 'busy') return;
    if (typed.trim() !== CONFIRMATION) {
      setState({ kind: 'failed', message: `Typ ${CONFIRMATION} in het vak, in hoofdletters, als je zeker weet dat alles weg mag.` });
      return;
    }
    setState({ kind: 'busy' });
    try {
      await api.eraseMyData(typed.trim());
      session.erased();
    } catch (caught) {
      setState({ kind: 'failed', message: failureMessage(caught, 'Het verwijderen is niet helemaal gelukt. Probeer het opnieuw: we gaan verder waar we gebleven waren.') });
    }
  };

  return (
    <>
      <h3 id="verwijderen-titel">Je gegevens laten verwijderen</h3>
      <p>
        Wil je stoppen en niets bij ons achterlaten? Dan verwijderen we je account en alles wat je hebt gedaan en geschreven: je spinnenweb, je
        reflecties, je studietijd, je afspraak, wat je coach heeft vastgelegd en je registratienummer. Download je gegevens eerst als je ze wilt
        houden.
      </p>
      <p>
        Heb je de Introductie al afgerond? Dan bewaren we alleen wat voor de accreditatie nodig is: dat het certificaat is uitgegeven, met de
        studie-uren en de datum, maar zonder je naam.
      </p>
      {!open ? (
        <p>
          <button type="button" class="button" onClick={() => setOpen(true)}>
            Mijn gegevens verwijderen
          </button>
        </p>
      ) : (
        <form onSubmit={(event) => void erase(event)} aria-labelledby="verwijderen-titel">
          <div class="field">
            <label for="verwijderen-bevestiging">Typ {CONFIRMATION} om te bevestigen. Dit kun je niet ongedaan maken.</label>
            <input
              id="verwijderen-bevestiging"
              type="text"
              autoComplete="off"
              value={typed}
              onInput={(e) => setTyped(e.currentTarget.value)}
              aria-invalid={state.kind === 'failed' ? 'true' : undefined}
            />
          </div>
          <p>
            <button type="submit" class="button primary" aria-disabled={state.kind === 'busy' ? 'true' : undefined}>
              Definitief verwijderen
            </button>{' '}
            <button type="button" class="button" onClick={() => setOpen(false)}>
              Annuleren
            </button>
          </p>
          <div role="status" aria-live="polite">
            {state.kind === 'busy' && <p class="save-state">Je gegevens worden verwijderd…</p>}
          </div>
          {state.kind === 'failed' && (
            <p class="error-box" role="alert">
              {state.message}
            </p>
          )}
        </form>
      )}
    </>
  );
}
