/**
 * Rebuilds the readiness projection of every enrolment of the course from the statements in the
 * LRS: the same fold, in the same order, as the incremental updates (project.ts), so the result is
 * the same record. What statements do not say is kept from the existing record: the coach, the
 * participant's name and the booking. A gate that is open but not recorded (e.g. it opened before
 * the projection existed) is recorded, as the increments would have.
 */
import type { Course } from '../course/schema.js';
import { ReadinessVersionConflict } from './ports.js';
import { blankRecord, foldedRecord, readinessCourse, refold, type ReadinessDeps } from './update-readiness.js';

export interface RebuildSummary {
  /** Records written. */
  rebuilt: number;
  /** Enrolments without statements and without a record: nothing to write. */
  empty: number;
  /** Registrations listed without an enrolment of this course. */
  unknown: number;
}

const WRITE_ATTEMPTS = 6;

export const rebuildReadiness =
  (deps: ReadinessDeps) =>
  async (options: { course?: Course; onProgress?: (registration: string, outcome: 'rebuilt' | 'empty' | 'unknown') => void } = {}): Promise<RebuildSummary> => {
    const course = options.course ?? (await readinessCourse(deps));
    const summary: RebuildSummary = { rebuilt: 0, empty: 0, unknown: 0 };
    for await (const registration of deps.readiness.listRegistrations(course.id)) {
      const outcome = await rebuildOne(deps)(registration, course);
      summary[outcome] += 1;
      options.onProgress?.(registration, outcome);
    }
    return summary;
  };

/** Rebuilds one enrolment's record from its statements. */
export const rebuildOne =
  (deps: ReadinessDeps) =>
  async (registration: string, course?: Course): Promise<'rebuilt' | 'empty' | 'unknown'> => {
    course ??= await readinessCourse(deps);
    const enrolment = await deps.enrolments.getByRegistration(registration);
    if (!enrolment || enrolment.courseId !== course.id) return 'unknown';
    for (let attempt = 1; ; attempt++) {
      const existing = await deps.readiness.get(enrolment.registration);
      const fold = await refold(deps, course, enrolment);
      if (!existing && fold.applied.newestStored === null) return 'empty';
      const base =
        existing ??
        blankRecord(
          {
            registration: enrolment.registration,
            userId: enrolment.userId,
            courseId: enrolment.courseId,
            participantName: (await deps.users.getById(enrolment.userId))?.name ?? enrolment.userId,
          },
          course,
          deps.now(),
        );
      const record = await foldedRecord(deps, course, base, fold);
      try {
        await deps.readiness.put(record, existing ? existing.version : null);
        return 'rebuilt';
      } catch (error) {
        if (!(error instanceof ReadinessVersionConflict) || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  };
