/** The course evaluation (asked by accreditation bodies): sends `evaluationSubmitted`. */
import { useState } from 'preact/hooks';
import { evaluationSubmitted } from '../../core/xapi/profile/builders.js';
import { nowIso } from '../clock.js';
import { CourseForm, focusFirstError, formAnswers, validateForm, type FormValues } from '../components/course-form.js';
import { ItemFrame } from '../components/item-frame.js';
import { saveStateText, useDraft } from '../drafts.js';
import { useSession } from '../session.js';

interface EvaluationDraft extends Record<string, unknown> {
  values: FormValues;
  submittedAt?: string;
}

export function EvaluationScreen() {
  const { session } = useSession();
  const item = session.course.evaluation;
  const [draft, setDraft, saveState] = useDraft<EvaluationDraft>(session.drafts, item.id, { values: {} });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const prefix = 'evaluatie';

  const submit = (event: Event) => {
    event.preventDefault();
    const found = validateForm(item.form, draft.values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(item.form, prefix, found);
      return;
    }
    const activeIntervals = session.tracker.take(item.id);
    const ok = session.record((base) =>
      evaluationSubmitted({ ...base(), answers: formAnswers(item.form, draft.values), ...(activeIntervals.length > 0 ? { activeIntervals } : {}) }),
    );
    if (ok) {
      setDraft({ ...draft, submittedAt: nowIso() });
      session.markDone(item.id);
      setSaved(true);
    }
  };

  return (
    <ItemFrame item={item}>
      <form class="form card" onSubmit={submit} noValidate>
        <CourseForm
          form={item.form}
          idPrefix={prefix}
          values={draft.values}
          errors={errors}
          onChange={(fieldId, value) => {
            setDraft({ ...draft, values: { ...draft.values, [fieldId]: value } });
            setSaved(false);
            if (errors[fieldId]) setErrors({ ...errors, [fieldId]: '' });
          }}
        />
        <div class="form-actions">
          <button type="submit" class="button primary">
            {draft.submittedAt ? 'Evaluatie opnieuw versturen' : 'Evaluatie versturen'}
          </button>
          <span class="save-state">{saveStateText(saveState)}</span>
        </div>
        <div role="status" aria-live="polite">
          {saved && <p class="feedback good">Dank je wel voor je evaluatie.</p>}
          {!saved && draft.submittedAt && <p class="hint">Je hebt de evaluatie al verstuurd. Je mag je antwoorden aanpassen en opnieuw versturen.</p>}
        </div>
      </form>
    </ItemFrame>
  );
}
