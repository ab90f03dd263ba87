/**
 * The thin SCORM package of the course for one organisation: no course content, only a launch page
 * that opens the course where this module hosts it and relays what happens there to the LMS (the
 * protocol: bridge-protocol.ts). The LMS imports it like any SCORM 1.2 or 2004 4th Edition package.
 *
 * Beside imsmanifest.xml and the three web files, the package carries the XSD files its manifest
 * names (and what they import), as SCORM packages conventionally do; some LMSs look for them.
 */
import { readFile } from 'node:fs/promises';
import { ValidationError } from '../errors.js';
import { HOSTED_LAUNCH_PATH } from './bridge-protocol.js';
import {
  BRIDGE_SCRIPT,
  BRIDGE_SCRIPT_FILE,
  CONFIG_SCRIPT_FILE,
  configScript,
  LAUNCH_PAGE_FILE,
  launchPageHtml,
} from './launch-page.js';
import { buildManifest } from './manifest.js';
import { MANIFEST_FILE_NAME, packagedSchemaFileUrls } from './validate-manifest.js';
import type { ScormVersion } from './versions.js';
import { writeZip, type ZipFileInput } from './zip.js';

export interface ThinPackageInput {
  readonly version: ScormVersion;
  /** Where the module is hosted, e.g. "https://ipg.example.nl": https, or http on this machine only. */
  readonly moduleUrl: string;
  /** The organisation's export key, which the hosted course checks: 16-200 of A-Z a-z 0-9 _ -. */
  readonly exportKey: string;
  /** The organisation the package is for; the LMS shows it beside the course title. */
  readonly organisation: string;
  readonly courseTitle: string;
  readonly courseIdentifier: string;
}

export const EXPORT_KEY_PATTERN = /^[A-Za-z0-9_-]{16,200}$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export async function buildThinPackage(input: ThinPackageInput): Promise<Uint8Array> {
  const moduleUrl = checkedModuleUrl(input.moduleUrl);
  checkInput(input);
  const encoder = new TextEncoder();
  const webFiles: ZipFileInput[] = [
    { path: LAUNCH_PAGE_FILE, data: encoder.encode(launchPageHtml(input.courseTitle)) },
    { path: BRIDGE_SCRIPT_FILE, data: encoder.encode(BRIDGE_SCRIPT) },
    {
      path: CONFIG_SCRIPT_FILE,
      data: encoder.encode(
        configScript({
          version: input.version,
          launchUrl: `${moduleUrl.href.replace(/\/$/, '')}${HOSTED_LAUNCH_PATH}`,
          moduleOrigin: moduleUrl.origin,
          exportKey: input.exportKey,
          courseTitle: input.courseTitle,
        }),
      ),
    },
  ];
  const manifest = buildManifest({
    version: input.version,
    courseIdentifier: input.courseIdentifier,
    courseTitle: input.courseTitle,
    organisationLabel: `${input.courseTitle} (${input.organisation})`,
    launchFile: LAUNCH_PAGE_FILE,
    files: webFiles.map((file) => file.path),
  });
  return writeZip([
    { path: MANIFEST_FILE_NAME, data: encoder.encode(manifest) },
    ...webFiles,
    ...(await schemaFiles(input.version)),
  ]);
}

/** The module's URL without query or fragment; refused unless https (or http on this machine). */
function checkedModuleUrl(moduleUrl: string): URL {
  let url: URL;
  try {
    url = new URL(moduleUrl);
  } catch {
    throw invalid('moduleUrl', `moduleUrl "${moduleUrl}" is not a URL; give the module's address, e.g. https://ipg.example.nl.`);
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw invalid('moduleUrl', `moduleUrl "${moduleUrl}" must start with https:// (http:// only for localhost).`);
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw invalid('moduleUrl', `moduleUrl "${moduleUrl}" may not hold a user name, password, query or fragment.`);
  }
  return url;
}

function checkInput(input: ThinPackageInput): void {
  if (!EXPORT_KEY_PATTERN.test(input.exportKey)) {
    throw invalid('exportKey', 'exportKey must be 16 to 200 characters of A-Z, a-z, 0-9, "_" and "-".');
  }
  for (const field of ['organisation', 'courseTitle', 'courseIdentifier'] as const) {
    if (input[field].trim() === '') throw invalid(field, `${field} may not be empty.`);
  }
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError(`buildThinPackage: ${message}`, { issues: [{ path, message }] });
}

/** The XSD files of the version's schema set, sorted, at the package root. */
async function schemaFiles(version: ScormVersion): Promise<ZipFileInput[]> {
  const files = [...packagedSchemaFileUrls(version)].sort((a, b) => (a.fileName < b.fileName ? -1 : 1));
  return Promise.all(files.map(async ({ fileName, url }) => ({ path: fileName, data: await readFile(url) })));
}
