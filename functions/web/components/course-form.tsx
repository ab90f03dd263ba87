/**
 * A course form (assignment report, evaluation) from its definition: text, long text, one
 * choice, a rating and a date, each with its label, help, required mark and error. Values are
 * kept as strings (the draft); `formAnswers` turns them into what the builders take.
 */
import type { Form, FormField } from '../../core/course/schema.js';
import type { FormAnswers } from '../../core/xapi/profile/builders.js';
import { Markdown } from './markdown.js';

export type FormValues = Record<string, string>;

const wordCount = (text: string) => text.trim().split(/\s+/).filter(Boolean).length;

/** What is wrong per field id, in plain Dutch; empty when the form can be sent. */
export function validateForm(form: Form, values: FormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    const value = (values[field.id] ?? '').trim();
    if (value === '') {
      if (field.required) errors[field.id] = field.type === 'single' || field.type === 'rating' ? 'Kies een antwoord.' : 'Vul dit nog in.';
      continue;
    }
    if (field.type === 'longtext' && field.minWords && wordCount(value) < field.minWords) {
      errors[field.id] = `Schrijf minstens ${field.minWords} woorden.`;
    }
    if (field.type === 'text' && field.maxLength && value.length > field.maxLength) errors[field.id] = `Gebruik hoogstens ${field.maxLength} tekens.`;
    if (field.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) errors[field.id] = 'Vul een geldige datum in.';
  }
  return errors;
}

export function formAnswers(form: Form, values: FormValues): FormAnswers {
  const answers: Record<string, string | number> = {};
  for (const field of form.fields) {
    const value = (values[field.id] ?? '').trim();
    if (value === '') continue;
    answers[field.id] = field.type === 'rating' ? Number(value) : value;
  }
  return answers;
}

export function CourseForm(props: {
  form: Form;
  idPrefix: string;
  values: FormValues;
  errors: Record<string, string>;
  onChange: (fieldId: string, value: string) => void;
  headingLevel?: number;
}) {
  const { form, idPrefix, values, errors, onChange } = props;
  return (
    <div class="course-form">
      {form.intro && <Markdown source={form.intro} baseLevel={props.headingLevel ?? 2} />}
      {form.fields.map((field) => (
        <Field key={field.id} field={field} id={`${idPrefix}-${field.id}`} value={values[field.id] ?? ''} error={errors[field.id]} onChange={(v) => onChange(field.id, v)} />
      ))}
    </div>
  );
}

function Field({ field, id, value, error, onChange }: { field: FormField; id: string; value: string; error: string | undefined; onChange: (value: string) => void }) {
  const describedBy = [field.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const label = (
    <>
      {field.label}
      {!field.required && <span class="optional"> (niet verplicht)</span>}
    </>
  );
  const help = field.help && (
    <p class="hint" id={`${id}-help`}>
      {field.help}
    </p>
  );
  const errorText = error && (
    <p class="field-error" id={`${id}-error`}>
      {error}
    </p>
  );
  const invalid = error ? 'true' : undefined;

  if (field.type === 'single' || field.type === 'rating') {
    const options =
      field.type === 'single'
        ? field.options.map((o) => ({ value: o.id, label: o.label }))
        : Array.from({ length: field.max - field.min + 1 }, (_, i) => ({ value: String(field.min + i), label: String(field.min + i) }));
    return (
      <fieldset class={`field choice ${field.type}`} id={id} aria-describedby={describedBy} tabIndex={-1}>
        <legend>{label}</legend>
        {help}
        {field.type === 'rating' && (
          <p class="hint scale-ends" aria-hidden="true">
            <span>
              {field.min} = {field.minLabel}
            </span>
            <span>
              {field.max} = {field.maxLabel}
            </span>
          </p>
        )}
        <div class={field.type === 'rating' ? 'grade-row' : 'options'}>
          {options.map((option, index) => (
            <label class={field.type === 'rating' ? 'grade' : 'option'} key={option.value}>
              <input type="radio" name={id} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} aria-invalid={invalid} />
              <span>
                {option.label}
                {field.type === 'rating' && (index === 0 || index === options.length - 1) && (
                  <span class="sr-only">{index === 0 ? ` (${field.minLabel})` : ` (${field.maxLabel})`}</span>
                )}
              </span>
            </label>
          ))}
        </div>
        {errorText}
      </fieldset>
    );
  }

  return (
    <div class="field">
      <label for={id}>{label}</label>
      {help}
      {field.type === 'longtext' ? (
        <textarea id={id} rows={5} value={value} aria-invalid={invalid} aria-describedby={describedBy} onInput={(e) => onChange(e.currentTarget.value)} />
      ) : (
        <input
          id={id}
          type={field.type === 'date' ? 'date' : 'text'}
          value={value}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          maxLength={field.type === 'text' ? field.maxLength : undefined}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      )}
      {errorText}
    </div>
  );
}

/** Focus the first field with an error (the fieldset of a choice, the input otherwise). */
export function focusFirstError(form: Form, idPrefix: string, errors: Record<string, string>): void {
  const first = form.fields.find((f) => errors[f.id]);
  if (!first) return;
  const element = document.getElementById(`${idPrefix}-${first.id}`);
  const target = element instanceof HTMLFieldSetElement ? element.querySelector<HTMLInputElement>('input') ?? element : element;
  target?.focus();
}
