/**
 * One of the coach's participants: where they stand (study time, outcomes, final test, what is
 * missing), their booking, their spinnenweb and reflections only while they share them, earlier
 * contact moments, and the form to record the contact moment (attended completes the course).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type CoachParticipantDetail } from '../api.js';
import { CoachRecordForm } from '../components/coach-record-form.js';
import { RadarChart } from '../components/radar-chart.js';
import { FORM_LABEL, STATUS_LABEL } from '../contact-view.js';
import { formatDate, formatDateTime, sentence } from '../progress-view.js';
import { titleFromHeading } from '../screen-focus.js';
import { useLoad } from '../use-load.js';
import { useWorkspace } from '../workspace.js';
import { bookingLine } from './coach-participants.js';

export function CoachParticipant({ registration }: { registration: string }) {
  const { course } = useWorkspace();
  const [loaded, reload] = useLoad(() => api.coachParticipant(registration), `coach-participant:${registration}`);
  const detail = loaded.state === 'loaded' ? loaded.data : undefined;
  const [recorded, setRecorded] = useState('');
  const recordedRef = useRef<HTMLParagraphElement>(null);

  // The h1 stays the same element while the name arrives; the page title follows it.
  useEffect(titleFromHeading, [detail?.name]);

  return (
    <article class="participant-detail">
      <p class="crumbs">
        <a href="#/coach">Je deelnemers</a>
        <span aria-hidden="true"> › </span>Deelnemer
      </p>
      <h1 tabIndex={-1}>{detail?.name ?? 'Deelnemer'}</h1>
      {loaded.state === 'loading' && <p role="status">De gegevens van de deelnemer worden geladen…</p>}
      {loaded.state === 'failed' && (
        <p class="error-box" role="alert">
          {loaded.message}
        </p>
      )}
      {recorded && (
        <p class="feedback good" role="status" tabIndex={-1} ref={recordedRef}>
          {recorded}
        </p>
      )}
      {detail && (
        <>
          <p class={`badge status ${detail.status}`}>{STATUS_LABEL[detail.status]}</p>
          <Progress detail={detail} />
          <section class="card" aria-labelledby="afspraak-titel">
            <h2 id="afspraak-titel">Afspraak</h2>
            {detail.booking ? <p>{bookingLine(detail.booking)}</p> : <p>{detail.status === 'completed' ? 'Het contactmoment is geweest.' : 'Nog geen afspraak.'}</p>}
          </section>
          <SharedWork detail={detail} dimensions={course.spinnenweb.dimensions} />
          {detail.contactMoments.length > 0 && <EarlierMoments detail={detail} />}
          <section class="card" aria-labelledby="vastleggen-titel">
            <h2 id="vastleggen-titel">Contactmoment vastleggen</h2>
            {detail.status === 'completed' ? (
              <p>Het contactmoment is vastgelegd en {detail.name} heeft de Introductie afgerond.</p>
            ) : detail.status === 'in_progress' ? (
              <p>Vastleggen kan zodra {detail.name} klaar is voor het contactmoment. Hierboven staat wat nog ontbreekt.</p>
            ) : (
              <CoachRecordForm
                key={detail.contactMoments.length}
                detail={detail}
                onRecorded={(result) => {
                  setRecorded(
                    result.record.attended
                      ? `Vastgelegd. ${detail.name} heeft de Introductie afgerond; het certificaat staat klaar in de cursusomgeving.`
                      : `Vastgelegd dat ${detail.name} er niet was. ${detail.name} kan nu een nieuw moment kiezen.`,
                  );
                  void reload().then(() => requestAnimationFrame(() => recordedRef.current?.focus()));
                }}
              />
            )}
          </section>
        </>
      )}
      <p class="back">
        <a href="#/coach">Terug naar je deelnemers</a>
      </p>
    </article>
  );
}

function Progress({ detail }: { detail: CoachParticipantDetail }) {
  return (
    <section class="card" aria-labelledby="voortgang-titel">
      <h2 id="voortgang-titel">Voortgang</h2>
      <dl class="facts">
        <dt>Studietijd</dt>
        <dd>
          {detail.creditedMinutes} van {detail.thresholdMinutes} minuten
        </dd>
        <dt>Eindtoets</dt>
        <dd>{detail.finalTestPassed ? 'Gehaald' : 'Nog niet gehaald'}</dd>
        <dt>Leeruitkomsten</dt>
        <dd>
          {detail.outcomesMet} van {detail.outcomesTotal} behaald
        </dd>
      </dl>
      <ul class="outcomes compact">
        {detail.outcomes.map((o) => (
          <li key={o.number} class={o.met ? 'met' : 'open'}>
            <span class="outcome-icon" aria-hidden="true">
              {o.met ? '✓' : '○'}
            </span>
            <p>
              <strong>Leeruitkomst {o.number}</strong>: {o.title} <span class="sr-only">{o.met ? '(behaald)' : '(nog niet behaald)'}</span>
            </p>
          </li>
        ))}
      </ul>
      {detail.missing.length > 0 && (
        <>
          <h3>Wat nog ontbreekt voor het contactmoment</h3>
          <ul class="missing">
            {detail.missing.map((line) => (
              <li key={line}>{sentence(line)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function SharedWork({ detail, dimensions }: { detail: CoachParticipantDetail; dimensions: Parameters<typeof RadarChart>[0]['dimensions'] }) {
  const firstName = detail.name.split(' ')[0] ?? detail.name;
  return (
    <section class="card shared" aria-labelledby="gedeeld-titel">
      <h2 id="gedeeld-titel">Spinnenweb en reflecties</h2>
      {!detail.shared ? (
        <p>
          {firstName} heeft het spinnenweb en de reflecties niet met je gedeeld. In het gesprek hoor je wat {firstName} wil vertellen.
        </p>
      ) : (
        <>
          <p class="hint">
            {firstName} deelt dit met je{detail.consent.changedAt ? ` sinds ${formatDateTime(detail.consent.changedAt)}` : ''}. Het is alleen bedoeld om het gesprek voor te
            bereiden.
          </p>
          <h3 id="spinnenweb-deelnemer">Spinnenweb</h3>
          {detail.shared.spinnenweb.length > 0 ? (
            <RadarChart dimensions={dimensions} entries={detail.shared.spinnenweb} titleId="spinnenweb-deelnemer" owner={firstName} />
          ) : (
            <p>Nog niet ingevuld.</p>
          )}
          <h3>Reflecties</h3>
          {detail.shared.reflections.length === 0 ? (
            <p>Nog geen reflecties geschreven.</p>
          ) : (
            byItem(detail.shared.reflections).map(([itemTitle, reflections]) => (
              <div key={itemTitle} class="reflection-item">
                <h4>{itemTitle}</h4>
                <ul class="reflections">
                  {reflections.map((r) => (
                    <li key={`${r.itemId}/${r.promptId}`}>
                      <p class="reflection-question">{r.question}</p>
                      <blockquote>{r.text}</blockquote>
                    </li>
                  ))}
                </ul>
              </div>
            ))
          )}
        </>
      )}
    </section>
  );
}

type Reflection = NonNullable<CoachParticipantDetail['shared']>['reflections'][number];

/** The reflections per course item, in the course's order (as the server sends them). */
function byItem(reflections: Reflection[]): Array<[string, Reflection[]]> {
  const groups = new Map<string, Reflection[]>();
  for (const r of reflections) groups.set(r.itemTitle, [...(groups.get(r.itemTitle) ?? []), r]);
  return [...groups];
}

function EarlierMoments({ detail }: { detail: CoachParticipantDetail }) {
  const { course } = useWorkspace();
  const notes = course.contactMoment.coachRecord.fields.filter((f) => f.type === 'longtext' || f.type === 'text');
  return (
    <section class="card" aria-labelledby="eerder-titel">
      <h2 id="eerder-titel">Vastgelegde contactmomenten</h2>
      <ul class="records">
        {detail.contactMoments.map((m) => (
          <li key={m.recordedAt}>
            <p>
              <strong>
                {formatDate(`${m.date}T12:00:00Z`)}, {FORM_LABEL[m.form].toLowerCase()}
              </strong>
              : {m.attended ? 'heeft plaatsgevonden' : `${detail.name.split(' ')[0]} was er niet`}.
            </p>
            {notes
              .filter((f) => typeof m.answers[f.id] === 'string')
              .map((f) => (
                <div key={f.id} class="note">
                  <p class="note-label">{f.label}</p>
                  <p>{String(m.answers[f.id])}</p>
                </div>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
