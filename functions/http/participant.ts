/** The signed-in participant's enrolment in the course (created on the first visit). */
import type { Deps } from '../composition/runtime.js';
import type { Principal } from '../core/auth/principal.js';
import { loadCourse } from '../core/course/load.js';
import type { Course } from '../core/course/schema.js';
import { enrol } from '../core/enrolment/enrol.js';
import type { Enrolment } from '../core/enrolment/ports.js';
import { personOf } from './principals.js';

export async function participantContext(principal: Principal | undefined, deps: Deps): Promise<{ course: Course; enrolment: Enrolment; userId: string; name: string }> {
  const person = personOf(principal);
  const course = loadCourse();
  const enrolment = await enrol(deps)({ userId: person.userId, courseId: course.id, courseVersion: course.versionId });
  return { course, enrolment, userId: person.userId, name: person.name };
}
