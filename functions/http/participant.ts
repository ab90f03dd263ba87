/** The signed-in participant's enrolment in the course (created on the first visit). */
import { enrolmentStore, now, packageStore } from '../composition/stores.js';
import type { Principal } from '../core/auth/principal.js';
import { loadCourse } from '../core/course/load.js';
import type { Course } from '../core/course/schema.js';
import { enrol, type EnrolDeps } from '../core/enrolment/enrol.js';
import type { Enrolment } from '../core/enrolment/ports.js';
import type { PackageStore } from '../core/scorm/imported/ports.js';
import { courseWithPackages } from '../core/scorm/imported/course-with-packages.js';
import { personOf } from './principals.js';

export interface ParticipantDeps extends EnrolDeps {
  packages: Pick<PackageStore, 'list'>;
}

/** What participantContext needs, for a handler's `deps` (route-handler.ts). */
export function participantDeps() {
  return { enrolments: enrolmentStore(), packages: packageStore(), now };
}

/** The course includes the imported SCORM packages (one Query), so progress counts them. */
export async function participantContext(principal: Principal | undefined, deps: ParticipantDeps): Promise<{ course: Course; enrolment: Enrolment; userId: string; name: string }> {
  const person = personOf(principal);
  const content = loadCourse();
  const [enrolment, course] = await Promise.all([
    enrol(deps)({ userId: person.userId, courseId: content.id, courseVersion: content.versionId }),
    courseWithPackages(deps)(content),
  ]);
  return { course, enrolment, userId: person.userId, name: person.name };
}
