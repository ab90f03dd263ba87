/**
 * #/beheer/pakketten: the admin's imported SCORM packages (e-learningpakketten). Each upload
 * becomes an extra work moment of the course with one item that participants play in the app.
 * The server checks the package and refuses it with a reason per problem (422); the screen lists
 * every reason.
 */
import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { ConfirmAction } from '../components/confirm-action.js';
import { failureMessage } from '../contact-view.js';
import type { PackageIssue, PackageSummary } from '../package-types.js';
import { useLoad } from '../use-load.js';
import { useWorkspace } from '../workspace.js';

/** The server's limit on the zip (functions/core/scorm/imported/import-package.ts, UPLOAD_LIMITS). */
const MAX_ZIP_BYTES = 4 * 1024 * 1024;
const MINUTES = { min: 1, max: 600 } as const;

const WHEN = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function AdminPackages() {
  const [loaded] = useLoad(api.adminPackages, 'admin-packages');
  const [added, setAdded] = useState<PackageSummary[]>([]);
  const [removed, setRemoved] = useState<string[]>([]);
  const listed = loaded.state === 'loaded' ? loaded.data.packages : [];
  const packages = [...added, ...listed.filter((p) => !added.some((a) => a.packageId === p.packageId))].filter((p) => !removed.includes(p.packageId));

  return (
    <div class="admin-list">
      <h1 tabIndex={-1}>E-learningpakketten</h1>
      <p class="lead">
        Voeg een e-learning toe als SCORM-pakket (versie 1.2 of 2004). Het wordt een extra werkmoment in de cursus. Deelnemers openen het in de cursus
        zelf, en hun voortgang en tijd tellen mee.
      </p>
      <UploadForm onAdded={(summary) => setAdded((current) => [summary, ...current])} />
      <h2>Toegevoegde pakketten</h2>
      {loaded.state === 'loading' && <p role="status">De pakketten worden geladen…</p>}
      {loaded.state === 'failed' && (
        <p class="error-box" role="alert">
          {loaded.message}
        </p>
      )}
      {loaded.state !== 'loading' && packages.length === 0 && <p>Er zijn nog geen pakketten toegevoegd.</p>}
      {packages.length > 0 && (
        <ul class="people packages">
          {packages.map((p) => (
            <PackageCard key={p.packageId} summary={p} onRemoved={() => setRemoved((current) => [...current, p.packageId])} />
          ))}
        </ul>
      )}
    </div>
  );
}

function PackageCard({ summary, onRemoved }: { summary: PackageSummary; onRemoved: () => void }) {
  return (
    <li class="card person">
      <h3 class="person-name">{summary.title}</h3>
      <p class="meta">
        <span>SCORM {summary.scormVersion}</span>
        <span aria-hidden="true"> · </span>
        <span>
          {summary.nominalMinutes} {summary.nominalMinutes === 1 ? 'minuut' : 'minuten'}
        </span>
        <span aria-hidden="true"> · </span>
        <span>{summary.outcomes.length === 0 ? 'geen leeruitkomsten' : `leeruitkomst ${summary.outcomes.join(', ')}`}</span>
      </p>
      <p class="meta">
        <span>{summary.fileName}</span>
        <span aria-hidden="true"> · </span>
        <span>
          {summary.fileCount} {summary.fileCount === 1 ? 'bestand' : 'bestanden'}, {sizeLabel(summary.totalBytes)}
        </span>
        <span aria-hidden="true"> · </span>
        <span>toegevoegd op {WHEN.format(new Date(summary.uploadedAt))}</span>
      </p>
      <ConfirmAction
        label="Verwijderen"
        groupLabel={`${summary.title} verwijderen`}
        explanation="Het werkmoment verdwijnt uit de cursus. Wat deelnemers al deden, blijft bewaard."
        failureText="Het pakket kon nu niet worden verwijderd. Probeer het over een paar minuten opnieuw."
        action={async () => {
          await api.removePackage(summary.packageId);
          onRemoved();
        }}
      />
    </li>
  );
}

