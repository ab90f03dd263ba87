/**
 * The participant's certificate for download. Normally issued when the coach recorded the contact
 * moment; if the enrolment is completed but has none (the issuing step failed after completion),
 * it is issued now from the coach's record of the meeting.
 */
import type { UserStore } from '../auth/ports.js';
import type { ContactMomentRecordStore } from '../contact-moment/ports.js';
import type { Course } from '../course/schema.js';
import type { Enrolment } from '../enrolment/ports.js';
import { NotFoundError } from '../errors.js';
import { loadProgress } from '../progress/load-progress.js';
import type { ReadinessStore } from '../readiness/ports.js';
import type { StatementStore } from '../xapi/statement-store.js';
import { issueCertificate } from './issue-certificate.js';
import type { Certificate, CertificateStore } from './ports.js';

export interface ParticipantCertificateDeps {
  certificates: CertificateStore;
  readiness: ReadinessStore;
  statements: StatementStore;
  users: UserStore;
  contactRecords: ContactMomentRecordStore;
  now: () => Date;
}

export const NO_CERTIFICATE_YET =
  'Je hebt nog geen certificaat. Dat krijg je zodra je coach je contactmoment heeft vastgelegd; daarmee rond je de Introductie af.';

export const participantCertificate =
  (deps: ParticipantCertificateDeps) =>
  async (input: { enrolment: Enrolment; course: Course; participantName: string }): Promise<Certificate> => {
    const existing = await deps.certificates.getByRegistration(input.enrolment.registration);
    if (existing) return existing;
    const record = await deps.readiness.get(input.enrolment.registration);
    const completedAt = record?.state.completedAt ?? (await loadProgress(deps)(input)).state.completedAt;
    if (!completedAt) throw new NotFoundError(NO_CERTIFICATE_YET);
    const attended = (await deps.contactRecords.list(input.enrolment.registration)).filter((r) => r.attended).at(-1);
    const coach = attended ? await deps.users.getById(attended.coachId) : undefined;
    return issueCertificate(deps)({
      ...input,
      coachName: coach?.name ?? 'onbekend',
      completedOn: attended?.date ?? completedAt.slice(0, 10),
    });
  };
