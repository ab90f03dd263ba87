/**
 * Inspects an uploaded SCORM 1.2 or 2004 package (the zip's bytes) before anything of it is kept.
 * A package is untrusted input: it may try to write outside its folder (zip slip), expand without
 * end (zip bomb), or launch something that is not in it. Every problem found is reported, so the
 * admin can fix them all at once; the checks that guard memory come first, and nothing is inflated
 * that has not passed them.
 */
import { messages } from './package-messages.js';
import { normaliseEntryName, resolveHref } from './package-paths.js';
import { itemsInOrder, readManifest, type ManifestHref, type ScormManifest } from './read-manifest.js';
import { MANIFEST_FILE_NAME, validateManifest } from './validate-manifest.js';
import type { ScormVersion } from './versions.js';
import { inflateEntry, InvalidZipError, readZipDirectory, type ZipEntry } from './zip.js';

const MB = 1024 * 1024;

export interface PackageLimits {
  /** The zip file itself. */
  readonly maxZipBytes: number;
  /** All files together, uncompressed. */
  readonly maxUncompressedBytes: number;
  /** One file, uncompressed. */
  readonly maxFileBytes: number;
  /** Files and folders in the zip. */
  readonly maxEntries: number;
  /** Uncompressed size over compressed size of one entry: far above what real content reaches. */
  readonly maxCompressionRatio: number;
  /** Entries smaller than this may have any ratio (a small padded file compresses very well). */
  readonly compressionRatioFloorBytes: number;
  readonly maxManifestBytes: number;
}

export const PACKAGE_LIMITS: PackageLimits = {
  maxZipBytes: 100 * MB,
  maxUncompressedBytes: 250 * MB,
  maxFileBytes: 100 * MB,
  maxEntries: 10_000,
  maxCompressionRatio: 100,
  compressionRatioFloorBytes: 1 * MB,
  maxManifestBytes: 2 * MB,
};

export interface PackageFile {
  readonly path: string;
  readonly size: number;
}

export type PackageInspection =
  | {
      ok: true;
      version: ScormVersion;
      manifest: ScormManifest;
      /** The first SCO's launch URL, relative to the package root, e.g. "sco/index.html?page=1". */
      launch: string;
      files: PackageFile[];
      /** The default organisation's title, as the LMS shows the course. */
      title: string;
      /** Each file's data by path, inflated and checked against its size and CRC. */
      contents: ReadonlyMap<string, Uint8Array>;
    }
  | { ok: false; errors: string[] };

export async function inspectPackage(zip: Uint8Array, limits: PackageLimits = PACKAGE_LIMITS): Promise<PackageInspection> {
  if (zip.byteLength > limits.maxZipBytes) {
    return { ok: false, errors: [messages.zipTooLarge(zip.byteLength, limits.maxZipBytes)] };
  }
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(zip, limits.maxEntries);
  } catch (error) {
    if (!(error instanceof InvalidZipError)) throw error;
    return { ok: false, errors: [messages.zipFormat(error.problem, limits.maxEntries, error.entryCount)] };
  }

  const checked = checkEntries(entries, limits);
  const content = await checkContent(zip, checked.files, limits);
  const errors = [...checked.errors, ...(content.ok ? [] : content.errors)];
  if (errors.length > 0 || !content.ok) return { ok: false, errors };

  // Only now, with every declared size within the limits, is each file inflated (and held to its
  // declared size), so what is stored later is exactly what was checked.
  const contents = new Map<string, Uint8Array>();
  const dataErrors = [...checked.files].flatMap(([path, entry]) => {
    const result = inflateEntry(zip, entry);
    if (result.ok) contents.set(path, result.data);
    return result.ok ? [] : [messages.entryData(path, result.problem)];
  });
  if (dataErrors.length > 0) return { ok: false, errors: dataErrors };

  return {
    ok: true,
    version: content.version,
    manifest: content.manifest,
    launch: content.launch,
    files: [...checked.files].map(([path, entry]) => ({ path, size: entry.size })),
    title: content.title,
    contents,
  };
}

/** The zip's entries by normalised path (files only), and what is wrong with them. */
function checkEntries(entries: readonly ZipEntry[], limits: PackageLimits) {
  const errors: string[] = [];
  const files = new Map<string, ZipEntry>();
  const folders = new Set<string>();
  let totalBytes = 0;
  for (const entry of entries) {
    const name = normaliseEntryName(entry.name);
    if (!name.ok) {
      errors.push(messages.entryName(entry.name, name.problem));
      continue;
    }
    const path = name.path;
    if (entry.isSymlink) {
      errors.push(messages.symlink(entry.name));
      continue;
    }
    if (entry.isDirectory) {
      if (files.has(path)) errors.push(messages.duplicate(path));
      folders.add(path);
      continue;
    }
    if (files.has(path) || folders.has(path)) {
      errors.push(messages.duplicate(path));
      continue;
    }
    if (entry.isEncrypted) errors.push(messages.encrypted(path));
    else if (entry.method !== 0 && entry.method !== 8) errors.push(messages.unsupportedMethod(path));
    if (entry.size > limits.maxFileBytes) errors.push(messages.fileTooLarge(path, entry.size, limits.maxFileBytes));
    const ratio = entry.size / Math.max(entry.compressedSize, 1);
    if (entry.size > limits.compressionRatioFloorBytes && ratio > limits.maxCompressionRatio) {
      errors.push(messages.compressionRatio(path, ratio, limits.maxCompressionRatio));
    }
    totalBytes += entry.size;
    files.set(path, entry);
  }
  if (totalBytes > limits.maxUncompressedBytes) {
    errors.push(messages.totalTooLarge(totalBytes, limits.maxUncompressedBytes));
  }
  return { errors, files };
}

