/**
 * The course overview: where to go on, the progress (study time and the eight learning outcomes),
 * every item of the three work moments with the assignments between them, the final part, and
 * the contact moment with what is still missing before it opens.
 */
import { api, type Progress } from '../api.js';
import { FORM_LABEL, slotWhen } from '../contact-view.js';
import { useLoad } from '../use-load.js';
import { IDLE_TIMEOUT_MS } from '../activity-tracker.js';
import { DoneBadge, LockIcon } from '../components/badges.js';
import { Markdown } from '../components/markdown.js';
import { MyDataPanel } from '../components/my-data-panel.js';
import { RegistrationNumberPanel } from '../components/registration-number-panel.js';
import { hrefFor, itemsInOrder, KIND_LABEL, minutesLabel, type ViewItem } from '../course-nav.js';
import { isDone, sentence, withoutOutcomeNumber } from '../progress-view.js';
import { useSession } from '../session.js';

export function Overview() {
  const view = useSession();
  const { session, progress } = view;
  const { course, me } = session;
  const items = itemsInOrder(course);
  const firstName = me.name.split(' ')[0] ?? me.name;
  const anyDone = items.some((item) => isDone(view, item.id));
  const allDone = items.every((item) => isDone(view, item.id));
  const resume =
    (progress?.resumeItemId ? items.find((item) => item.id === progress.resumeItemId) : undefined) ??
    items.find((item) => isDone(view, item.id) === false) ??
    items[0]!;

  return (
    <div class="overview">
      <h1 tabIndex={-1}>{course.title}</h1>
      <p class="lead">
        Hallo {firstName}. {course.summary}
      </p>
      {allDone ? (
        <p class="resume">
          <a class="button primary big" href="#/contactmoment">
            Naar het contactmoment
          </a>
          <span class="resume-what">Je hebt alle onderdelen gedaan.</span>
        </p>
      ) : (
        <p class="resume">
          <a class="button primary big" href={hrefFor(resume)}>
            {anyDone ? 'Verder waar je was' : 'Begin met de cursus'}
          </a>
          <span class="resume-what">
            {KIND_LABEL[resume.kind]}: {resume.title}
          </span>
        </p>
      )}

      <ProgressPanel progress={progress} />

      <section aria-labelledby="cursus-titel" class="course-parts">
        <h2 id="cursus-titel">De cursus stap voor stap</h2>
        {course.workMoments.map((moment, index) => (
          <div key={moment.id}>
            <section class="card moment" aria-labelledby={`titel-${moment.id}`}>
              <h3 id={`titel-${moment.id}`}>
                <span class="eyebrow">Werkmoment {index + 1}</span>
                {moment.title}
              </h3>
              <details class="intro">
                <summary>Waar gaat dit werkmoment over?</summary>
                <Markdown source={moment.intro} baseLevel={3} />
              </details>
              <ItemList items={moment.items} />
            </section>
            {course.assignments
              .filter((a) => a.afterWorkMoment === moment.id)
              .map((assignment) => (
                <section class="card assignment" key={assignment.id} aria-labelledby={`titel-${assignment.id}`}>
                  <h3 id={`titel-${assignment.id}`}>
                    <span class="eyebrow">Opdracht tussendoor</span>
                    <a href={hrefFor(assignment)}>{assignment.title}</a>
                  </h3>
                  <p>{assignment.summary}</p>
                  <p class="meta">
                    <span>Wanneer: {assignment.timeFrame}</span>
                    <span aria-hidden="true"> · </span>
                    <StatusOf itemId={assignment.id} />
                  </p>
                </section>
              ))}
          </div>
        ))}
        <section class="card" aria-labelledby="titel-afronden">
          <h3 id="titel-afronden">
            <span class="eyebrow">Afronden</span>
            Eindtoets, evaluatie en je vervolgkeuze
          </h3>
          <ItemList items={[course.finalTest, course.evaluation, course.followUpChoice]} />
          {progress?.finalTest.message && <p class="meta">{progress.finalTest.message}</p>}
        </section>
      </section>

      <ContactMomentCard progress={progress} />
      <RegistrationNumberPanel />
      <MyDataPanel />
    </div>
  );
}

function StatusOf({ itemId }: { itemId: string }) {
  const done = isDone(useSession(), itemId);
  return done === undefined ? null : <DoneBadge done={done} />;
}

function ItemList({ items }: { items: ViewItem[] }) {
  return (
    <ol class="items">
      {items.map((item) => (
        <li key={item.id}>
          <a href={hrefFor(item)}>{item.title}</a>
          <span class="meta">
            {KIND_LABEL[item.kind]}
            <span aria-hidden="true"> · </span>
            {minutesLabel(item.nominalMinutes)}
          </span>
          <StatusOf itemId={item.id} />
        </li>
      ))}
    </ol>
  );
}

