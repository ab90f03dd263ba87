/** Storage of the SCORM exports (exports.ts). */
export interface ExportRecord {
  readonly exportId: string;
  readonly organisation: string;
  /** SHA-256 of the key's secret part, hex. */
  readonly secretHash: string;
  readonly createdAt: string;
  /** The admin's user id. */
  readonly createdBy: string;
  readonly revokedAt: string | null;
}

export interface ExportStore {
  /** Stores a new export (its id is new: an existing one is never overwritten). */
  put(record: ExportRecord): Promise<void>;
  get(exportId: string): Promise<ExportRecord | undefined>;
  /** Every export, newest first. */
  list(): Promise<ExportRecord[]>;
  revoke(exportId: string, revokedAt: string): Promise<void>;
}
