/** A certificate as the certificate code gets it, for unit tests; override what a test is about. */
import { newCertificateId } from '../../functions/core/certificate/certificate-id.js';
import type { Certificate } from '../../functions/core/certificate/ports.js';

export function aCertificate(overrides: Partial<Certificate> = {}): Certificate {
  return {
    certificateId: newCertificateId(),
    registration: '3f0c7d2e-1b5a-4c8e-9f21-6a7b8c9d0e1f',
    userId: 'user-1',
    courseId: 'https://introductie-pg.nl/xapi/course/introductie',
    participantName: 'Carla Jansen',
    courseTitle: 'Introductie Positieve Gezondheid',
    courseVersion: '2026.1',
    studyHours: 5,
    accreditationPoints: 5,
    completedOn: '2026-11-20',
    coachName: 'Anna de Coach',
    issuedAt: '2026-11-22T10:00:00.000Z',
    ...overrides,
  };
}
