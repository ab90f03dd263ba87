import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../../functions/core/scorm/validate-manifest.js';
import { lineOf, scorm12Manifest, scorm2004Manifest } from '../../support/scorm-packages.js';

describe('validateManifest', () => {
  it('detects SCORM 1.2 and SCORM 2004 from the namespaces', async () => {
    expect(await validateManifest(scorm12Manifest())).toMatchObject({ ok: true, version: '1.2' });
    expect(await validateManifest(scorm2004Manifest())).toMatchObject({ ok: true, version: '2004' });
  });

  it('reports a schema error with its line, in Dutch, saying what is allowed', async () => {
    const xml = scorm12Manifest({ scormType: 'SCO' });
    const line = lineOf(xml, 'scormtype="SCO"');
    expect(await validateManifest(xml)).toEqual({
      ok: false,
      errors: [
        `imsmanifest.xml regel ${line}: de waarde 'SCO' van het attribuut adlcp:scormtype van <resource> is niet toegestaan. Kies uit: 'asset', 'sco'.`,
      ],
    });
  });

  it('lists every schema error, not only the first', async () => {
    const xml = scorm2004Manifest()
      .replace(' type="webcontent"', '')
      .replace('<imsss:controlMode choice="true"', '<imsss:controlMode choice="ja"');
    const result = await validateManifest(xml);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(2);
    expect(result.errors).toEqual([
      `imsmanifest.xml regel ${lineOf(xml, 'choice="ja"')}: 'ja' is geen geldige waarde voor het attribuut choice van <imsss:controlMode>. Gebruik true of false.`,
      `imsmanifest.xml regel ${lineOf(xml, '<resource ')}: bij <resource> ontbreekt het verplichte attribuut type. Voeg het toe.`,
    ]);
  });

  it('reports a missing required element', async () => {
    const xml = scorm12Manifest().replace(/<resources>[\s\S]*<\/resources>/, '');
    const result = await validateManifest(xml);
    // xmllint names the line where the <manifest> start tag ends.
    expect(result.ok ? [] : result.errors).toEqual([
      expect.stringMatching(/^imsmanifest\.xml regel 6: in <manifest> ontbreekt een verplicht element: <resources>\. Voeg het toe\.$/),
    ]);
  });

  it('reports XML that is not well-formed with the line xmllint names', async () => {
    const xml = scorm12Manifest().replace('<title>Les 1</title>', '<title>Les 1</titel>');
    const line = lineOf(xml, '</titel>');
    const result = await validateManifest(xml);
    expect(result.ok ? [] : result.errors).toEqual([
      `imsmanifest.xml regel ${line}: de XML is niet goed opgebouwd: <title> (regel ${line}) wordt gesloten met </titel>. Maak de begin- en eindtag gelijk.`,
    ]);
  });

  it('refuses a DOCTYPE, so no entity can expand', async () => {
    const xml = scorm12Manifest().replace('<manifest', '<!DOCTYPE manifest [<!ENTITY a "aaaaaaaaaa">]>\n<manifest');
    const result = await validateManifest(xml);
    expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(/^imsmanifest\.xml regel 2: .*DOCTYPE/)]);
  });

  it('refuses a root that is not a SCORM manifest, naming both namespaces', async () => {
    const result = await validateManifest('<?xml version="1.0"?>\n<manifest xmlns="urn:other"/>');
    expect(result.ok ? [] : result.errors).toEqual([
      expect.stringContaining('http://www.imsproject.org/xsd/imscp_rootv1p1p2'),
    ]);
  });

  it('refuses a schemaversion that contradicts the namespaces', async () => {
    const xml = scorm12Manifest().replace('<schemaversion>1.2</schemaversion>', '<schemaversion>2004 4th Edition</schemaversion>');
    const result = await validateManifest(xml);
    expect(result.ok ? [] : result.errors).toEqual([
      expect.stringMatching(/^imsmanifest\.xml regel 9: <schemaversion> is "2004 4th Edition", maar de naamruimte van <manifest> is die van SCORM 1\.2/),
    ]);
  });
});