type ContentCheck =
  | { ok: true; version: ScormVersion; manifest: ScormManifest; launch: string; title: string }
  | { ok: false; errors: string[] };

/** The manifest: present at the root, valid against its schemas, every href inside the package. */
async function checkContent(
  zip: Uint8Array,
  files: ReadonlyMap<string, ZipEntry>,
  limits: PackageLimits,
): Promise<ContentCheck> {
  const entry = files.get(MANIFEST_FILE_NAME);
  if (!entry) {
    const nested = [...files.keys()].find((path) => path.endsWith(`/${MANIFEST_FILE_NAME}`));
    return { ok: false, errors: [nested ? messages.manifestInFolder(nested) : messages.manifestMissing()] };
  }
  if (entry.size > limits.maxManifestBytes) {
    return { ok: false, errors: [messages.manifestTooLarge(entry.size, limits.maxManifestBytes)] };
  }
  const data = inflateEntry(zip, entry);
  if (!data.ok) return { ok: false, errors: [messages.entryData(MANIFEST_FILE_NAME, data.problem)] };
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(data.data);
  } catch {
    return { ok: false, errors: [messages.manifestNotUtf8()] };
  }

  const validation = await validateManifest(xml);
  if (!validation.ok) return validation;
  const manifest = readManifest(validation.root, validation.version);
  const errors = checkReferences(manifest, files);
  const sco = firstSco(manifest);
  if (!sco) errors.push(messages.noSco());
  // A SCO whose href is unusable has its own message from checkReferences.
  const launch = sco && launchUrl(sco.launch, sco.parameters);
  if (errors.length > 0 || launch === undefined) return { ok: false, errors };
  return { ok: true, version: validation.version, manifest, launch, title: titleOf(manifest) };
}

function checkReferences(manifest: ScormManifest, files: ReadonlyMap<string, ZipEntry>): string[] {
  const errors: string[] = [];
  const checkHref = ({ href, bases, line }: ManifestHref, isLaunch: boolean) => {
    const resolved = resolveHref(bases, href);
    if (!resolved.ok) errors.push(messages.href(line, href, resolved.problem, isLaunch));
    else if (!files.has(resolved.path)) errors.push(messages.hrefMissing(line, href, isLaunch));
  };
  for (const resource of manifest.resources) {
    if (resource.launch) checkHref(resource.launch, resource.scormType === 'sco');
    else if (resource.scormType === 'sco') errors.push(messages.scoWithoutHref(resource.line, resource.identifier));
    for (const file of resource.files) checkHref(file, false);
  }
  const resourceIds = new Set(manifest.resources.map((resource) => resource.identifier));
  for (const item of itemsInOrder(manifest.organisation?.items ?? [])) {
    if (item.resourceIdentifier !== undefined && !resourceIds.has(item.resourceIdentifier)) {
      errors.push(messages.unknownResource(item.line, item.resourceIdentifier));
    }
  }
  return errors;
}

/** The first item, in the order the LMS shows them, that launches a SCO. */
function firstSco(manifest: ScormManifest): { launch: ManifestHref | undefined; parameters: string | undefined } | undefined {
  for (const item of itemsInOrder(manifest.organisation?.items ?? [])) {
    const resource = manifest.resources.find((r) => r.identifier === item.resourceIdentifier);
    if (resource?.scormType === 'sco') return { launch: resource.launch, parameters: item.parameters };
  }
  return undefined;
}

/** The URL to launch, relative to the package root and percent-encoded, or undefined if unusable. */
function launchUrl(launch: ManifestHref | undefined, parameters: string | undefined): string | undefined {
  if (!launch) return undefined;
  const resolved = resolveHref(launch.bases, launch.href);
  if (!resolved.ok) return undefined;
  const path = resolved.path.split('/').map(encodeURIComponent).join('/');
  return withParameters(path + resolved.suffix, parameters);
}

/** An item's parameters added to its launch URL as SCORM's content packaging describes it. */
function withParameters(launch: string, parameters: string | undefined): string {
  if (!parameters) return launch;
  if (parameters.startsWith('#')) return launch.includes('#') ? launch : launch + parameters;
  const hashAt = launch.indexOf('#');
  const beforeHash = hashAt === -1 ? launch : launch.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : launch.slice(hashAt);
  return `${beforeHash}${beforeHash.includes('?') ? '&' : '?'}${parameters.replace(/^[?&]/, '')}${hash}`;
}

function titleOf(manifest: ScormManifest): string {
  const firstItem = manifest.organisation?.items[0];
  return manifest.organisation?.title || firstItem?.title || manifest.identifier;
}
