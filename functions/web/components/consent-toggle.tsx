/**
 * The participant's consent to let their coach see their spinnenweb and reflections: explicit (off
 * until they turn it on), saved at once, and revocable at any moment.
 */
import { useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { failureMessage } from '../contact-view.js';

export function ConsentToggle({ consent, onChanged }: { consent: { shared: boolean; changedAt: string | null }; onChanged: () => void }) {
  const [shared, setShared] = useState(consent.shared);
  const [line, setLine] = useState('');
  const [error, setError] = useState('');
  // Changes are sent one after the other, so the last click is the one that holds. The checkbox
  // stays enabled (disabling it would drop keyboard focus).
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const change = (next: boolean) => {
    setShared(next);
    setError('');
    setLine('');
    queue.current = queue.current.then(async () => {
      try {
        const saved = await api.setConsent(next);
        setLine(saved.shareWithCoach ? 'Opgeslagen: je coach mag je spinnenweb en reflecties zien.' : 'Opgeslagen: je coach ziet je spinnenweb en reflecties niet.');
        onChanged();
      } catch (caught) {
        setShared(!next);
        setError(failureMessage(caught, 'Je keuze kon niet worden opgeslagen. Probeer het over een paar minuten opnieuw.'));
      }
    });
  };

  return (
    <section class="card consent" aria-labelledby="delen-titel">
      <h2 id="delen-titel">Delen met je coach</h2>
      <label class="check">
        <input type="checkbox" checked={shared} aria-describedby="delen-uitleg" onChange={(e) => change(e.currentTarget.checked)} />
        <span>Mijn coach mag mijn spinnenweb en reflecties vóór het gesprek zien</span>
      </label>
      <p class="hint" id="delen-uitleg">
        Je coach ziet dan je ingevulde spinnenweb en wat je in je reflecties schreef; zet je dit uit, dan ziet je coach ze niet meer.
      </p>
      <div role="status" aria-live="polite">
        {line && <p class="save-state">{line}</p>}
      </div>
      {error && (
        <p class="error-box" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
