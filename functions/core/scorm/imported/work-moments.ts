/**
 * Imported SCORM packages as work moments of the course.
 *
 * The course content (content/introductie/course.json) is fixed at build time; a package an admin
 * uploads is added at run time as one more work moment with a single item of kind `package`. The
 * admin sets its nominal minutes and the learning outcomes it gives evidence for; the package's
 * completion then counts as that evidence, and its SCORM session time as study time (within the
 * same rules as the rest of the course, study-time-rules.ts R13).
 *
 * `withPackages` makes the course as the participant meets it: the content's work moments, then
 * the packages in the order they were uploaded. Ids are kebab-case like every id in the course,
 * so the activity IRIs (activity-iris.ts) work unchanged.
 */
import type { Course, Outcome, PackageItem, WorkMoment } from '../../course/schema.js';
import type { ScormVersion } from '../versions.js';

export interface PackageWorkMoment {
  /** Random, 32 lowercase hex digits; also the folder the package's files are served from. */
  readonly packageId: string;
  readonly workMomentId: string;
  readonly itemId: string;
  readonly title: string;
  /** Markdown; empty when the admin gave none (the participant then sees a standard intro). */
  readonly intro: string;
  readonly nominalMinutes: number;
  /** Learning outcome numbers (1..8) the package gives evidence for. */
  readonly outcomes: readonly number[];
  readonly scormVersion: ScormVersion;
  /** The first SCO's launch URL relative to the package root, percent-encoded, with its query. */
  readonly launchPath: string;
  readonly fileName: string;
  readonly fileCount: number;
  readonly totalBytes: number;
  readonly uploadedAt: string;
  /** The admin's user id. */
  readonly uploadedBy: string;
}

/** The ids of a new package's work moment and item, from its package id. */
export function packageIds(packageId: string): { workMomentId: string; itemId: string } {
  const workMomentId = `pakket-${packageId.slice(0, 12)}`;
  return { workMomentId, itemId: `${workMomentId}-sco` };
}

/** Where the browser finds a package's files (functions/handlers/app/scorm-content.ts). */
export function packageContentUrl(packageId: string, launchPath: string): string {
  // The launch path is a URL already (inspect-package.ts encodes each segment of it).
  return `/scorm/content/${packageId}/${launchPath}`;
}

export const DEFAULT_PACKAGE_INTRO =
  'Dit werkmoment is een e-learning die je in de cursus zelf doorloopt. Neem de tijd die je nodig hebt. Stop je halverwege? Dan ga je de volgende keer verder waar je was.';

export function packageItem(p: PackageWorkMoment): PackageItem {
  return {
    kind: 'package',
    id: p.itemId,
    title: p.title,
    nominalMinutes: p.nominalMinutes,
    packageId: p.packageId,
    scormVersion: p.scormVersion,
    launchUrl: packageContentUrl(p.packageId, p.launchPath),
    outcomes: [...p.outcomes],
  };
}

/** The course with the imported packages as extra work moments, and their outcome evidence. */
export function withPackages(course: Course, packages: readonly PackageWorkMoment[]): Course {
  if (packages.length === 0) return course;
  const moments: WorkMoment[] = packages.map((p) => ({
    id: p.workMomentId,
    title: p.title,
    intro: p.intro.trim() === '' ? DEFAULT_PACKAGE_INTRO : p.intro,
    items: [packageItem(p)],
  }));
  const outcomes: Outcome[] = course.outcomes.map((outcome) => {
    const evidence = packages
      .filter((p) => p.outcomes.includes(outcome.number))
      .map((p) => ({ itemId: p.itemId, kind: 'package' as const, label: `de e-learning "${p.title}"` }));
    return evidence.length === 0 ? outcome : { ...outcome, evidence: [...outcome.evidence, ...evidence] };
  });
  return { ...course, workMoments: [...course.workMoments, ...moments], outcomes };
}
