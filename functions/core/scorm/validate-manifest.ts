/**
 * Checks an imsmanifest.xml against the official ADL/IMS schemas of its SCORM version (see
 * xsd/README.md), with xmllint compiled to WebAssembly: no native code, no network, the schemas
 * are handed over as files. The version is read from the manifest's namespace; a <schemaversion>
 * that says otherwise is an error too, since an LMS would not know which one to believe.
 */
import { readFile } from 'node:fs/promises';
import { memoryPages, validateXML, type XMLFileInfo, type XMLValidationResult } from 'xmllint-wasm';
import { childElements, parseXml, XmlSyntaxError, type XmlElement } from './xml-tree.js';
import { SCORM_NAMESPACES, versionOfNamespace, versionOfSchemaVersion, type ScormVersion } from './versions.js';
import { describeXmllintErrors } from './xsd-messages.js';

export type ManifestValidation =
  | { ok: true; version: ScormVersion; root: XmlElement }
  | { ok: false; errors: string[] };

export const MANIFEST_FILE_NAME = 'imsmanifest.xml';

/** More would only repeat the same mistake; the admin fixes these and uploads again. */
const MAX_REPORTED_ERRORS = 50;

// xmllint's default ceiling is 32 MiB; the schemas plus a manifest of a few MB need more.
const XMLLINT_MAX_MEMORY_PAGES = 128 * memoryPages.MiB;

const SCHEMA_SETS: Readonly<Record<ScormVersion, { folder: string; files: readonly string[] }>> = {
  '1.2': {
    folder: 'scorm12',
    files: ['manifest-root.xsd', 'imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd'],
  },
  '2004': {
    folder: 'scorm2004',
    files: [
      'manifest-root.xsd',
      'imscp_v1p1.xsd',
      'adlcp_v1p3.xsd',
      'adlseq_v1p3.xsd',
      'adlnav_v1p3.xsd',
      'imsss_v1p0.xsd',
      'imsss_v1p0auxresource.xsd',
      'imsss_v1p0control.xsd',
      'imsss_v1p0delivery.xsd',
      'imsss_v1p0limit.xsd',
      'imsss_v1p0objective.xsd',
      'imsss_v1p0random.xsd',
      'imsss_v1p0rollup.xsd',
      'imsss_v1p0seqrule.xsd',
      'imsss_v1p0util.xsd',
      'xml.xsd',
    ],
  },
};

export async function validateManifest(xml: string): Promise<ManifestValidation> {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    return { ok: false, errors: await describeSyntaxError(xml, error) };
  }
  const detected = detectVersion(root);
  if (!detected.ok) return detected;

  const result = await runXmllint(xml, detected.version);
  if (result.valid) return { ok: true, version: detected.version, root };
  return { ok: false, errors: reportable(describeXmllintErrors(result.errors, MANIFEST_FILE_NAME), result.rawOutput) };
}

function detectVersion(root: XmlElement): { ok: true; version: ScormVersion } | { ok: false; errors: string[] } {
  const at = `${MANIFEST_FILE_NAME} regel ${root.line}`;
  const version = versionOfNamespace(root.namespace);
  if (root.localName !== 'manifest' || version === undefined) {
    return {
      ok: false,
      errors: [
        `${at}: het hoofdelement moet <manifest> zijn met xmlns="${SCORM_NAMESPACES['1.2'].contentPackaging}" ` +
          `(SCORM 1.2) of xmlns="${SCORM_NAMESPACES['2004'].contentPackaging}" (SCORM 2004). ` +
          `Nu is het <${root.localName}>${root.namespace ? ` in naamruimte ${root.namespace}` : ' zonder naamruimte'}.`,
      ],
    };
  }
  const namespace = SCORM_NAMESPACES[version].contentPackaging;
  for (const metadata of childElements(root, namespace, 'metadata')) {
    for (const schemaVersion of childElements(metadata, namespace, 'schemaversion')) {
      const named = versionOfSchemaVersion(schemaVersion.text);
      if (named !== version) {
        return {
          ok: false,
          errors: [
            `${MANIFEST_FILE_NAME} regel ${schemaVersion.line}: <schemaversion> is "${schemaVersion.text.trim()}", ` +
              `maar de naamruimte van <manifest> is die van SCORM ${version}. Schrijf ` +
              (version === '1.2' ? '"1.2"' : '"2004 4th Edition"') +
              ', of gebruik de naamruimten van de SCORM-versie die u bedoelt.',
          ],
        };
      }
    }
  }
  return { ok: true, version };
}

/**
 * Our reader refused the XML. xmllint says best what is wrong with XML that is not well-formed;
 * what xmllint accepts but we do not (a DOCTYPE, an entity) gets our own message.
 */
async function describeSyntaxError(xml: string, error: XmlSyntaxError): Promise<string[]> {
  // Either schema set will do: xmllint reports parser errors before it looks at any schema.
  const result = await runXmllint(xml, '1.2');
  const parserErrors = result.errors.filter((e) => /(?:parser|namespace) error :/.test(e.message));
  if (parserErrors.length > 0) return reportable(describeXmllintErrors(parserErrors, MANIFEST_FILE_NAME), result.rawOutput);
  return [
    `${MANIFEST_FILE_NAME} regel ${error.line}: deze XML kunnen we niet veilig lezen (${error.message}). ` +
      'Een SCORM-manifest heeft geen DOCTYPE en geen eigen entiteiten nodig; haal die weg.',
  ];
}

async function runXmllint(xml: string, version: ScormVersion): Promise<XMLValidationResult> {
  const [rootSchema, ...imported] = await readSchemaFiles(version);
  return validateXML({
    xml: [{ fileName: MANIFEST_FILE_NAME, contents: xml }],
    schema: [rootSchema!],
    preload: imported,
    maxMemoryPages: XMLLINT_MAX_MEMORY_PAGES,
  });
}

function reportable(errors: string[], rawOutput: string): string[] {
  if (errors.length === 0) {
    return [`${MANIFEST_FILE_NAME} klopt niet met het SCORM-schema: "${rawOutput.trim().slice(0, 500)}".`];
  }
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  return [...errors.slice(0, MAX_REPORTED_ERRORS), `… en nog ${errors.length - MAX_REPORTED_ERRORS} fouten in ${MANIFEST_FILE_NAME}.`];
}

/**
 * The schema files of one version, the root schema first. The only file access of this module:
 * when the code is bundled, the xsd folder must travel with the bundle next to it.
 */
async function readSchemaFiles(version: ScormVersion): Promise<XMLFileInfo[]> {
  return Promise.all(schemaFileUrls(version).map(async ({ fileName, url }) => ({ fileName, contents: await readFile(url, 'utf8') })));
}

/** Where the version's schema files are; the first is manifest-root.xsd, ours, only for xmllint. */
function schemaFileUrls(version: ScormVersion): { fileName: string; url: URL }[] {
  const { folder, files } = SCHEMA_SETS[version];
  const base = new URL(`./xsd/${folder}/`, import.meta.url);
  return files.map((fileName) => ({ fileName, url: new URL(fileName, base) }));
}

/**
 * The official schema files a package of this version carries at its root (what its manifest
 * names and what those import), without the validation-only manifest-root.xsd.
 */
export function packagedSchemaFileUrls(version: ScormVersion): { fileName: string; url: URL }[] {
  return schemaFileUrls(version).slice(1);
}
