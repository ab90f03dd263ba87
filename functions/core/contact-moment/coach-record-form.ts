/**
 * The coach's record of a contact moment, checked against the course's form
 * (course.contactMoment.coachRecord): every field's type, options and limits, and the words the
 * coach must write about what the participant said PG means to them personally and for their
 * work. A missed meeting needs only its date and form: there is nothing the participant said.
 *
 * The form carries the date (its `date` field) and the form of the meeting (the `single` field
 * whose options are the contact forms); the course content test checks the form has both.
 */
import { ContactForm, type Course, type FormField } from '../course/schema.js';
import { ValidationError, type ErrorIssue } from '../errors.js';
import { wordCount } from '../progress/progress.js';

export type CoachRecordAnswers = Readonly<Record<string, string | number>>;

export interface ValidCoachRecord {
  date: string;
  form: ContactForm;
  answers: Record<string, string | number>;
}

/** The date field and the form field of the course's coach record form. */
export function coachRecordFields(course: Course): { dateField: FormField; formField: FormField } {
  const fields = course.contactMoment.coachRecord.fields;
  const dateField = fields.find((f) => f.type === 'date');
  const formField = fields.find((f) => f.type === 'single' && f.options.every((o) => (ContactForm.options as readonly string[]).includes(o.id)));
  if (!dateField || !formField) throw new Error('course.contactMoment.coachRecord needs a date field and a single-choice field with the contact forms');
  return { dateField, formField };
}

/** Checks the answers; `today` (YYYY-MM-DD, Amsterdam) bounds the date: a record comes after the meeting. */
export function readCoachRecord(course: Course, input: { attended: boolean; answers: CoachRecordAnswers }, today: string): ValidCoachRecord {
  const { dateField, formField } = coachRecordFields(course);
  const issues: ErrorIssue[] = [];
  const answers: Record<string, string | number> = {};
  for (const field of course.contactMoment.coachRecord.fields) {
    const value = Object.hasOwn(input.answers, field.id) ? input.answers[field.id] : undefined;
    const path = `answers.${field.id}`;
    const empty = value === undefined || (typeof value === 'string' && value.trim() === '');
    // Without a meeting there is nothing the participant said: only the date and the form count.
    const required = field.required && (input.attended || field === dateField || field === formField);
    if (empty) {
      if (required) issues.push({ path, message: `"${field.label}" is verplicht.` });
      continue;
    }
    const problem = fieldProblem(field, value, input.attended);
    if (problem) issues.push({ path, message: `"${field.label}": ${problem}` });
    else answers[field.id] = typeof value === 'string' ? value.trim() : value;
  }
  for (const key of Object.keys(input.answers)) {
    if (!course.contactMoment.coachRecord.fields.some((f) => f.id === key)) issues.push({ path: `answers.${key}`, message: 'dit veld hoort niet bij het verslag.' });
  }
  const date = answers[dateField.id];
  if (typeof date === 'string' && date > today) {
    issues.push({ path: `answers.${dateField.id}`, message: 'de datum ligt in de toekomst. Leg het contactmoment vast nadat het heeft plaatsgevonden.' });
  }
  const form = answers[formField.id];
  if (typeof form === 'string' && !course.contactMoment.forms.includes(form as ContactForm)) {
    issues.push({ path: `answers.${formField.id}`, message: 'deze vorm biedt de cursus niet aan.' });
  }
  if (issues.length > 0) throw new ValidationError(`Het verslag is nog niet compleet of klopt niet: ${issues.map((i) => i.message).join(' ')}`, { issues });
  return { date: date as string, form: form as ContactForm, answers };
}

function fieldProblem(field: FormField, value: string | number, attended: boolean): string | undefined {
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') return 'vul tekst in.';
      return field.maxLength !== undefined && value.length > field.maxLength ? `hoogstens ${field.maxLength} tekens.` : undefined;
    case 'longtext':
      if (typeof value !== 'string') return 'vul tekst in.';
      if (value.length > 5_000) return 'hoogstens 5000 tekens; houd het kort.';
      return attended && field.minWords !== undefined && wordCount(value) < field.minWords ? `schrijf minstens ${field.minWords} woorden.` : undefined;
    case 'single':
      return field.options.some((o) => o.id === value) ? undefined : `kies uit ${field.options.map((o) => `"${o.id}"`).join(', ')}.`;
    case 'rating':
      return typeof value === 'number' && Number.isInteger(value) && value >= field.min && value <= field.max ? undefined : `een heel getal van ${field.min} tot ${field.max}.`;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? undefined : 'een datum als JJJJ-MM-DD.';
  }
}

/** Today's date in the Netherlands, YYYY-MM-DD. */
export function amsterdamDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
