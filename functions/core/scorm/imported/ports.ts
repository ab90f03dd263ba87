/** Storage of imported SCORM packages and of each enrolment's SCORM run-time data. */
import type { PackageRecordState } from './sittings.js';
import type { PackageWorkMoment } from './work-moments.js';

export interface PackageFileInput {
  readonly path: string;
  readonly contentType: string;
  readonly data: Uint8Array;
}

export interface ServedFile {
  readonly contentType: string;
  readonly data: Uint8Array;
}

export interface PackageStore {
  /**
   * Stores a package's files. They stay invisible (nothing serves or lists them) until `commit`;
   * `discard` removes them again if the import does not finish.
   */
  putFiles(packageId: string, files: readonly PackageFileInput[]): Promise<void>;
  /** Makes the package a work moment of the course, in one write. */
  commit(courseId: string, workMoment: PackageWorkMoment): Promise<void>;
  /** Deletes every file of a package that was not committed. Deleting what is gone is no error. */
  discard(packageId: string, paths: readonly string[]): Promise<void>;
  /** The course's package work moments, in upload order. */
  list(courseId: string): Promise<PackageWorkMoment[]>;
  /**
   * Takes a package out of the course: its work moment and marker go in one write (from then on
   * nothing serves or lists it), then its files. False when there is no such committed package.
   */
  remove(courseId: string, packageId: string): Promise<boolean>;
  /** A file of a committed package, or undefined. */
  getFile(packageId: string, path: string): Promise<ServedFile | undefined>;
}

/** Another request changed the record since it was read; read it again and retry. */
export class PackageRecordConflict extends Error {
  override readonly name = 'PackageRecordConflict';
}

export interface PackageRecordStore {
  get(registration: string, itemId: string): Promise<{ state: PackageRecordState; version: number } | undefined>;
  /** Writes the state if the stored version is still `expectedVersion` (0: none yet); else PackageRecordConflict. */
  put(registration: string, itemId: string, state: PackageRecordState, expectedVersion: number): Promise<void>;
}
