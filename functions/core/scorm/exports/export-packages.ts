/**
 * A new export for an organisation with its two thin packages (SCORM 1.2 and 2004 4th Edition),
 * for the admin route and the `npm run scorm-export` command. The key is in the packages only:
 * it is not stored, so the packages can be made once, at the export's creation. An organisation
 * that loses them gets a new export (and the old one is revoked).
 */
import type { Course } from '../../course/schema.js';
import { buildThinPackage } from '../export-package.js';
import type { ScormVersion } from '../versions.js';
import { createExport } from './exports.js';
import type { ExportRecord, ExportStore } from './ports.js';

export interface ExportPackage {
  readonly version: ScormVersion;
  readonly fileName: string;
  readonly zip: Uint8Array;
}

export interface NewExportPackagesInput {
  organisation: string;
  createdBy: string;
  /** Where the module is hosted, e.g. "https://ipg.example.nl". */
  moduleUrl: string;
  course: Pick<Course, 'title'>;
}

export const createExportWithPackages =
  (deps: { exports: ExportStore; now: () => Date }) =>
  async (input: NewExportPackagesInput): Promise<{ record: ExportRecord; packages: ExportPackage[] }> => {
    const { record, key } = await createExport(deps)({ organisation: input.organisation, createdBy: input.createdBy });
    const courseSlug = slug(input.course.title);
    const packages = await Promise.all(
      VERSIONS.map(async (version) => ({
        version,
        fileName: `${courseSlug}-${slug(record.organisation) || record.exportId}-scorm${version.replace('.', '')}.zip`,
        zip: await buildThinPackage({
          version,
          moduleUrl: input.moduleUrl,
          exportKey: key,
          organisation: record.organisation,
          courseTitle: input.course.title,
          courseIdentifier: courseSlug,
        }),
      })),
    );
    return { record, packages };
  };

const VERSIONS: readonly ScormVersion[] = ['1.2', '2004'];

/** "Zorggroep Noord-Oost" → "zorggroep-noord-oost": for file names and the manifest's identifiers. */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}
