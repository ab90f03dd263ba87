/**
 * A certificate of completion: what it states, and where it is kept. One per enrolment, issued at
 * completion and returned unchanged on every download; its random id is what the public
 * verification page looks up.
 */
export interface Certificate {
  /** 128 random bits in base32 (26 characters A-Z, 2-7): unguessable, safe to print and type. */
  certificateId: string;
  registration: string;
  userId: string;
  courseId: string;
  participantName: string;
  courseTitle: string;
  courseVersion: string;
  studyHours: number;
  /** Dutch accreditation: one accredited study hour is one point. */
  accreditationPoints: number;
  /** The day the course was completed (the contact moment), YYYY-MM-DD. */
  completedOn: string;
  coachName: string;
  issuedAt: string;
  /**
   * Set when the participant had their data erased: the name is replaced by a pseudonym and the
   * certificate keeps, as the completion record, the contact moment it rests on.
   */
  erasedAt?: string;
  contactMoment?: { date: string; form: string };
}

export interface CertificateStore {
  get(certificateId: string): Promise<Certificate | undefined>;
  getByRegistration(registration: string): Promise<Certificate | undefined>;
  /**
   * Stores the certificate and links it from the enrolment, unless the enrolment already has one:
   * then nothing is written and the existing certificate is returned (two completions racing get
   * the same certificate).
   */
  createOrGet(certificate: Certificate): Promise<Certificate>;
}
