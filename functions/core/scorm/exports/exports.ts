/**
 * SCORM exports of the Introductie, one per organisation (issue 7, "dispatch").
 *
 * An admin makes an export for an organisation; its thin packages (export-package.ts) carry the
 * export key, which the hosted course sends back on every launch. The key is
 * `<exportId>-<secret>`: the id names the export (so an admin sees which organisation's learners
 * arrive through it), the secret is 256 random bits of which only a SHA-256 hash is stored. A
 * copied package with an altered key opens nothing, and a revoked export opens nothing any more.
 * The key is shown once, in the packages made with the export; a lost key means a new export.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthenticationError, NotFoundError, ValidationError } from '../../errors.js';
import type { ExportRecord, ExportStore } from './ports.js';

const EXPORT_ID = /^[0-9a-f]{12}$/;

export interface NewExportInput {
  organisation: string;
  createdBy: string;
}

export const createExport =
  (deps: { exports: ExportStore; now: () => Date }) =>
  async (input: NewExportInput): Promise<{ record: ExportRecord; key: string }> => {
    const organisation = input.organisation.trim();
    if (organisation === '' || organisation.length > 120) {
      throw new ValidationError('Geef de naam van de organisatie (hoogstens 120 tekens).', { issues: [{ path: 'body.organisation', message: 'verplicht, hoogstens 120 tekens' }] });
    }
    const exportId = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const record: ExportRecord = { exportId, organisation, secretHash: hashOf(secret), createdAt: deps.now().toISOString(), createdBy: input.createdBy, revokedAt: null, learnerCount: 0, lastLaunchAt: null };
    await deps.exports.put(record);
    return { record, key: `${exportId}-${secret}` };
  };

/** The export a key belongs to, if the key is exactly right and the export is not revoked. */
export const verifyExportKey =
  (deps: { exports: Pick<ExportStore, 'get'> }) =>
  async (key: string): Promise<ExportRecord> => {
    const refused = new AuthenticationError('Deze koppeling met de cursus werkt niet (meer). Vraag de beheerder van je leeromgeving om een nieuw pakket.');
    const dash = key.indexOf('-');
    const exportId = dash < 0 ? '' : key.slice(0, dash);
    const secret = dash < 0 ? '' : key.slice(dash + 1);
    if (!EXPORT_ID.test(exportId) || secret === '') throw refused;
    const record = await deps.exports.get(exportId);
    if (!record || record.revokedAt !== null) throw refused;
    const expected = Buffer.from(record.secretHash, 'hex');
    const actual = Buffer.from(hashOf(secret), 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw refused;
    return record;
  };

export const revokeExport =
  (deps: { exports: ExportStore; now: () => Date }) =>
  async (exportId: string): Promise<ExportRecord> => {
    const record = EXPORT_ID.test(exportId) ? await deps.exports.get(exportId) : undefined;
    if (!record) throw new NotFoundError(`Er is geen export met id "${exportId}".`);
    if (record.revokedAt !== null) return record;
    const revokedAt = deps.now().toISOString();
    await deps.exports.revoke(exportId, revokedAt);
    return { ...record, revokedAt };
  };

/** What an admin sees of an export; never the secret or its hash. */
export function exportSummary(record: ExportRecord) {
  return {
    exportId: record.exportId,
    organisation: record.organisation,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    revokedAt: record.revokedAt,
    learnerCount: record.learnerCount,
    lastLaunchAt: record.lastLaunchAt,
  };
}

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
