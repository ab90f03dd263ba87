/**
 * imsmanifest.xml for a thin SCORM package of the course: one organisation with one item that
 * launches one SCO, whose launch page opens the course where this module hosts it. The LMS that
 * imports the package only needs to start that SCO and record what it reports.
 */
import { normaliseEntryName } from './package-paths.js';
import { SCORM_2004_EXTRA_NAMESPACES, SCORM_NAMESPACES, type ScormVersion } from './versions.js';

export interface ThinManifestInput {
  readonly version: ScormVersion;
  /** The course's identifier, e.g. "introductie-positieve-gezondheid"; any string, it is made a valid XML ID. */
  readonly courseIdentifier: string;
  readonly courseTitle: string;
  /** The title the LMS shows for the organisation (the course's table of contents). */
  readonly organisationLabel: string;
  /** The SCO's launch page, a path in the package, e.g. "index.html". */
  readonly launchFile: string;
  /** Every file of the SCO, paths in the package, the launch page included. */
  readonly files: readonly string[];
}

export function buildManifest(input: ThinManifestInput): string {
  for (const path of input.files) assertPackagePath(path);
  if (!input.files.includes(input.launchFile)) {
    throw new Error(`buildManifest: the launch file ${input.launchFile} is not among the files`);
  }
  const ids = {
    manifest: xmlId('MANIFEST', input.courseIdentifier),
    organisation: xmlId('ORG', input.courseIdentifier),
    item: xmlId('ITEM', input.courseIdentifier),
    resource: xmlId('SCO', input.courseIdentifier),
  };
  const text = {
    courseTitle: escapeXml('courseTitle', input.courseTitle),
    organisationLabel: escapeXml('organisationLabel', input.organisationLabel),
  };
  const files = input.files.map((path) => `      <file href="${escapeXml('files', encodeHref(path))}"/>`).join('\n');
  const launch = escapeXml('launchFile', encodeHref(input.launchFile));
  return input.version === '1.2'
    ? scorm12Manifest(ids, text, launch, files)
    : scorm2004Manifest(ids, text, launch, files);
}

type Ids = Record<'manifest' | 'organisation' | 'item' | 'resource', string>;
type Texts = Record<'courseTitle' | 'organisationLabel', string>;

function scorm12Manifest(ids: Ids, text: Texts, launch: string, files: string): string {
  const ns = SCORM_NAMESPACES['1.2'];
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${ids.manifest}" version="1.0"
    xmlns="${ns.contentPackaging}"
    xmlns:adlcp="${ns.adlcp}"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="${ns.contentPackaging} imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd ${ns.adlcp} adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${ids.organisation}">
    <organization identifier="${ids.organisation}">
      <title>${text.organisationLabel}</title>
      <item identifier="${ids.item}" identifierref="${ids.resource}" isvisible="true">
        <title>${text.courseTitle}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${ids.resource}" type="webcontent" adlcp:scormtype="sco" href="${launch}">
${files}
    </resource>
  </resources>
</manifest>
`;
}

// Minimal sequencing: flow lets the LMS start the one SCO by itself, and the delivery controls
// leave completion and success to the SCO, which reports them from the course.
function scorm2004Manifest(ids: Ids, text: Texts, launch: string, files: string): string {
  const ns = SCORM_NAMESPACES['2004'];
  const extra = SCORM_2004_EXTRA_NAMESPACES;
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${ids.manifest}" version="1"
    xmlns="${ns.contentPackaging}"
    xmlns:adlcp="${ns.adlcp}"
    xmlns:adlseq="${extra.adlseq}"
    xmlns:adlnav="${extra.adlnav}"
    xmlns:imsss="${extra.imsss}"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="${ns.contentPackaging} imscp_v1p1.xsd ${ns.adlcp} adlcp_v1p3.xsd ${extra.adlseq} adlseq_v1p3.xsd ${extra.adlnav} adlnav_v1p3.xsd ${extra.imsss} imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="${ids.organisation}">
    <organization identifier="${ids.organisation}">
      <title>${text.organisationLabel}</title>
      <item identifier="${ids.item}" identifierref="${ids.resource}">
        <title>${text.courseTitle}</title>
        <imsss:sequencing>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${ids.resource}" type="webcontent" adlcp:scormType="sco" href="${launch}">
${files}
    </resource>
  </resources>
</manifest>
`;
}

function assertPackagePath(path: string): void {
  const check = normaliseEntryName(path);
  if (!check.ok || check.path !== path) {
    throw new Error(`buildManifest: ${JSON.stringify(path)} is not a plain path inside the package`);
  }
}

/** An XML ID (an NCName): the prefix keeps it starting with a letter, other characters become "-". */
function xmlId(prefix: string, value: string): string {
  return `${prefix}-${value.replace(/[^A-Za-z0-9._-]/g, '-')}`;
}

/** Each path segment percent-encoded, so a file name with a space or "#" is still one file. */
function encodeHref(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

// Characters XML 1.0 cannot carry at all, not even as a character reference.
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&quot;'],
  ["'", '&apos;'],
  // In an attribute a parser would turn these into spaces; as references they survive.
  ['\t', '&#9;'],
  ['\n', '&#10;'],
  ['\r', '&#13;'],
]);

function escapeXml(field: string, value: string): string {
  if (NOT_XML_CHARACTER.test(value)) throw new Error(`buildManifest: ${field} holds a character XML cannot carry`);
  return value.replace(/[&<>"'\t\n\r]/g, (character) => ESCAPES.get(character) ?? character);
}
