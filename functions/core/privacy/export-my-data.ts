/**
 * A participant's right of access (GDPR art. 15 and 20): everything the module keeps about them,
 * in one JSON document they can download and take elsewhere. It holds what they wrote and did
 * (every xAPI statement about them, from any client, including spinnenweb scores and
 * reflections), their drafts, the readiness state the coach sees, their consent and booking, the
 * coach's records of their contact moments (notes included: those are data about them too),
 * their certificate, their registration number (if they gave it) and the run-time data of the
 * imported e-learning packages they played (SCORM: progress, answers, suspend data), and, for a
 * learner who comes from an organisation's own LMS, which SCORM export they came through and when
 * (`lmsLaunches`). The password hash is never part of it.
 */
import type { RegistrationNumberStore } from '../accreditation/registration-number.js';
import type { UserStore } from '../auth/ports.js';
import type { CertificateStore } from '../certificate/ports.js';
import type { ConsentStore, ContactMomentRecordStore, SlotStore } from '../contact-moment/ports.js';
import type { Course } from '../course/schema.js';
import type { DraftStore } from '../drafts/ports.js';
import type { EnrolmentStore } from '../enrolment/ports.js';
import { participantAgentKey } from '../progress/participant.js';
import type { ReadinessStore } from '../readiness/ports.js';
import { readAllStatements } from '../xapi/read-statements.js';
import type { StatementStore } from '../xapi/statement-store.js';
import type { PackageRecordStore, PackageStore } from '../scorm/imported/ports.js';
import type { ExportStore } from '../scorm/exports/ports.js';

export const EXPORT_FORMAT = 'introductie-pg/persoonsgegevens/1';

export interface ExportDeps {
  users: UserStore;
  enrolments: EnrolmentStore;
  statements: StatementStore;
  drafts: DraftStore;
  readiness: ReadinessStore;
  consents: ConsentStore;
  slots: SlotStore;
  contactRecords: ContactMomentRecordStore;
  certificates: CertificateStore;
  registrationNumbers: RegistrationNumberStore;
  packages: Pick<PackageStore, 'list'>;
  packageRecords: Pick<PackageRecordStore, 'get'>;
  exports: Pick<ExportStore, 'launchesOf'>;
  now: () => Date;
}

export const exportMyData =
  (deps: ExportDeps) =>
  async (input: { userId: string; course: Course }) => {
    const { userId, course } = input;
    const user = await deps.users.getById(userId);
    const enrolment = await deps.enrolments.getForUser(userId, course.id);
    const registration = enrolment?.registration;
    const [statements, drafts, readiness, consent, booking, contactMoments, certificate, registrationNumber, elearning, lmsLaunches] = await Promise.all([
      // Every statement the participant is the actor, object or another related agent of.
      readAllStatements(deps)(`ragent|${participantAgentKey(userId)}`),
      deps.drafts.list(userId, course.id),
      registration ? deps.readiness.get(registration) : undefined,
      registration ? deps.consents.get(registration) : undefined,
      registration ? deps.slots.getBooking(registration) : undefined,
      registration ? deps.contactRecords.list(registration) : [],
      registration ? deps.certificates.getByRegistration(registration) : undefined,
      deps.registrationNumbers.get(userId),
      registration ? packageRecords(deps, registration, course.id) : [],
      deps.exports.launchesOf(userId),
    ]);
    return {
      format: EXPORT_FORMAT,
      exportedAt: deps.now().toISOString(),
      person: user ? { userId: user.userId, name: user.name, email: user.email, roles: user.roles, createdAt: user.createdAt } : { userId },
      course: { id: course.id, title: course.title },
      enrolment: enrolment ?? null,
      readiness: readiness ?? null,
      coachConsent: consent ?? null,
      booking: booking ?? null,
      contactMoments,
      certificate: certificate ?? null,
      registrationNumber: registrationNumber ?? null,
      drafts,
      elearning,
      lmsLaunches: lmsLaunches.map(({ exportId, name, firstLaunchAt, lastLaunchAt }) => ({ exportId, name, firstLaunchAt, lastLaunchAt })),
      statements,
    };
  };

/** The participant's SCORM run-time data per imported package they opened. */
async function packageRecords(deps: ExportDeps, registration: string, courseId: string) {
  const packages = await deps.packages.list(courseId);
  const records = await Promise.all(packages.map((p) => deps.packageRecords.get(registration, p.itemId)));
  return packages.flatMap((p, i) => {
    const stored = records[i];
    return stored ? [{ itemId: p.itemId, title: p.title, record: stored.state.record }] : [];
  });
}
