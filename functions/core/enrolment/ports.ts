/**
 * An enrolment is one participant's attempt at one course: it owns the xAPI registration (UUID)
 * that groups every statement of that attempt.
 */
export interface Enrolment {
  userId: string;
  courseId: string;
  /** The course version the participant started; statements carry it too. */
  courseVersion: string;
  registration: string;
  createdAt: string;
}

export interface EnrolmentStore {
  getForUser(userId: string, courseId: string): Promise<Enrolment | undefined>;
  getByRegistration(registration: string): Promise<Enrolment | undefined>;
  /**
   * Stores a new enrolment. If the user already has one for this course (a concurrent first
   * visit), nothing is written and the existing one is returned.
   */
  createOrGet(enrolment: Enrolment): Promise<Enrolment>;
}
