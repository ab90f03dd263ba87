/**
 * The participant's registration number (BIG or a quality register) for the accreditation report:
 * stored only when they tick the consent box, and deleted when they withdraw it.
 */
import { useState } from 'preact/hooks';
import { api, type RegistrationNumberView } from '../api.js';
import { failureMessage } from '../contact-view.js';
import { useLoad } from '../use-load.js';

export function RegistrationNumberPanel() {
  const [loaded, reload] = useLoad(api.registrationNumber, 'registration-number');
  return (
    <section class="card" aria-labelledby="registratie-titel">
      <h2 id="registratie-titel">Accreditatiepunten</h2>
      <p>
        Sta je in het BIG-register of een kwaliteitsregister? Dan kun je hier je registratienummer geven. Na afronding geven we je deelname met dat
        nummer door aan je register, zodat je de punten krijgt (1 punt per studie-uur).
      </p>
      {loaded.state === 'loading' && <p role="status">Even laden…</p>}
      {loaded.state === 'failed' && (
        <p class="error-box" role="alert">
          {loaded.message}
        </p>
      )}
      {loaded.state === 'loaded' && <RegistrationNumberForm view={loaded.data} onChanged={reload} />}
    </section>
  );
}

function RegistrationNumberForm({ view, onChanged }: { view: RegistrationNumberView; onChanged: () => void }) {
  const stored = view.registrationNumber;
  const [registerId, setRegisterId] = useState(stored?.registerId ?? view.registers[0]?.id ?? '');
  const [number, setNumber] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState('');
  const [line, setLine] = useState('');
  const [busy, setBusy] = useState(false);
  const register = view.registers.find((r) => r.id === registerId);

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setError('');
    setLine('');
    if (!consent) {
      setError('Zet het vinkje aan als je wilt dat we je registratienummer bewaren.');
      return;
    }
    setBusy(true);
    try {
      await api.saveRegistrationNumber({ registerId, number, consent });
      setNumber('');
      setConsent(false);
      setLine('Je registratienummer is opgeslagen.');
      onChanged();
    } catch (caught) {
      setError(failureMessage(caught, 'Je registratienummer kon niet worden opgeslagen. Probeer het over een paar minuten opnieuw.'));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await api.withdrawRegistrationNumber();
      setLine('Je toestemming is ingetrokken en je registratienummer is verwijderd.');
      onChanged();
    } catch (caught) {
      setError(failureMessage(caught, 'Het intrekken lukte nu niet. Probeer het over een paar minuten opnieuw.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {stored ? (
        <>
          <p>
            We bewaren je nummer <strong>{stored.number}</strong> ({view.registers.find((r) => r.id === stored.registerId)?.label ?? stored.registerId}), met
            je toestemming van {new Date(stored.consentedAt).toLocaleDateString('nl-NL')}.
          </p>
          <p>
            <button type="button" class="button" onClick={() => void withdraw()} aria-disabled={busy ? 'true' : undefined}>
              Toestemming intrekken en nummer verwijderen
            </button>
          </p>
        </>
      ) : (
        <form onSubmit={(e) => void save(e)} noValidate>
          <div class="field">
            <label for="register-keuze">Register</label>
            <select id="register-keuze" value={registerId} onChange={(e) => setRegisterId(e.currentTarget.value)}>
              {view.registers.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="registratienummer">Registratienummer</label>
            <input
              id="registratienummer"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={number}
              aria-describedby="registratienummer-uitleg"
              aria-invalid={error && consent ? 'true' : undefined}
              onInput={(e) => setNumber(e.currentTarget.value)}
            />
            <p class="hint" id="registratienummer-uitleg">
              {register ? `Een nummer in het ${register.label} bestaat uit ${register.format}.` : ''}
            </p>
          </div>
          <label class="check">
            <input type="checkbox" checked={consent} aria-describedby="toestemming-uitleg" onChange={(e) => setConsent(e.currentTarget.checked)} />
            <span>Ik geef toestemming om mijn registratienummer te bewaren en aan mijn register door te geven</span>
          </label>
          <p class="hint" id="toestemming-uitleg">
            Zonder je toestemming bewaren we het nummer niet. Je kunt je toestemming altijd intrekken; dan verwijderen we het nummer.
          </p>
          <p>
            <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
              Nummer opslaan
            </button>
          </p>
        </form>
      )}
      <div role="status" aria-live="polite">
        {line && <p class="save-state">{line}</p>}
      </div>
      {error && (
        <p class="error-box" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
