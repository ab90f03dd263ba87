/**
 * The coach records a contact moment: when, in which form, whether the participant was there, and
 * (when they were) what the participant said Positive Health means to them personally and for
 * their work. Recording it as attended completes the Introductie:
 * 1. the coach's record is stored (the notes stay in the module, never in a statement);
 * 2. the module stores `contact-moment-attended` (the coach as instructor) and `course-completed`
 *    (with the accredited study hours), under name-based ids so a repeated request stores nothing
 *    twice;
 * 3. the readiness record folds those statements in (the projection's own update) and becomes
 *    `completed`;
 * 4. the certificate is issued.
 * A missed meeting is recorded too; the participant's booking is then released so they can book
 * again.
 */
import type { AuthorityAgent } from '../auth/principal.js';
import { issueCertificate } from '../certificate/issue-certificate.js';
import type { CertificateStore } from '../certificate/ports.js';
import type { Course } from '../course/schema.js';
import { ConflictError } from '../errors.js';
import { uuidV5 } from '../readiness/gate.js';
import { projectStoredStatements } from '../readiness/update-readiness.js';
import { contactMomentAttended, courseCompleted, type Person } from '../xapi/profile/builders.js';
import { storeStatements } from '../xapi/store-statements.js';
import { amsterdamDate, readCoachRecord, type CoachRecordAnswers } from './coach-record-form.js';
import { assignedEnrolment, type CoachWorkspaceDeps } from './coach-workspace.js';
import { checkGate } from './booking-gate.js';
import type { ContactMomentRecord } from './ports.js';
import { changeReadiness, ensureReadiness, readinessSnapshot } from './readiness-sync.js';

export interface RecordContactMomentDeps extends CoachWorkspaceDeps {
  certificates: CertificateStore;
  appAuthority: AuthorityAgent;
}

export interface RecordContactMomentInput {
  coach: Person & { name: string };
  course: Course;
  registration: string;
  attended: boolean;
  answers: CoachRecordAnswers;
}

export interface RecordContactMomentResult {
  record: ContactMomentRecord;
  status: string;
  certificateId: string | null;
}

export const recordContactMoment =
  (deps: RecordContactMomentDeps) =>
  async (input: RecordContactMomentInput): Promise<RecordContactMomentResult> => {
    const { course, coach } = input;
    const enrolment = await assignedEnrolment(deps)({ coachId: coach.userId, registration: input.registration, course });
    const now = deps.now();
    const valid = readCoachRecord(course, { attended: input.attended, answers: input.answers }, amsterdamDate(now));

    const gate = await checkGate(deps)({ enrolment, course });
    if (gate.completed) throw new ConflictError('Deze deelnemer heeft de Introductie al afgerond; het contactmoment is al vastgelegd.');
    if (input.attended && !gate.open) {
      throw new ConflictError(
        `Deze deelnemer is nog niet klaar voor het contactmoment, dus de Introductie kan nog niet worden afgerond. Dit ontbreekt nog: ${gate.missing.join('; ')}.`,
        { issues: gate.missing.map((message) => ({ path: 'gate', message })) },
      );
    }

    const record: ContactMomentRecord = {
      registration: enrolment.registration,
      coachId: coach.userId,
      date: valid.date,
      form: valid.form,
      attended: input.attended,
      answers: valid.answers,
      recordedAt: now.toISOString(),
    };
    await deps.contactRecords.add(record);

    if (!input.attended) {
      const booking = await deps.slots.getBooking(enrolment.registration);
      if (booking) await deps.slots.removeBooking({ current: booking, now: now.toISOString(), releaseOnlyBeforeStart: false });
      const readiness = await changeReadiness(deps)({ enrolment, course, change: () => ({ booking: null }) });
      return { record, status: readiness.status, certificateId: null };
    }

    const user = await deps.users.getById(enrolment.userId);
    const participant: Person = { userId: enrolment.userId, ...(user ? { name: user.name } : {}) };
    // Noon UTC is the same calendar day in the Netherlands, summer and winter.
    const timestamp = `${valid.date}T12:00:00.000Z`;
    const common = { course, participant, registration: enrolment.registration, timestamp };
    const statements = [
      contactMomentAttended({ ...common, id: completionStatementId('contact-moment-attended', enrolment.registration), coach, form: valid.form, durationMinutes: course.contactMoment.minutes }),
      courseCompleted({ ...common, id: completionStatementId('course-completed', enrolment.registration) }),
    ];
    // The statements land on a record that holds the whole history (created from it if missing).
    await ensureReadiness(deps)({ enrolment, course });
    const ids = await storeStatements(deps)({ statements, authority: deps.appAuthority });
    await projectStoredStatements(deps)(ids);
    const readiness = await readinessSnapshot(deps)({ enrolment, course });
    const certificate = await issueCertificate(deps)({ enrolment, course, participantName: user?.name ?? readiness.participantName, coachName: coach.name, completedOn: valid.date });
    return { record, status: readiness.status, certificateId: certificate.certificateId };
  };

/** The namespace of the completion statements' name-based ids (a random UUID, fixed forever). */
const COMPLETION_ID_NAMESPACE = 'c3f1a7d2-5e84-4b9c-8d21-6a0f4e7b9c13';

/** One id per enrolment and kind: a repeated or doubled request stores nothing twice. */
export function completionStatementId(kind: 'contact-moment-attended' | 'course-completed', registration: string): string {
  return uuidV5(`${kind}:${registration.toLowerCase()}`, COMPLETION_ID_NAMESPACE);
}