interface Draft {
  title: string;
  intro: string;
  minutes: string;
  outcomes: number[];
}

type Field = 'file' | 'title' | 'minutes';
type Refusal = { summary: string; issues: PackageIssue[] };

const EMPTY: Draft = { title: '', intro: '', minutes: '', outcomes: [] };

function UploadForm({ onAdded }: { onAdded: (summary: PackageSummary) => void }) {
  const { course } = useWorkspace();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [file, setFile] = useState<File | undefined>(undefined);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [refusal, setRefusal] = useState<Refusal | undefined>(undefined);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const refusalRef = useRef<HTMLDivElement>(null);

  const set = (field: keyof Omit<Draft, 'outcomes'>) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors(({ [field as Field]: _, ...rest }) => rest);
  };
  const toggleOutcome = (number: number, on: boolean) =>
    setDraft((d) => ({ ...d, outcomes: on ? [...d.outcomes.filter((n) => n !== number), number].sort((a, b) => a - b) : d.outcomes.filter((n) => n !== number) }));

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setRefusal(undefined);
    setDone('');
    const found = check(draft, file);
    setErrors(found);
    const first = (['file', 'title', 'minutes'] as const).find((f) => found[f]);
    if (first) {
      document.getElementById(`pakket-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const zipBase64 = await base64Of(file!);
      const { package: summary } = await api.uploadPackage({
        title: draft.title.trim(),
        ...(draft.intro.trim() ? { intro: draft.intro.trim() } : {}),
        nominalMinutes: Number(draft.minutes),
        outcomes: draft.outcomes,
        fileName: file!.name,
        zipBase64,
      });
      setDraft(EMPTY);
      setFile(undefined);
      if (fileInput.current) fileInput.current.value = '';
      onAdded(summary);
      setDone(`"${summary.title}" is toegevoegd. Deelnemers zien het nu als extra werkmoment in de cursus.`);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) return;
      setRefusal(refusalOf(caught));
      requestAnimationFrame(() => refusalRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const described = (field: Field, hint = false) => [hint ? `pakket-${field}-hint` : '', errors[field] ? `pakket-${field}-fout` : ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: Field) =>
    errors[field] && (
      <p class="field-error" id={`pakket-${field}-fout`}>
        {errors[field]}
      </p>
    );

  return (
    <section class="card new-package" aria-labelledby="pakket-nieuw">
      <h2 id="pakket-nieuw">Pakket toevoegen</h2>
      <form class="form" onSubmit={(e) => void submit(e)} noValidate>
        <div class="field">
          <label for="pakket-file">SCORM-pakket (zip-bestand)</label>
          <p class="hint" id="pakket-file-hint">
            Een zip-bestand van hoogstens 4 MB, met imsmanifest.xml erin.
          </p>
          <input
            id="pakket-file"
            ref={fileInput}
            type="file"
            accept=".zip,application/zip"
            aria-describedby={described('file', true)}
            aria-invalid={errors.file ? 'true' : undefined}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0]);
              setErrors(({ file: _, ...rest }) => rest);
            }}
          />
          {fieldError('file')}
        </div>
        <div class="field">
          <label for="pakket-title">Titel</label>
          <p class="hint" id="pakket-title-hint">
            Deelnemers zien deze titel in het overzicht van de cursus.
          </p>
          <input
            id="pakket-title"
            type="text"
            maxLength={200}
            value={draft.title}
            aria-describedby={described('title', true)}
            aria-invalid={errors.title ? 'true' : undefined}
            onInput={(e) => set('title')(e.currentTarget.value)}
          />
          {fieldError('title')}
        </div>
        <div class="field">
          <label for="pakket-intro">
            Inleiding <span class="optional">(niet verplicht)</span>
          </label>
          <p class="hint" id="pakket-intro-hint">
            Een paar zinnen boven de e-learning: waar gaat het over en wat levert het op?
          </p>
          <textarea id="pakket-intro" rows={4} maxLength={4000} value={draft.intro} aria-describedby="pakket-intro-hint" onInput={(e) => set('intro')(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="pakket-minutes">Studietijd in minuten</label>
          <p class="hint" id="pakket-minutes-hint">
            Hoe lang een deelnemer er ongeveer mee bezig is, van {MINUTES.min} tot {MINUTES.max} minuten.
          </p>
          <input
            id="pakket-minutes"
            type="number"
            inputMode="numeric"
            min={MINUTES.min}
            max={MINUTES.max}
            step={1}
            value={draft.minutes}
            aria-describedby={described('minutes', true)}
            aria-invalid={errors.minutes ? 'true' : undefined}
            onInput={(e) => set('minutes')(e.currentTarget.value)}
          />
          {fieldError('minutes')}
        </div>
        <fieldset class="field">
          <legend>Leeruitkomsten waar dit pakket aan bijdraagt</legend>
          <p class="hint">Niet verplicht. Een deelnemer die het pakket afrondt, heeft daarmee bewijs voor deze leeruitkomsten.</p>
          <div class="options">
            {course.outcomes.map((outcome) => (
              <label class="check" key={outcome.number}>
                <input type="checkbox" checked={draft.outcomes.includes(outcome.number)} onChange={(e) => toggleOutcome(outcome.number, e.currentTarget.checked)} />
                <span>
                  {outcome.number}. {outcome.title}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {refusal && (
          <div class="error-box" role="alert" tabIndex={-1} ref={refusalRef}>
            <p>{refusal.summary}</p>
            {refusal.issues.length > 0 && (
              <ul>
                {refusal.issues.map((issue, index) => (
                  <li key={index}>
                    {issue.path && <code>{issue.path}</code>}
                    {issue.path && ': '}
                    {issue.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div role="status" aria-live="polite">
          {busy && <p class="save-state">Het pakket wordt gecontroleerd en opgeslagen…</p>}
          {done && <p class="save-state">{done}</p>}
        </div>
        <div class="form-actions">
          <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
            Pakket toevoegen
          </button>
        </div>
      </form>
    </section>
  );
}

function check(draft: Draft, file: File | undefined): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!file) errors.file = 'Kies het zip-bestand van het pakket.';
  else if (!/\.zip$/i.test(file.name)) errors.file = 'Kies een zip-bestand (de naam eindigt op .zip).';
  else if (file.size > MAX_ZIP_BYTES) errors.file = `Dit bestand is ${sizeLabel(file.size)}. Een pakket mag hoogstens 4 MB zijn.`;
  if (!draft.title.trim()) errors.title = 'Vul een titel in.';
  const minutes = Number(draft.minutes);
  if (!/^\d+$/.test(draft.minutes.trim()) || minutes < MINUTES.min || minutes > MINUTES.max) {
    errors.minutes = `Vul een heel aantal minuten in, van ${MINUTES.min} tot ${MINUTES.max}.`;
  }
  return errors;
}

/** What the server said when it refused the package: its summary and every issue (422). */
function refusalOf(error: unknown): Refusal {
  if (error instanceof ApiError && error.status === 422) {
    const body = typeof error.body === 'object' && error.body !== null ? (error.body as { issues?: unknown }) : {};
    const issues = Array.isArray(body.issues)
      ? body.issues.flatMap((issue): PackageIssue[] => {
          const { path, message } = typeof issue === 'object' && issue !== null ? (issue as Partial<PackageIssue>) : {};
          return typeof message === 'string' ? [{ path: typeof path === 'string' ? path : '', message }] : [];
        })
      : [];
    return { summary: error.serverMessage ?? 'Dit pakket kan niet worden toegevoegd.', issues };
  }
  if (error instanceof ApiError && error.status === 413) {
    return { summary: error.serverMessage ?? 'Dit pakket is te groot. Een pakket mag hoogstens 4 MB zijn.', issues: [] };
  }
  return { summary: failureMessage(error, 'Het pakket kon nu niet worden toegevoegd. Probeer het over een paar minuten opnieuw.'), issues: [] };
}

/** The file's bytes as base64 (a data URL's payload). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

function sizeLabel(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB`;
}
