/** The course as participants meet it: the content plus the imported packages (work-moments.ts). */
import { loadCourse } from '../../course/load.js';
import type { Course } from '../../course/schema.js';
import type { PackageStore } from './ports.js';
import { withPackages } from './work-moments.js';

export const courseWithPackages =
  (deps: { packages: Pick<PackageStore, 'list'> }) =>
  async (course: Course = loadCourse()): Promise<Course> =>
    withPackages(course, await deps.packages.list(course.id));
