/**
 * A reflection: one text box per prompt, in the participant's own words. Autosaved (drafts.ts);
 * saving it sends one `reflectionWritten` per prompt, carrying the active time spent here.
 */
import { useState } from 'preact/hooks';
import type { ReflectionItem } from '../../core/course/schema.js';
import { reflectionWritten } from '../../core/xapi/profile/builders.js';
import { splitIntervals } from '../activity-tracker.js';
import { isoAt, nowIso, nowMs } from '../clock.js';
import { LockIcon } from '../components/badges.js';
import { ItemFrame } from '../components/item-frame.js';
import { Markdown } from '../components/markdown.js';
import { saveStateText, useDraft } from '../drafts.js';
import { useSession } from '../session.js';

interface ReflectionDraft extends Record<string, unknown> {
  answers: Record<string, string>;
  submittedAt?: string;
}

export function wordCount(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length;
}

export function ReflectionScreen({ item }: { item: ReflectionItem }) {
  const { session } = useSession();
  const [draft, setDraft, saveState] = useDraft<ReflectionDraft>(session.drafts, item.id, { answers: {} });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  const change = (promptId: string, text: string) => {
    setDraft({ ...draft, answers: { ...draft.answers, [promptId]: text } });
    setSaved(false);
    if (errors[promptId]) setErrors({ ...errors, [promptId]: '' });
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const prompt of item.prompts) {
      const words = wordCount(draft.answers[prompt.id] ?? '');
      const needed = Math.max(1, prompt.minWords);
      if (words < needed) found[prompt.id] = words === 0 ? 'Schrijf hier je antwoord.' : `Schrijf nog minstens ${needed - words} ${needed - words === 1 ? 'woord' : 'woorden'}.`;
    }
    setErrors(found);
    const firstWrong = item.prompts.find((p) => found[p.id]);
    if (firstWrong) {
      document.getElementById(`${item.id}-${firstWrong.id}`)?.focus();
      return;
    }
    // The time spent here since the last report goes with the reflection, each moment once over
    // the prompts. The template needs some active time on every prompt; if the last report was a
    // moment ago, the click itself (a few milliseconds from now) is that time.
    let shares = splitIntervals(session.tracker.take(item.id), item.prompts.length);
    if (shares.some((share) => share.length === 0)) {
      const at = nowMs();
      shares = splitIntervals([...shares.flat(), [isoAt(at), isoAt(at + item.prompts.length)]], item.prompts.length);
    }
    const ok = session.record((base) =>
      item.prompts.map((prompt, index) =>
        reflectionWritten({ ...base(), itemId: item.id, promptId: prompt.id, text: (draft.answers[prompt.id] ?? '').trim(), activeIntervals: shares[index]! }),
      ),
    );
    if (ok) {
      setDraft({ ...draft, submittedAt: nowIso() });
      session.markDone(item.id);
      setSaved(true);
    }
  };

  return (
    <ItemFrame item={item}>
      <Markdown source={item.intro} />
      <p class="privacy">
        <LockIcon /> Wat je hier schrijft, is alleen voor jou.
      </p>
      <form class="form" onSubmit={submit} noValidate>
        {item.prompts.map((prompt) => {
          const id = `${item.id}-${prompt.id}`;
          const text = draft.answers[prompt.id] ?? '';
          const words = wordCount(text);
          const error = errors[prompt.id];
          return (
            <div class="field" key={prompt.id}>
              <label for={id}>{prompt.question}</label>
              <textarea
                id={id}
                rows={7}
                value={text}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={`${id}-count${error ? ` ${id}-error` : ''}`}
                onInput={(e) => change(prompt.id, e.currentTarget.value)}
              />
              <p class="hint" id={`${id}-count`}>
                {prompt.minWords > 0 ? `Minstens ${prompt.minWords} woorden. ` : ''}Je hebt er nu {words}.
              </p>
              {error && (
                <p class="field-error" id={`${id}-error`}>
                  {error}
                </p>
              )}
            </div>
          );
        })}
        <div class="form-actions">
          <button type="submit" class="button primary">
            {draft.submittedAt ? 'Opnieuw opslaan' : 'Reflectie opslaan'}
          </button>
          <span class="save-state">
            {saveStateText(saveState)}
          </span>
        </div>
        <div role="status" aria-live="polite">
          {saved && <p class="feedback good">Je reflectie is opgeslagen. Alleen jij kunt hem lezen.</p>}
          {!saved && draft.submittedAt && <p class="hint">Je hebt deze reflectie al opgeslagen. Je mag hem aanpassen en opnieuw opslaan.</p>}
        </div>
      </form>
    </ItemFrame>
  );
}