function ProgressPanel({ progress }: { progress: Progress | null | undefined }) {
  return (
    <section class="card progress" aria-labelledby="voortgang-titel">
      <h2 id="voortgang-titel">Je voortgang</h2>
      {progress === undefined && <p role="status">Je voortgang wordt geladen…</p>}
      {progress === null && <p>Je voortgang is nu niet te zien. Wat je doet, wordt wel bewaard.</p>}
      {progress && (
        <>
          <h3 id="studietijd-titel">Studietijd</h3>
          <StudyTimeBar progress={progress} />
          <h3>Leeruitkomsten</h3>
          <ul class="outcomes">
            {progress.outcomes.map((outcome) => (
              <li key={outcome.number} class={outcome.met ? 'met' : 'open'}>
                <span class="outcome-icon" aria-hidden="true">
                  {outcome.met ? '✓' : '○'}
                </span>
                <div>
                  <p class="outcome-title">
                    <strong>Leeruitkomst {outcome.number}</strong>: {outcome.title}
                  </p>
                  <p class="outcome-status">{outcome.met ? 'Behaald.' : 'Nog niet behaald.'}</p>
                  {!outcome.met && outcome.missing.length > 0 && (
                    <ul class="missing">
                      {outcome.missing.map((line) => (
                        <li key={line}>{withoutOutcomeNumber(line)}</li>
                      ))}
                    </ul>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function StudyTimeBar({ progress }: { progress: Progress }) {
  const { creditedMinutes, thresholdMinutes, line } = progress.studyTime;
  const shown = Math.min(creditedMinutes, thresholdMinutes);
  const percent = thresholdMinutes > 0 ? Math.round((shown / thresholdMinutes) * 100) : 100;
  return (
    <div class="studytime">
      <div
        class="bar"
        role="progressbar"
        aria-labelledby="studietijd-titel"
        aria-valuemin={0}
        aria-valuemax={thresholdMinutes}
        aria-valuenow={shown}
        aria-valuetext={`${creditedMinutes} van de ${thresholdMinutes} minuten`}
      >
        <span class="bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <p>
        {creditedMinutes >= thresholdMinutes ? (
          <>
            <strong>{creditedMinutes} minuten</strong> (nodig voor het contactmoment: {thresholdMinutes}). {sentence(line)}.
          </>
        ) : (
          <>
            <strong>
              {creditedMinutes} van de {thresholdMinutes} minuten
            </strong>
            . {sentence(line)}.
          </>
        )}
      </p>
      <p class="hint">Alleen de tijd waarin je echt met de cursus bezig bent, telt mee. Na {IDLE_TIMEOUT_MS / 60_000} minuten zonder muis, toetsenbord of scrollen stopt de klok.</p>
    </div>
  );
}

function ContactMomentCard({ progress }: { progress: Progress | null | undefined }) {
  const { session } = useSession();
  const { contactMoment } = session.course;
  return (
    <section class="card contact" aria-labelledby="contact-titel">
      <h2 id="contact-titel">{contactMoment.title}</h2>
      {progress?.gate.open ? (
        <OpenContactMoment />
      ) : (
        <>
          <p class="badge locked">
            <LockIcon /> Nog niet open
          </p>
          {progress && progress.gate.missing.length > 0 && (
            <details class="gate-missing">
              <summary>
                Wat is er nog nodig? ({progress.gate.missing.length} {progress.gate.missing.length === 1 ? 'punt' : 'punten'})
              </summary>
              <ul class="missing">
                {progress.gate.missing.map((line) => (
                  <li key={line}>{sentence(line)}</li>
                ))}
              </ul>
            </details>
          )}
          {!progress && <p>Het contactmoment gaat open als je genoeg studietijd hebt, alle leeruitkomsten hebt laten zien en de eindtoets hebt gehaald.</p>}
        </>
      )}
      <p>
        <a href="#/contactmoment">Meer over het contactmoment</a>
      </p>
    </section>
  );
}

/** Open: whether it is planned yet, or done (from the contact moment's own view). */
function OpenContactMoment() {
  const [loaded] = useLoad(api.contactMoment, 'contact-moment');
  const view = loaded.state === 'loaded' ? loaded.data : undefined;
  if (view?.status === 'completed') {
    return (
      <>
        <p class="badge done">
          <span aria-hidden="true">✓ </span>Afgerond
        </p>
        <p>Je hebt de Introductie afgerond. Je certificaat staat klaar bij het contactmoment.</p>
      </>
    );
  }
  return (
    <>
      <p class="badge done">
        <span aria-hidden="true">✓ </span>Open
      </p>
      {view?.booking ? (
        <p>
          {view.booking.kind === 'slot' && view.booking.startsAt
            ? `Je afspraak: ${FORM_LABEL[view.booking.form].toLowerCase()}, ${slotWhen(view.booking.startsAt, view.booking.endsAt)}.`
            : 'Je hebt gevraagd of je coach contact met je opneemt.'}
        </p>
      ) : (
        <p>Je hebt alles gedaan wat nodig is. Je kunt nu je persoonlijke contactmoment plannen.</p>
      )}
    </>
  );
}
