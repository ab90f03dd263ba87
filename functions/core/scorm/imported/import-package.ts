/**
 * An admin imports a third-party SCORM 1.2 or 2004 package as a work moment of the course.
 *
 * The zip is untrusted: it is inspected in full first (inspect-package.ts: limits, zip slip, zip
 * bombs, manifest against the XSDs, hrefs inside the package), and a package with any problem is
 * refused with every problem listed, before anything of it is stored. A good package's files are
 * stored first, invisible, and the work moment is committed in one write at the end; if anything
 * fails on the way, the files written so far are removed again.
 */
import { randomBytes } from 'node:crypto';
import type { Course } from '../../course/schema.js';
import { UnprocessableContentError, ValidationError, type ErrorIssue } from '../../errors.js';
import { inspectPackage, type PackageLimits } from '../inspect-package.js';
import type { PackageStore } from './ports.js';
import { packageIds, type PackageWorkMoment } from './work-moments.js';

const MB = 1024 * 1024;

/**
 * Limits for an upload through the API. The zip travels base64-encoded in a JSON body, and a
 * Lambda's synchronous event may be 6 MB at most, so 4 MiB of zip (about 5.6 MB as base64). Files
 * are served by a Lambda too (base64 in a 6 MB response), so one file is at most 4 MiB. Larger
 * packages need an upload straight to object storage, which is not built (README, "SCORM").
 */
export const UPLOAD_LIMITS: PackageLimits = {
  maxZipBytes: 4 * MB,
  maxUncompressedBytes: 40 * MB,
  maxFileBytes: 4 * MB,
  maxEntries: 2_000,
  maxCompressionRatio: 100,
  compressionRatioFloorBytes: 1 * MB,
  maxManifestBytes: 2 * MB,
};

export interface ImportPackageInput {
  course: Course;
  title: string;
  intro: string;
  nominalMinutes: number;
  outcomes: readonly number[];
  fileName: string;
  zip: Uint8Array;
  uploadedBy: string;
}

export interface ImportPackageDeps {
  packages: PackageStore;
  now: () => Date;
  limits?: PackageLimits;
}

export const importPackage =
  (deps: ImportPackageDeps) =>
  async (input: ImportPackageInput): Promise<PackageWorkMoment> => {
    const known = new Set(input.course.outcomes.map((o) => o.number));
    const unknown = input.outcomes.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new ValidationError(`De cursus heeft geen leeruitkomst ${unknown.join(', ')}.`, {
        issues: [{ path: 'body.outcomes', message: `kies uit ${[...known].sort((a, b) => a - b).join(', ')}` }],
      });
    }
    const inspection = await inspectPackage(input.zip, deps.limits ?? UPLOAD_LIMITS);
    if (!inspection.ok) {
      const issues: ErrorIssue[] = inspection.errors.map((message) => ({ path: 'body.zipBase64', message }));
      throw new UnprocessableContentError(`Dit pakket is niet ingelezen. Los ${issues.length === 1 ? 'dit probleem' : `deze ${issues.length} problemen`} op en probeer het opnieuw.`, { issues });
    }

    const packageId = randomBytes(16).toString('hex');
    const files = [...inspection.contents].map(([path, data]) => ({ path, data, contentType: contentTypeOf(path) }));
    const workMoment: PackageWorkMoment = {
      packageId,
      ...packageIds(packageId),
      title: input.title,
      intro: input.intro,
      nominalMinutes: input.nominalMinutes,
      outcomes: [...new Set(input.outcomes)].sort((a, b) => a - b),
      scormVersion: inspection.version,
      launchPath: inspection.launch,
      fileName: input.fileName,
      fileCount: files.length,
      totalBytes: files.reduce((sum, f) => sum + f.data.byteLength, 0),
      uploadedAt: deps.now().toISOString(),
      uploadedBy: input.uploadedBy,
    };
    try {
      await deps.packages.putFiles(packageId, files);
      await deps.packages.commit(input.course.id, workMoment);
    } catch (error) {
      await deps.packages.discard(packageId, files.map((f) => f.path)).catch(() => undefined);
      throw error;
    }
    return workMoment;
  };

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  xml: 'application/xml',
  xsd: 'application/xml',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  webm: 'video/webm',
  vtt: 'text/vtt',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  pdf: 'application/pdf',
};

export function contentTypeOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot < 0 ? undefined : CONTENT_TYPES[path.slice(dot + 1).toLowerCase()]) ?? 'application/octet-stream';
}
