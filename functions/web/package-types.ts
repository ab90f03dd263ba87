/**
 * Imported SCORM packages as the web app sees them: the server's own types (type-only imports,
 * so nothing of the server reaches the bundle), plus the shapes of the package routes.
 */
import type { PackageItem } from '../core/course/schema.js';
import type { PackageSummary } from '../core/scorm/imported/package-summary.js';
import type { Completion, ExitMode, Interaction, PackageRecord, Runtime, SittingEventKind, Success } from '../core/scorm/imported/sittings.js';
import type { ScormVersion } from '../core/scorm/versions.js';

export type { Completion, PackageRecord, PackageSummary, Runtime, ScormVersion, Success };
export type PackageExit = ExitMode;
export type PackageInteraction = Interaction;
/** An item of kind `package` in a package work moment of GET /api/course. */
export type PackageItemView = PackageItem;

export interface Learner {
  id: string;
  name: string;
}

/** GET /api/me/packages/{itemId} */
export interface PackageLaunch {
  itemId: string;
  scormVersion: ScormVersion;
  launchUrl: string;
  learner: Learner;
  record: PackageRecord | null;
}

export type SittingEvent = SittingEventKind;

export interface NewPackage {
  title: string;
  intro?: string;
  nominalMinutes: number;
  outcomes: number[];
  fileName: string;
  zipBase64: string;
}

/** One reason a package was refused (422). */
export interface PackageIssue {
  path: string;
  message: string;
}

/** The item as a package item, when it is one. */
export function asPackageItem(item: { kind: string } | undefined): PackageItemView | undefined {
  return item?.kind === 'package' ? (item as unknown as PackageItemView) : undefined;
}
