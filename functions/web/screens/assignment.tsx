/**
 * A do-and-experience assignment: what to do and when, then the report form (autosaved). Sending
 * the report sends `assignmentReported`; the assignment's minutes count from then on.
 */
import { useState } from 'preact/hooks';
import type { AssignmentItem } from '../../core/course/schema.js';
import { assignmentReported } from '../../core/xapi/profile/builders.js';
import { nowIso } from '../clock.js';
import { CourseForm, focusFirstError, formAnswers, validateForm, type FormValues } from '../components/course-form.js';
import { ItemFrame } from '../components/item-frame.js';
import { Markdown } from '../components/markdown.js';
import { saveStateText, useDraft } from '../drafts.js';
import { useSession } from '../session.js';

interface ReportDraft extends Record<string, unknown> {
  values: FormValues;
  submittedAt?: string;
}

export function AssignmentScreen({ item }: { item: AssignmentItem }) {
  const { session } = useSession();
  const [draft, setDraft, saveState] = useDraft<ReportDraft>(session.drafts, item.id, { values: {} });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const prefix = `verslag-${item.id}`;

  const submit = (event: Event) => {
    event.preventDefault();
    const found = validateForm(item.reportForm, draft.values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(item.reportForm, prefix, found);
      return;
    }
    const ok = session.record((base) => assignmentReported({ ...base(), itemId: item.id, answers: formAnswers(item.reportForm, draft.values) }));
    if (ok) {
      setDraft({ ...draft, submittedAt: nowIso() });
      session.markDone(item.id);
      setSaved(true);
    }
  };

  return (
    <ItemFrame item={item}>
      <p class="lead">{item.summary}</p>
      <p class="when">
        <strong>Wanneer:</strong> {item.timeFrame}
      </p>
      <Markdown source={item.instructions} />
      <form class="form card report" onSubmit={submit} noValidate>
        <h2>Je verslag</h2>
        <p class="hint">Wat je typt, wordt steeds bewaard. Je kunt het verslag dus in delen invullen.</p>
        <CourseForm
          form={item.reportForm}
          idPrefix={prefix}
          values={draft.values}
          errors={errors}
          headingLevel={2}
          onChange={(fieldId, value) => {
            setDraft({ ...draft, values: { ...draft.values, [fieldId]: value } });
            setSaved(false);
            if (errors[fieldId]) setErrors({ ...errors, [fieldId]: '' });
          }}
        />
        <div class="form-actions">
          <button type="submit" class="button primary">
            {draft.submittedAt ? 'Verslag opnieuw versturen' : 'Verslag versturen'}
          </button>
          <span class="save-state">{saveStateText(saveState)}</span>
        </div>
        <div role="status" aria-live="polite">
          {saved && <p class="feedback good">Je verslag is opgeslagen. Goed dat je deze opdracht hebt gedaan.</p>}
          {!saved && draft.submittedAt && <p class="hint">Je hebt dit verslag al verstuurd. Je mag het aanpassen en opnieuw versturen.</p>}
        </div>
      </form>
    </ItemFrame>
  );
}
