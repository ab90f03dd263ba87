import { describe, expect, it } from 'vitest';
import { buildManifest, type ThinManifestInput } from '../../../functions/core/scorm/manifest.js';
import { validateManifest } from '../../../functions/core/scorm/validate-manifest.js';
import { attribute, childElements, parseXml } from '../../../functions/core/scorm/xml-tree.js';
import { SCORM_NAMESPACES } from '../../../functions/core/scorm/versions.js';

function thinInput(overrides: Partial<ThinManifestInput> = {}): ThinManifestInput {
  return {
    version: '1.2',
    courseIdentifier: 'introductie-positieve-gezondheid',
    courseTitle: 'Introductie Positieve Gezondheid',
    organisationLabel: 'Introductie Positieve Gezondheid',
    launchFile: 'index.html',
    files: ['index.html', 'launch.js'],
    ...overrides,
  };
}

describe('buildManifest', () => {
  it.each(['1.2', '2004'] as const)('writes a SCORM %s manifest that the official schemas accept', async (version) => {
    const result = await validateManifest(buildManifest(thinInput({ version })));
    expect(result.ok ? result.version : result.errors).toBe(version);
  });

  it('marks the 2004 manifest as 4th Edition with a SCO and flow sequencing', () => {
    const root = parseXml(buildManifest(thinInput({ version: '2004' })));
    const cp = SCORM_NAMESPACES['2004'].contentPackaging;
    const metadata = childElements(root, cp, 'metadata')[0]!;
    expect(childElements(metadata, cp, 'schemaversion')[0]!.text).toBe('2004 4th Edition');
    const resource = childElements(childElements(root, cp, 'resources')[0]!, cp, 'resource')[0]!;
    expect(attribute(resource, SCORM_NAMESPACES['2004'].adlcp, 'scormType')).toBe('sco');
    expect(attribute(resource, '', 'href')).toBe('index.html');
  });

  it('escapes titles so they come back exactly, and the manifest stays valid', async () => {
    const courseTitle = `Gezondheid & "jij" <'t begin>`;
    const xml = buildManifest(thinInput({ version: '2004', courseTitle, organisationLabel: 'A&B\tC' }));
    const cp = SCORM_NAMESPACES['2004'].contentPackaging;
    const organisation = childElements(childElements(parseXml(xml), cp, 'organizations')[0]!, cp, 'organization')[0]!;
    expect(childElements(organisation, cp, 'title')[0]!.text).toBe('A&B\tC');
    expect(childElements(childElements(organisation, cp, 'item')[0]!, cp, 'title')[0]!.text).toBe(courseTitle);
    expect((await validateManifest(xml)).ok).toBe(true);
  });

  it('turns any course identifier into valid XML IDs', async () => {
    const xml = buildManifest(thinInput({ courseIdentifier: 'https://example.nl/cursus/1 (nl)' }));
    expect(xml).toContain('identifier="MANIFEST-https---example.nl-cursus-1--nl-"');
    expect((await validateManifest(xml)).ok).toBe(true);
  });

  it('percent-encodes file names in hrefs', () => {
    const xml = buildManifest(thinInput({ files: ['index.html', 'media/mijn bestand#1.js'] }));
    expect(xml).toContain('<file href="media/mijn%20bestand%231.js"/>');
  });

  it('refuses a character XML cannot carry, a launch file that is not a file, and paths outside the package', () => {
    expect(() => buildManifest(thinInput({ courseTitle: 'bel\u0007' }))).toThrow(/courseTitle/);
    expect(() => buildManifest(thinInput({ launchFile: 'start.html' }))).toThrow(/launch file/);
    expect(() => buildManifest(thinInput({ files: ['index.html', '../x.js'] }))).toThrow(/not a plain path/);
  });
});
