/**
 * Issuing the certificate at completion, and handing it out on download. One certificate per
 * enrolment: issued once with a fresh random id, then the same one every time.
 */
import type { Course } from '../course/schema.js';
import type { Enrolment } from '../enrolment/ports.js';
import { newCertificateId } from './certificate-id.js';
import type { Certificate, CertificateStore } from './ports.js';

export interface IssueCertificateInput {
  enrolment: Enrolment;
  course: Course;
  participantName: string;
  coachName: string;
  /** YYYY-MM-DD */
  completedOn: string;
}

export const issueCertificate =
  (deps: { certificates: CertificateStore; now: () => Date }) =>
  async (input: IssueCertificateInput): Promise<Certificate> => {
    const existing = await deps.certificates.getByRegistration(input.enrolment.registration);
    if (existing) return existing;
    return deps.certificates.createOrGet({
      certificateId: newCertificateId(),
      registration: input.enrolment.registration,
      userId: input.enrolment.userId,
      courseId: input.course.id,
      participantName: input.participantName,
      courseTitle: input.course.title,
      // The version the participant followed, as their statements record it.
      courseVersion: input.enrolment.courseVersion,
      studyHours: input.course.accreditationHours,
      accreditationPoints: input.course.accreditationHours,
      completedOn: input.completedOn,
      coachName: input.coachName,
      issuedAt: deps.now().toISOString(),
    });
  };
