/**
 * The participant's right of access: one button that downloads everything the module keeps about
 * them (GET /api/me/export) as a JSON file.
 */
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { failureMessage } from '../contact-view.js';
import { saveFile } from '../save-file.js';

export function MyDataPanel() {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'failed'; message: string }>({ kind: 'idle' });

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
    </section>
  );
}
