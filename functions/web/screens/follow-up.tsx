/** The follow-up choice (learning outcome 8): one of the four learning routes, or not now. */
import { useState } from 'preact/hooks';
import type { FollowUpRoute } from '../../core/course/schema.js';
import { followUpChosen } from '../../core/xapi/profile/builders.js';
import { nowIso } from '../clock.js';
import { ItemFrame } from '../components/item-frame.js';
import { Markdown } from '../components/markdown.js';
import { useDraft } from '../drafts.js';
import { useSession } from '../session.js';

interface ChoiceDraft extends Record<string, unknown> {
  route?: string;
  /** The choice last sent, and when. */
  chosen?: string;
  chosenAt?: string;
}

export function FollowUpScreen() {
  const { session } = useSession();
  const item = session.course.followUpChoice;
  const [draft, setDraft] = useDraft<ChoiceDraft>(session.drafts, item.id, {});
  const [error, setError] = useState('');
  const [saved, setSaved] = useState(false);

  const submit = (event: Event) => {
    event.preventDefault();
    if (!draft.route) {
      setError('Kies een van de mogelijkheden.');
      document.querySelector<HTMLInputElement>('input[name="vervolg"]')?.focus();
      return;
    }
    const route = draft.route as FollowUpRoute;
    const activeIntervals = session.tracker.take(item.id);
    const ok = session.record((base) => followUpChosen({ ...base(), route, ...(activeIntervals.length > 0 ? { activeIntervals } : {}) }));
    if (ok) {
      setDraft({ ...draft, chosen: route, chosenAt: nowIso() });
      session.markDone(item.id);
      setSaved(true);
    }
  };

  const chosenTitle = item.options.find((o) => o.id === draft.chosen)?.title;
  return (
    <ItemFrame item={item}>
      <Markdown source={item.intro} />
      <form class="form" onSubmit={submit} noValidate>
        <fieldset class="field choice" aria-describedby={error ? 'vervolg-fout' : undefined}>
          <legend>Wat kies je?</legend>
          <div class="options">
            {item.options.map((option) => (
              <label class="option rich" key={option.id}>
                <input
                  type="radio"
                  name="vervolg"
                  value={option.id}
                  checked={draft.route === option.id}
                  onChange={() => {
                    setDraft({ ...draft, route: option.id });
                    setError('');
                    setSaved(false);
                  }}
                />
                <span>
                  <strong>{option.title}</strong>
                  <span class="option-text">{option.description}</span>
                </span>
              </label>
            ))}
          </div>
          {error && (
            <p class="field-error" id="vervolg-fout">
              {error}
            </p>
          )}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button primary">
            {draft.chosen ? 'Keuze aanpassen' : 'Keuze opslaan'}
          </button>
        </div>
        <div role="status" aria-live="polite">
          {saved && <p class="feedback good">Je keuze is opgeslagen: {chosenTitle}. Je kunt hem nog aanpassen tot je de cursus hebt afgerond.</p>}
          {!saved && chosenTitle && <p class="hint">Je hebt gekozen: {chosenTitle}. Je kunt je keuze aanpassen tot je de cursus hebt afgerond.</p>}
        </div>
      </form>
    </ItemFrame>
  );
}
