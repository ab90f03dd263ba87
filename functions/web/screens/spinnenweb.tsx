/**
 * Filling in one's own spinnenweb: per dimension, the aspects to think about first, then a grade
 * from 0 to 10. Private, and it gates nothing. Sends `spinnenwebFilledIn`; the chart shows this
 * fill-in and the earlier ones.
 */
import { useState } from 'preact/hooks';
import type { SpinnenwebItem } from '../../core/course/schema.js';
import type { DimensionId } from '../../core/course/schema.js';
import { spinnenwebFilledIn } from '../../core/xapi/profile/builders.js';
import { LockIcon } from '../components/badges.js';
import { ItemFrame } from '../components/item-frame.js';
import { Markdown } from '../components/markdown.js';
import { RadarChart, type RadarEntry } from '../components/radar-chart.js';
import { saveStateText, useDraft } from '../drafts.js';
import { useSession, type SpinnenwebEntry } from '../session.js';

interface SpinnenwebDraft extends Record<string, unknown> {
  scores: Record<string, number>;
}

export function SpinnenwebScreen({ item }: { item: SpinnenwebItem }) {
  const view = useSession();
  const { session, progress } = view;
  const { spinnenweb } = session.course;
  const [draft, setDraft, saveState] = useDraft<SpinnenwebDraft>(session.drafts, item.id, { scores: {} });
  const [errors, setErrors] = useState<Record<string, boolean>>({});
  const [saved, setSaved] = useState(false);
  const [, rerender] = useState(0);

  const entries = chartEntries(progress?.spinnenweb, session.spinnenwebHere(), session.outbox.isPending);
  const grades = Array.from({ length: spinnenweb.scale.max - spinnenweb.scale.min + 1 }, (_, i) => spinnenweb.scale.min + i);

  const choose = (dimensionId: string, grade: number) => {
    setDraft({ ...draft, scores: { ...draft.scores, [dimensionId]: grade } });
    setErrors({ ...errors, [dimensionId]: false });
    setSaved(false);
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const missing = spinnenweb.dimensions.filter((d) => draft.scores[d.id] === undefined);
    if (missing.length > 0) {
      setErrors(Object.fromEntries(missing.map((d) => [d.id, true])));
      document.querySelector<HTMLInputElement>(`input[name="cijfer-${missing[0]!.id}"]`)?.focus();
      return;
    }
    const activeIntervals = session.tracker.take(item.id);
    let made: { at: string; statementId: string } | undefined;
    const ok = session.record((base) => {
      const statement = spinnenwebFilledIn({
        ...base(),
        itemId: item.id,
        scores: draft.scores as Record<DimensionId, number>,
        ...(activeIntervals.length > 0 ? { activeIntervals } : {}),
      });
      made = { at: statement.timestamp!, statementId: statement.id! };
      return statement;
    });
    if (ok && made) {
      session.addSpinnenweb({ ...made, scores: { ...draft.scores } });
      session.markDone(item.id);
      setDraft({ scores: {} });
      setSaved(true);
      rerender((n) => n + 1);
      requestAnimationFrame(() => document.getElementById('jouw-spinnenweb')?.focus());
    }
  };

  return (
    <ItemFrame item={item}>
      <Markdown source={item.intro} />
      <p class="privacy">
        <LockIcon /> 
        {spinnenweb.privacyNote}
      </p>

      {entries.length > 0 && (
        <section class="card chart" aria-labelledby="jouw-spinnenweb">
          <h2 id="jouw-spinnenweb" tabIndex={-1}>
            Jouw spinnenweb
          </h2>
          {saved && (
            <p class="feedback good" role="status">
              Je spinnenweb is opgeslagen. Wat valt je op als je het plaatje bekijkt?
            </p>
          )}
          <RadarChart dimensions={spinnenweb.dimensions} entries={entries} titleId="jouw-spinnenweb" />
        </section>
      )}

      <form class="form" onSubmit={submit} noValidate>
        <h2>{entries.length > 0 ? 'Opnieuw invullen' : 'Vul je spinnenweb in'}</h2>
        <p class="hint">
          Lees bij elke dimensie eerst de vragen. Geef daarna jezelf een cijfer van {spinnenweb.scale.min} tot {spinnenweb.scale.max}. Er is geen goed of fout.
        </p>
        {spinnenweb.dimensions.map((dimension) => (
          <section class="card dimension" key={dimension.id} aria-labelledby={`dim-${dimension.id}`}>
            <h3 id={`dim-${dimension.id}`}>{dimension.name}</h3>
            <p>{dimension.description}</p>
            <p class="aspects-title">Denk eerst na over:</p>
            <ul class="aspects">
              {dimension.aspects.map((aspect) => (
                <li key={aspect}>{aspect}</li>
              ))}
            </ul>
            <fieldset class="grades" aria-describedby={errors[dimension.id] ? `fout-${dimension.id}` : undefined}>
              <legend>
                Jouw cijfer voor {dimension.name.toLowerCase()} ({spinnenweb.scale.min} tot {spinnenweb.scale.max})
              </legend>
              <div class="grade-row">
                {grades.map((grade) => (
                  <label class="grade" key={grade}>
                    <input
                      type="radio"
                      name={`cijfer-${dimension.id}`}
                      value={grade}
                      checked={draft.scores[dimension.id] === grade}
                      onChange={() => choose(dimension.id, grade)}
                    />
                    <span>{grade}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            {errors[dimension.id] && (
              <p class="field-error" id={`fout-${dimension.id}`}>
                Kies nog een cijfer voor {dimension.name.toLowerCase()}.
              </p>
            )}
          </section>
        ))}
        <div class="form-actions">
          <button type="submit" class="button primary">
            Spinnenweb opslaan
          </button>
          <span class="save-state">{saveStateText(saveState)}</span>
        </div>
      </form>
    </ItemFrame>
  );
}

/**
 * The server's fill-ins (from every device), plus those made here that have not reached it yet.
 * Without the server's progress, the ones made on this device.
 */
function chartEntries(fromServer: RadarEntry[] | undefined, here: SpinnenwebEntry[], isPending: (statementId: string) => boolean): RadarEntry[] {
  if (!fromServer) return here;
  return [...fromServer, ...here.filter((e) => e.statementId !== undefined && isPending(e.statementId))];
}
