/**
 * The accreditation body's report: per participant the registration number (only where the
 * participant consented), name, course and version, hours and points, completion date and the
 * contact moment. Filters: period, completed or not. The CSV is the file for the register's import.
 */
import { useState } from 'preact/hooks';
import { api, type AccreditationReportRow } from '../api.js';
import { failureMessage } from '../contact-view.js';
import { saveFile } from '../save-file.js';
import { useLoad } from '../use-load.js';

const STATUS_OPTIONS = [
  { value: 'completed', label: 'Afgerond' },
  { value: 'not-completed', label: 'Nog niet afgerond' },
  { value: 'all', label: 'Iedereen' },
] as const;

const FORM_LABEL: Record<string, string> = { coaching: 'coachgesprek', inspiratiesessie: 'inspiratiesessie' };

function queryOf(filter: { from: string; to: string; status: string }): string {
  const params = new URLSearchParams();
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  params.set('status', filter.status);
  return params.toString();
}

const day = (iso: string | undefined) => (iso ? new Date(`${iso}T12:00:00Z`).toLocaleDateString('nl-NL') : '');

export function AccreditationReport() {
  const [draft, setDraft] = useState({ from: '', to: '', status: 'completed' });
  const [filter, setFilter] = useState(draft);
  const [loaded] = useLoad(() => api.accreditationReport(queryOf(filter)), `accreditation-report?${queryOf(filter)}`);
  const [csvError, setCsvError] = useState('');
  const rows = loaded.state === 'loaded' ? loaded.data.rows : undefined;

  const downloadCsv = async () => {
    setCsvError('');
    try {
      const { status: _status, ...period } = filter;
      saveFile(await api.accreditationCsv(queryOf({ ...period, status: 'completed' })), `afgeronde-deelnemers-${new Date().toISOString().slice(0, 10)}.csv`);
    } catch (caught) {
      setCsvError(failureMessage(caught, 'Het bestand kon nu niet worden gemaakt. Probeer het over een paar minuten opnieuw.'));
    }
  };

  return (
    <div class="admin-list">
      <h1 tabIndex={-1}>Accreditatie: deelnemers en punten</h1>
      <p class="lead">
        Hier zie je wie de Introductie heeft afgerond, met de studie-uren en punten (1 punt per uur). Een registratienummer staat er alleen als de
        deelnemer toestemming gaf om het te bewaren.
      </p>
      <form
        class="field-row"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(draft);
        }}
      >
        <div class="field">
          <label for="periode-van">Afgerond vanaf</label>
          <input id="periode-van" type="date" value={draft.from} onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="periode-tot">Afgerond tot en met</label>
          <input id="periode-tot" type="date" value={draft.to} onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="status-keuze">Welke deelnemers</label>
          <select id="status-keuze" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value })}>
            {STATUS_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <p>
          <button type="submit" class="button">
            Toon
          </button>
        </p>
      </form>
      <p>
        <button type="button" class="button primary" onClick={() => void downloadCsv()}>
          Download CSV voor het register
        </button>
      </p>
      <p class="hint">Het CSV-bestand bevat alleen afgeronde deelnemers in de gekozen periode, met registratienummer en afronddatum per regel.</p>
      {csvError && (
        <p class="error-box" role="alert">
          {csvError}
        </p>
      )}
      {loaded.state === 'loading' && <p role="status">Het overzicht wordt geladen…</p>}
      {loaded.state === 'failed' && (
        <p class="error-box" role="alert">
          {loaded.message}
        </p>
      )}
      {rows && rows.length === 0 && <p>Er zijn geen deelnemers die bij deze keuze passen.</p>}
      {rows && rows.length > 0 && <ReportTable rows={rows} />}
    </div>
  );
}

function ReportTable({ rows }: { rows: AccreditationReportRow[] }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label="Overzicht van deelnemers">
      <table class="report">
        <caption>
          {rows.length} {rows.length === 1 ? 'deelnemer' : 'deelnemers'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Naam</th>
            <th scope="col">Registratienummer</th>
            <th scope="col">Cursus (versie)</th>
            <th scope="col">Uren</th>
            <th scope="col">Punten</th>
            <th scope="col">Afgerond op</th>
            <th scope="col">Contactmoment</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.registration}>
              <th scope="row">{row.name}</th>
              <td>{row.registrationNumber ? `${row.registrationNumber.number} (${row.registrationNumber.register})` : 'geen toestemming of niet opgegeven'}</td>
              <td>Introductie Positieve Gezondheid ({row.courseVersion})</td>
              <td>{row.studyHours ?? ''}</td>
              <td>{row.accreditationPoints ?? ''}</td>
              <td>{row.completed ? day(row.completedOn) : 'nog niet afgerond'}</td>
              <td>{row.contactMoment ? `${day(row.contactMoment.date)}, ${FORM_LABEL[row.contactMoment.form] ?? row.contactMoment.form}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
