/**
 * #/beheer/scorm-export: the admin's SCORM exports of the Introductie for other LMSs. An export is
 * made for one organisation; its two packages (SCORM 1.2 and 2004) can be downloaded only right
 * after making it, because the key in them is not kept. The list shows who arrived through each
 * export, and an export can be revoked: its packages then open nothing any more.
 */
import { useState } from 'preact/hooks';
import { api, ApiError, type ScormExport, type NewScormExport } from '../api.js';
import { ConfirmAction } from '../components/confirm-action.js';
import { failureMessage } from '../contact-view.js';
import { saveFile } from '../save-file.js';
import { useLoad } from '../use-load.js';

const WHEN = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function AdminScormExports() {
  const [loaded, reload] = useLoad(api.adminScormExports, 'admin-scorm-exports');
  const [made, setMade] = useState<NewScormExport | undefined>(undefined);
  const exports = loaded.state === 'loaded' ? loaded.data.exports : [];

  return (
    <div class="admin-list">
      <h1 tabIndex={-1}>SCORM-export</h1>
      <p class="lead">
        Werkt een organisatie met een eigen leeromgeving (LMS)? Maak dan een export voor die organisatie. Je krijgt twee SCORM-pakketten (versie 1.2 en
        2004). De deelnemers starten de cursus in hun eigen leeromgeving, maar volgen hem hier: hun tijd, voortgang en contactmoment lopen gewoon via deze
        omgeving.
      </p>
      <NewExportForm
        onMade={(result) => {
          setMade(result);
          void reload();
        }}
      />
      {made && <Downloads made={made} />}
      <h2>Exports</h2>
      {loaded.state === 'loading' && <p role="status">De exports worden geladen…</p>}
      {loaded.state === 'failed' && (
        <p class="error-box" role="alert">
          {loaded.message}
        </p>
      )}
      {loaded.state === 'loaded' && exports.length === 0 && <p>Er zijn nog geen exports gemaakt.</p>}
      {exports.length > 0 && (
        <ul class="people exports">
          {exports.map((e) => (
            <ExportCard key={e.exportId} item={e} onRevoked={() => void reload()} />
          ))}
        </ul>
      )}
    </div>
  );
}

function NewExportForm({ onMade }: { onMade: (made: NewScormExport) => void }) {
  const [organisation, setOrganisation] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (organisation.trim() === '') {
      setError('Vul de naam van de organisatie in.');
      document.getElementById('export-organisatie')?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      onMade(await api.createScormExport(organisation.trim()));
      setOrganisation('');
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) return;
      setError(failureMessage(caught, 'De export kon nu niet worden gemaakt. Probeer het over een paar minuten opnieuw.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card new-export" aria-labelledby="export-nieuw">
      <h2 id="export-nieuw">Export maken</h2>
      <form class="form" onSubmit={(e) => void submit(e)} noValidate>
        <div class="field">
          <label for="export-organisatie">Naam van de organisatie</label>
          <input
            id="export-organisatie"
            type="text"
            maxLength={120}
            value={organisation}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'export-organisatie-fout' : undefined}
            onInput={(e) => {
              setOrganisation((e.target as HTMLInputElement).value);
              setError('');
            }}
          />
          {error && (
            <p class="field-error" id="export-organisatie-fout">
              {error}
            </p>
          )}
        </div>
        <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? 'Bezig…' : 'Export maken'}
        </button>
      </form>
    </section>
  );
}

function Downloads({ made }: { made: NewScormExport }) {
  return (
    <section class="card downloads" aria-labelledby="export-downloads" role="status">
      <h2 id="export-downloads">Pakketten voor {made.export.organisation}</h2>
      <p>
        Download de pakketten nu en stuur ze naar de beheerder van de leeromgeving. Ze kunnen later niet opnieuw worden gedownload. Kwijt? Maak dan een nieuwe
        export en trek deze in.
      </p>
      <ul class="plain">
        {made.packages.map((p) => (
          <li key={p.version}>
            <button type="button" class="button" onClick={() => saveFile(zipBlob(p.zipBase64), p.fileName)}>
              SCORM {p.version} downloaden
            </button>{' '}
            <span class="meta">{p.fileName}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ExportCard({ item, onRevoked }: { item: ScormExport; onRevoked: () => void }) {
  return (
    <li class="card person">
      <h3 class="person-name">{item.organisation}</h3>
      <p class="meta">
        <span>gemaakt op {WHEN.format(new Date(item.createdAt))}</span>
        <span aria-hidden="true"> · </span>
        <span>{item.learnerCount === 1 ? '1 deelnemer' : `${item.learnerCount} deelnemers`}</span>
        {item.lastLaunchAt && (
          <>
            <span aria-hidden="true"> · </span>
            <span>laatst gestart op {WHEN.format(new Date(item.lastLaunchAt))}</span>
          </>
        )}
        {item.revokedAt && (
          <>
            <span aria-hidden="true"> · </span>
            <strong>ingetrokken op {WHEN.format(new Date(item.revokedAt))}</strong>
          </>
        )}
      </p>
      {item.learners.length > 0 && (
        <details>
          <summary>Deelnemers via deze export</summary>
          <ul class="plain">
            {item.learners.map((l) => (
              <li key={l.userId}>
                {l.name} <span class="meta">(eerst op {WHEN.format(new Date(l.firstLaunchAt))}, laatst op {WHEN.format(new Date(l.lastLaunchAt))})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {!item.revokedAt && (
        <ConfirmAction
          label="Intrekken"
          groupLabel={`Export voor ${item.organisation} intrekken`}
          explanation="Daarna opent geen van de pakketten van deze export de cursus nog. Wat deelnemers al deden, blijft bewaard."
          failureText="De export kon nu niet worden ingetrokken. Probeer het over een paar minuten opnieuw."
          action={async () => {
            await api.revokeScormExport(item.exportId);
            onRevoked();
          }}
        />
      )}
    </li>
  );
}

function zipBlob(base64: string): Blob {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: 'application/zip' });
}
