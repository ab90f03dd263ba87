/** The participant's enrolment in the course, created on first use. */
import { randomUUID } from 'node:crypto';
import type { Enrolment, EnrolmentStore } from './ports.js';

export interface EnrolDeps {
  enrolments: EnrolmentStore;
  now: () => Date;
}

export const enrol =
  (deps: EnrolDeps) =>
  async (input: { userId: string; courseId: string; courseVersion: string }): Promise<Enrolment> => {
    const existing = await deps.enrolments.getForUser(input.userId, input.courseId);
    if (existing) return existing;
    return deps.enrolments.createOrGet({ ...input, registration: randomUUID(), createdAt: deps.now().toISOString() });
  };
