/**
 * A participant who has walked the whole course through the module's own code: user (with the
 * demo password), enrolment and coach, then every statement of the walkthrough stored at the
 * moment the app would send it and projected inline (the gate opens). For tests that need people
 * ready for their contact moment without a browser (no table stream: `startLocalApp({streams: false})`).
 */
import type { Deps } from '../../functions/composition/runtime.js';
import { hashSecret } from '../../functions/core/auth/password-hash.js';
import { loadCourse } from '../../functions/core/course/load.js';
import { projectStoredStatements } from '../../functions/core/readiness/update-readiness.js';
import { storeStatements } from '../../functions/core/xapi/store-statements.js';
import { courseWalkthrough } from './course-walkthrough.js';

export interface WalkingParticipant {
  userId: string;
  email: string;
  name: string;
  registration: string;
}

/**
 * Walks `person` through the course from `startMs`. `setClock` moves the clock `deps` was built
 * with (each step happens at its own time). Returns the ids of the statements stored.
 */
export async function walkParticipant(
  deps: Deps,
  person: WalkingParticipant,
  options: { password: string; coachId: string; enrolledAtMs: number; startMs: number; setClock: (ms: number) => void },
): Promise<string[]> {
  const course = loadCourse();
  const at = (ms: number) => new Date(ms).toISOString();
  options.setClock(options.enrolledAtMs);
  const { userId, email, name, registration } = person;
  await deps.users.put({ userId, email, name, roles: ['participant'], passwordHash: await hashSecret(options.password), createdAt: at(options.enrolledAtMs) });
  await deps.enrolments.createOrGet({ userId, courseId: course.id, courseVersion: course.versionId, registration, createdAt: at(options.enrolledAtMs) });
  await deps.coachAssignments.put({ userId, courseId: course.id, coachId: options.coachId, assignedAt: at(options.enrolledAtMs), assignedBy: 'demo-admin' });
  const sitting = courseWalkthrough({ participant: { userId, name }, registration, startMs: options.startMs, includeFinalTest: true });
  const groups = new Map<number, typeof sitting>();
  for (const step of sitting) groups.set(step.at, [...(groups.get(step.at) ?? []), step]);
  const stored: string[] = [];
  for (const [time, group] of groups) {
    options.setClock(time);
    const ids = await storeStatements(deps)({ statements: group.map((step) => step.statement), authority: deps.appAuthority });
    await projectStoredStatements(deps)(ids);
    stored.push(...ids);
  }
  return stored;
}
