/** Storage of the SCORM exports (exports.ts) and the learners who arrive through them (launch.ts). */
export interface ExportRecord {
  readonly exportId: string;
  readonly organisation: string;
  /** SHA-256 of the key's secret part, hex. */
  readonly secretHash: string;
  readonly createdAt: string;
  /** The admin's user id. */
  readonly createdBy: string;
  readonly revokedAt: string | null;
  /** How many different LMS learners have launched the course through this export. */
  readonly learnerCount: number;
  readonly lastLaunchAt: string | null;
}

/**
 * One LMS learner as seen through one export: who they are here, and when they came. Kept with the
 * participant's own data, so an erasure takes it along.
 */
export interface ExportLearner {
  readonly exportId: string;
  /** The participant's user id in this module. */
  readonly userId: string;
  readonly name: string;
  readonly firstLaunchAt: string;
  readonly lastLaunchAt: string;
}

export interface ExportLaunch {
  readonly exportId: string;
  readonly userId: string;
  readonly name: string;
  readonly at: string;
}

export interface ExportStore {
  /** Stores a new export (its id is new: an existing one is never overwritten). */
  put(record: ExportRecord): Promise<void>;
  get(exportId: string): Promise<ExportRecord | undefined>;
  /** Every export, newest first. */
  list(): Promise<ExportRecord[]>;
  revoke(exportId: string, revokedAt: string): Promise<void>;
  /**
   * Records a launch: the learner's item (made on their first launch) and the export's learner
   * count and last launch change together, or not at all.
   */
  recordLaunch(launch: ExportLaunch): Promise<{ firstLaunch: boolean }>;
  /** The learners who came through the export, most recent launch first. */
  learners(exportId: string): Promise<ExportLearner[]>;
  /** The exports one participant came through (their own data: the right of access). */
  launchesOf(userId: string): Promise<ExportLearner[]>;
}
