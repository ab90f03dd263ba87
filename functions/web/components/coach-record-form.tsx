/**
 * The coach records a contact moment: whether the participant was there, and the course's own
 * record form (course.contactMoment.coachRecord: the form of the meeting, the date, and the short
 * notes on what Positive Health means to the participant). Recorded as attended, it completes the
 * participant's Introductie. A missed meeting needs only its form and date.
 */
import { useRef, useState } from 'preact/hooks';
import type { Form } from '../../core/course/schema.js';
import { api, ApiError, type CoachParticipantDetail, type RecordContactMomentResult } from '../api.js';
import { failureMessage, localDate } from '../contact-view.js';
import { useWorkspace } from '../workspace.js';
import { CourseForm, focusFirstError, formAnswers, validateForm, type FormValues } from './course-form.js';
import { Markdown } from './markdown.js';

const ID_PREFIX = 'verslag';

/** Without a meeting there is nothing the participant said: only the form and the date count. */
function formFor(record: Form, attended: boolean | undefined): Form {
  if (attended !== false) return record;
  return {
    ...record,
    fields: record.fields.map((f) => (f.type === 'longtext' || f.type === 'text' ? { ...f, required: false, ...(f.type === 'longtext' ? { minWords: undefined } : {}) } : f)),
  } as Form;
}

export function CoachRecordForm({ detail, onRecorded }: { detail: CoachParticipantDetail; onRecorded: (result: RecordContactMomentResult) => void }) {
  const { course } = useWorkspace();
  const record = course.contactMoment.coachRecord;
  const dateField = record.fields.find((f) => f.type === 'date');
  const formField = record.fields.find((f) => f.type === 'single');
  const [attended, setAttended] = useState<boolean | undefined>(undefined);
  const [values, setValues] = useState<FormValues>(() => {
    const start = detail.booking?.startsAt;
    // The day of the booked moment once it has passed, else today.
    const day = start && Date.parse(start) <= Date.now() ? localDate(new Date(start)) : localDate();
    return { ...(formField && detail.booking ? { [formField.id]: detail.booking.form } : {}), ...(dateField ? { [dateField.id]: day } : {}) };
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const failureRef = useRef<HTMLParagraphElement>(null);
  const form = formFor(record, attended);
  const firstName = detail.name.split(' ')[0] ?? detail.name;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFailure('');
    const found = validateForm(form, values);
    if (attended === undefined) {
      setErrors({ ...found, attended: 'Geef aan of het contactmoment heeft plaatsgevonden.' });
      document.querySelector<HTMLInputElement>('input[name="aanwezig"]')?.focus();
      return;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(form, ID_PREFIX, found);
      return;
    }
    setBusy(true);
    try {
      const result = await api.recordContactMoment({ registration: detail.registration, attended, answers: { ...formAnswers(form, values) } });
      onRecorded(result);
    } catch (caught) {
      setBusy(false);
      const fieldErrors = caught instanceof ApiError ? issuesByField(caught.body) : {};
      setErrors(fieldErrors);
      setFailure(failureMessage(caught));
      requestAnimationFrame(() => failureRef.current?.focus());
    }
  };

  return (
    <form class="form record-form" onSubmit={submit} noValidate>
      {record.intro && <Markdown source={record.intro} baseLevel={2} />}
      <fieldset class="field choice" aria-describedby={errors.attended ? 'aanwezig-fout' : undefined}>
        <legend>Was {firstName} erbij?</legend>
        <div class="options">
          {[
            { value: true, label: `Ja, het contactmoment heeft plaatsgevonden`, text: 'Hiermee rond je de Introductie af; het certificaat wordt gemaakt.' },
            { value: false, label: `Nee, ${firstName} was er niet`, text: `Dan kan ${firstName} een nieuw moment kiezen.` },
          ].map((option) => (
            <label class="option rich" key={String(option.value)}>
              <input
                type="radio"
                name="aanwezig"
                checked={attended === option.value}
                onChange={() => {
                  setAttended(option.value);
                  setErrors(({ attended: _, ...rest }) => rest);
                }}
              />
              <span>
                <strong>{option.label}</strong>
                <span class="option-text">{option.text}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.attended && (
          <p class="field-error" id="aanwezig-fout">
            {errors.attended}
          </p>
        )}
      </fieldset>
      <CourseForm
        form={{ ...form, intro: undefined } as Form}
        idPrefix={ID_PREFIX}
        values={values}
        errors={errors}
        onChange={(fieldId, value) => {
          setValues((current) => ({ ...current, [fieldId]: value }));
          setErrors(({ [fieldId]: _, ...rest }) => rest);
        }}
      />
      {failure && (
        <p class="error-box" role="alert" tabIndex={-1} ref={failureRef}>
          {failure}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
          Contactmoment vastleggen
        </button>
      </div>
    </form>
  );
}

/** The server's issues on `answers.<field>`, per field. */
function issuesByField(body: unknown): Record<string, string> {
  const issues = typeof body === 'object' && body !== null && Array.isArray((body as { issues?: unknown }).issues) ? (body as { issues: Array<{ path?: unknown; message?: unknown }> }).issues : [];
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const match = typeof issue.path === 'string' ? /^answers\.(.+)$/.exec(issue.path) : null;
    if (match && typeof issue.message === 'string') out[match[1]!] = sentenceCase(issue.message.replace(/^"[^"]*":\s*/, ''));
  }
  return out;
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
