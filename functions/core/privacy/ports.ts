/**
 * Storage ports of a participant's right to erasure (erase-my-data.ts). The adapter knows the
 * table's layout; the core decides what goes, what stays and in which order.
 */
import type { Enrolment } from '../enrolment/ports.js';

export interface ErasureCounts {
  statements: number;
  documents: number;
  enrolmentItems: number;
  userItems: number;
}

/**
 * The record of one erasure, kept after it (GDPR art. 5(2): being able to show that it was done).
 * It holds the random user id and dates only; once the erasure is done nothing links that id to a
 * person any more.
 */
export interface ErasureRecord {
  userId: string;
  status: 'in-progress' | 'done';
  requestedAt: string;
  /** `participant`, or `admin:<userId>` of the admin who asked on their behalf. */
  requestedBy: string;
  completedAt?: string;
  /** The certificate kept, pseudonymised, as the completion record accreditation requires. */
  certificateId?: string;
  counts?: ErasureCounts;
}

export interface ErasureStore {
  get(userId: string): Promise<ErasureRecord | undefined>;
  /** Starts the erasure, or returns the one already started (a retry resumes it). */
  begin(userId: string, requestedAt: string, requestedBy: string): Promise<ErasureRecord>;
  /**
   * Deletes every statement any of these agents (canonical IFI keys) appears in, anywhere, with
   * its index entries and forwarding delivery states. Returns how many, and the activity ids
   * those statements named (the places the agent may have State documents).
   */
  eraseStatements(agentKeys: readonly string[]): Promise<{ count: number; activityIds: string[] }>;
  /** Deletes the agents' Agent Profile documents, and their State documents of these activities. */
  eraseDocuments(agentKeys: readonly string[], activityIds: readonly string[]): Promise<number>;
  /**
   * Deletes everything kept under the enrolment's registration (booking, consent, contact moment
   * records, certificate link, readiness) and its place in the course roster and in a coach's slot;
   * the enrolment look-up goes last.
   */
  eraseEnrolment(enrolment: Enrolment): Promise<number>;
  /** Replaces the name on the certificate; records when, and the contact moment it rests on. */
  pseudonymiseCertificate(input: { certificateId: string; participantName: string; erasedAt: string; contactMoment?: { date: string; form: string } }): Promise<void>;
  /** Deletes the user, the e-mail look-up and everything else kept under the user id. */
  eraseUser(userId: string): Promise<number>;
  complete(record: ErasureRecord & { status: 'done' }): Promise<void>;
}

/** Where people sign in: Cognito in AWS; locally the user item itself holds the password hash. */
export interface SignInAccounts {
  /** Removes the person's sign-in; no error when there is none. */
  delete(userId: string): Promise<void>;
}
