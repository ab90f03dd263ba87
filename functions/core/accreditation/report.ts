/**
 * The accreditation report: per participant of a course, what a register needs to credit the
 * points (registration number, only where the participant consented; name; course and version;
 * accredited hours and points; completion date; date and form of the contact moment). Never a
 * spinnenweb score, a reflection, an assignment report, the evaluation or the coach's notes: the
 * sources are the certificate, the contact moment's date and form, the readiness status and the
 * registration number, nothing else.
 *
 * Pure parts (rows, CSV) here; the service `accreditationReport` reads through ports.
 */
import * as z from 'zod/mini';
import '../zod-locale.js';
import { ValidationError } from '../errors.js';
import type { Certificate } from '../certificate/ports.js';
import type { ContactMomentRecord } from '../contact-moment/ports.js';
import type { ReadinessRecord } from '../readiness/ports.js';
import { registerById, type RegistrationNumber, type RegistrationNumberStore } from './registration-number.js';

export interface ReportRow {
  registration: string;
  userId: string;
  name: string;
  courseId: string;
  courseVersion: string;
  completed: boolean;
  /** YYYY-MM-DD; only for completed rows. */
  completedOn?: string;
  studyHours?: number;
  /** One accredited study hour is one point. */
  accreditationPoints?: number;
  contactMoment?: { date: string; form: string };
  /** Only when the participant consented to store it. */
  registrationNumber?: { registerId: string; register: string; number: string };
}

const Day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Geef een datum als JJJJ-MM-DD.' }));

/** The report's filters (query parameters). */
export const ReportFilter = z.strictObject({
  courseId: z.optional(z.string().check(z.minLength(1))),
  from: z.optional(Day),
  to: z.optional(Day),
  status: z._default(z.enum(['completed', 'not-completed', 'all'], { error: 'status is completed, not-completed of all.' }), 'completed'),
}).check(z.refine((f) => !f.from || !f.to || f.from <= f.to, { error: 'De begindatum (from) ligt na de einddatum (to).', path: ['from'] }));
export type ReportFilter = z.output<typeof ReportFilter>;

export interface CompletionIndex {
  /** Certificates of a course with completedOn in [from, to], by completion date (gsi1 Query). */
  list(courseId: string, range: { from?: string; to?: string }): Promise<Certificate[]>;
}

export interface AccreditationReportDeps {
  completions: CompletionIndex;
  registrationNumbers: RegistrationNumberStore;
  contactRecords: { list(registration: string): Promise<ContactMomentRecord[]> };
  readiness: { get(registration: string): Promise<ReadinessRecord | undefined>; listRegistrations(courseId: string): AsyncIterable<string> };
  enrolments: { getByRegistration(registration: string): Promise<{ courseVersion: string } | undefined> };
}

function numberView(record: RegistrationNumber | undefined): ReportRow['registrationNumber'] {
  if (!record) return undefined;
  return { registerId: record.registerId, register: registerById(record.registerId)?.label ?? record.registerId, number: record.number };
}

/** The attended contact moment the completion rests on: the last attended record. */
export function attendedMoment(records: readonly ContactMomentRecord[]): ReportRow['contactMoment'] {
  const attended = records.filter((r) => r.attended).at(-1);
  return attended ? { date: attended.date, form: attended.form } : undefined;
}

export function completedRow(certificate: Certificate, records: readonly ContactMomentRecord[], number: RegistrationNumber | undefined): ReportRow {
  // After an erasure the records are gone and the certificate keeps the moment it rests on.
  const contactMoment = certificate.contactMoment ?? attendedMoment(records);
  const registrationNumber = numberView(number);
  return {
    registration: certificate.registration,
    userId: certificate.userId,
    name: certificate.participantName,
    courseId: certificate.courseId,
    courseVersion: certificate.courseVersion,
    completed: true,
    completedOn: certificate.completedOn,
    studyHours: certificate.studyHours,
    accreditationPoints: certificate.accreditationPoints,
    ...(contactMoment ? { contactMoment } : {}),
    ...(registrationNumber ? { registrationNumber } : {}),
  };
}

export const accreditationReport =
  (deps: AccreditationReportDeps) =>
  async (filter: ReportFilter, courseIds: readonly string[]): Promise<ReportRow[]> => {
    if (filter.courseId && !courseIds.includes(filter.courseId)) {
      throw new ValidationError(`Onbekende cursus: ${filter.courseId}.`, { issues: [{ path: 'courseId', message: 'onbekende cursus' }] });
    }
    const courses = filter.courseId ? [filter.courseId] : courseIds;
    const rows: ReportRow[] = [];
    for (const courseId of courses) {
      const range = { ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}) };
      if (filter.status !== 'not-completed') {
        const certificates = await deps.completions.list(courseId, range);
        rows.push(
          ...(await Promise.all(
            certificates.map(async (c) => completedRow(c, await deps.contactRecords.list(c.registration), await deps.registrationNumbers.get(c.userId))),
          )),
        );
      }
      if (filter.status !== 'completed') {
        // Not completed has no completion date, so the period does not apply: the course's roster.
        for await (const registration of deps.readiness.listRegistrations(courseId)) {
          const readiness = await deps.readiness.get(registration);
          if (!readiness || readiness.status === 'completed') continue;
          const registrationNumber = numberView(await deps.registrationNumbers.get(readiness.userId));
          const enrolment = await deps.enrolments.getByRegistration(registration);
          rows.push({
            registration,
            userId: readiness.userId,
            name: readiness.participantName,
            courseId,
            courseVersion: enrolment?.courseVersion ?? '',
            completed: false,
            ...(registrationNumber ? { registrationNumber } : {}),
          });
        }
      }
    }
    return rows;
  };

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * The columns of the CSV export, in order: one row per completed participant, the shape a
 * register's bulk attendance import takes (number and date first). Documented in the README.
 */
export const CSV_COLUMNS = [
  'registratienummer',
  'register',
  'naam',
  'cursus_id',
  'cursusversie',
  'studie_uren',
  'accreditatiepunten',
  'afronddatum',
  'contactmoment_datum',
  'contactmoment_vorm',
] as const;

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling the quotes. A leading =+-@ is neutralised (spreadsheet formulas). */
export function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV: a header line (no byte-order mark), then one CRLF-terminated line per completed row. */
export function reportCsv(rows: readonly ReportRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows.filter((r) => r.completed)) {
    lines.push(
      [
        row.registrationNumber?.number,
        row.registrationNumber?.register,
        row.name,
        row.courseId,
        row.courseVersion,
        row.studyHours,
        row.accreditationPoints,
        row.completedOn,
        row.contactMoment?.date,
        row.contactMoment?.form,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.map((line) => `${line}\r\n`).join('');
}
