import { describe, expect, it } from 'vitest';
import { inspectPackage, PACKAGE_LIMITS, type PackageInspection } from '../../../functions/core/scorm/inspect-package.js';
import { writeZip } from '../../../functions/core/scorm/zip.js';
import {
  duplicateNamePackage,
  hrefOutsidePackage,
  invalidManifestPackage,
  lineOf,
  lyingSizePackage,
  oversizedFilePackage,
  pathTraversalPackage,
  scorm12Manifest,
  scorm12Package,
  scorm2004Package,
  symlinkPackage,
  zipBombPackage,
} from '../../support/scorm-packages.js';

function errorsOf(inspection: PackageInspection): string[] {
  expect(inspection.ok).toBe(false);
  return inspection.ok ? [] : inspection.errors;
}

describe('inspectPackage: good packages', () => {
  it('accepts a SCORM 1.2 package and finds its SCO behind xml:base', async () => {
    const inspection = await inspectPackage(scorm12Package());
    expect(inspection).toMatchObject({ ok: true, version: '1.2', launch: 'sco/index.html', title: 'Testcursus SCORM 1.2' });
    expect(inspection.ok && inspection.files.map((f) => f.path)).toEqual(['imsmanifest.xml', 'sco/index.html', 'shared/style.css']);
  });

  it('accepts a SCORM 2004 4th Edition package; the launch keeps the item parameters and the encoding', async () => {
    const inspection = await inspectPackage(scorm2004Package());
    expect(inspection).toMatchObject({ ok: true, version: '2004', launch: 'content/les%201.html?taal=nl', title: 'Testcursus SCORM 2004' });
    expect(inspection.ok && inspection.files.find((f) => f.path === 'content/les 1.html')?.size).toBeGreaterThan(1000);
  });
});

// Lines in the SCORM 1.2 test manifest that the messages must name.
const RESOURCE_LINE = lineOf(scorm12Manifest(), '<resource identifier="RES-SCO"');
const SCO_FILE_LINE = lineOf(scorm12Manifest(), '<file href="index.html"/>');
const CSS_FILE_LINE = lineOf(scorm12Manifest(), '<file href="shared/style.css"/>');

describe('inspectPackage: hostile packages', () => {
  it('refuses an entry that climbs out of the package with ".."', async () => {
    expect(errorsOf(await inspectPackage(pathTraversalPackage()))).toEqual([
      expect.stringMatching(/^Bestand "\.\.\/evil\.js": de naam bevat "\.\."/),
    ]);
  });

  it.each([
    ['/etc/cron.d/x', /begint met "\/"/],
    ['C:/Windows/x.dll', /stationsletter/],
    ['sco\\..\\x.js', /bevat een "\\"/],
    ['sco/x\u0000.html', /ongeldig teken \(NUL\)/],
  ])('refuses the entry name %j', async (name, problem) => {
    const zip = scorm12Package([{ path: name, data: new Uint8Array([1]) }]);
    expect(errorsOf(await inspectPackage(zip))).toEqual([expect.stringMatching(problem)]);
  });

  it('refuses a symlink', async () => {
    expect(errorsOf(await inspectPackage(symlinkPackage()))).toEqual([
      expect.stringMatching(/^Bestand "sco\/passwd" is een snelkoppeling/),
    ]);
  });

  it('refuses two entries that are the same file once normalised', async () => {
    expect(errorsOf(await inspectPackage(duplicateNamePackage()))).toEqual([
      expect.stringMatching(/^"sco\/index\.html" staat meer dan één keer in het pakket/),
    ]);
  });

  it('refuses a SCO launch outside the package through ../', async () => {
    expect(errorsOf(await inspectPackage(hrefOutsidePackage('../../etc/passwd')))).toEqual([
      `imsmanifest.xml regel ${RESOURCE_LINE}: het startbestand (href) "../../etc/passwd" wijst met ".." naar een plek buiten het pakket. Dat mag niet; verwijs naar een bestand in het pakket.`,
    ]);
  });

  it('refuses a SCO launch that is a web address', async () => {
    expect(errorsOf(await inspectPackage(hrefOutsidePackage('http://evil.example/x.html')))).toEqual([
      `imsmanifest.xml regel ${RESOURCE_LINE}: het startbestand (href) "http://evil.example/x.html" is een adres buiten het pakket. Een SCO moet starten met een bestand in het pakket.`,
    ]);
  });

  it('refuses a file over the per-file limit by its declared size', async () => {
    const limits = { ...PACKAGE_LIMITS, maxFileBytes: 10_000 };
    expect(errorsOf(await inspectPackage(oversizedFilePackage(20_000), limits))).toEqual([
      expect.stringMatching(/^Bestand "media\/video\.mp4" is uitgepakt 0 MB\. Eén bestand mag hoogstens 0 MB zijn\.$/),
    ]);
  });

  it('refuses a package over the total uncompressed limit, and a zip over the zip limit', async () => {
    const zip = oversizedFilePackage(20_000);
    expect(errorsOf(await inspectPackage(zip, { ...PACKAGE_LIMITS, maxUncompressedBytes: 15_000 }))).toEqual([
      expect.stringMatching(/^Het pakket is uitgepakt .* Uitgepakt mag een pakket hoogstens/),
    ]);
    expect(errorsOf(await inspectPackage(zip, { ...PACKAGE_LIMITS, maxZipBytes: 1_000 }))).toEqual([
      expect.stringMatching(/^Het zip-bestand is .* Een SCORM-pakket mag hoogstens/),
    ]);
  });

  it('refuses too many entries before reading any of them', async () => {
    expect(errorsOf(await inspectPackage(scorm12Package(), { ...PACKAGE_LIMITS, maxEntries: 2 }))).toEqual([
      'Het pakket bevat 3 bestanden en mappen. Het maximum is 2.',
    ]);
  });

  it('refuses an entry with the compression ratio of a zip bomb without inflating it', async () => {
    expect(errorsOf(await inspectPackage(zipBombPackage()))).toEqual([
      expect.stringMatching(/^Bestand "media\/padding\.bin" wordt bij uitpakken \d+ keer zo groot\. Meer dan 100 keer vertrouwen we niet/),
    ]);
  });

  it('stops inflating an entry as soon as it outgrows the size the zip declares', async () => {
    expect(errorsOf(await inspectPackage(lyingSizePackage()))).toEqual([
      'Bestand "media/small.bin": het is bij uitpakken groter dan de zip zegt. Zo werkt een zip-bom; we pakken het niet verder uit. Maak het pakket opnieuw.',
    ]);
  });

  it('refuses a manifest that fails the schema, with the line', async () => {
    expect(errorsOf(await inspectPackage(invalidManifestPackage()))).toEqual([
      `imsmanifest.xml regel ${RESOURCE_LINE}: de waarde 'SCO' van het attribuut adlcp:scormtype van <resource> is niet toegestaan. Kies uit: 'asset', 'sco'.`,
    ]);
  });

  it('lists every problem at once: a bad entry name and a missing launch file', async () => {
    const zip = writeZip([
      { path: 'imsmanifest.xml', data: new TextEncoder().encode(scorm12Manifest()) },
      { path: '../evil.js', data: new Uint8Array([1]) },
    ]);
    expect(errorsOf(await inspectPackage(zip))).toEqual([
      expect.stringMatching(/^Bestand "\.\.\/evil\.js"/),
      `imsmanifest.xml regel ${RESOURCE_LINE}: het startbestand "index.html" staat niet in het pakket. Voeg het toe of verbeter het pad (let op hoofdletters).`,
      `imsmanifest.xml regel ${SCO_FILE_LINE}: het bestand "index.html" staat niet in het pakket. Voeg het toe of verbeter het pad (let op hoofdletters).`,
      `imsmanifest.xml regel ${CSS_FILE_LINE}: het bestand "shared/style.css" staat niet in het pakket. Voeg het toe of verbeter het pad (let op hoofdletters).`,
    ]);
  });

  it('explains a manifest in a folder instead of at the root', async () => {
    const zip = writeZip([{ path: 'cursus/imsmanifest.xml', data: new TextEncoder().encode(scorm12Manifest()) }]);
    expect(errorsOf(await inspectPackage(zip))).toEqual([
      'imsmanifest.xml staat in de map "cursus/" en niet in de hoofdmap van de zip. Zip de inhoud van de map, niet de map zelf.',
    ]);
  });

  it('refuses a package whose organisation launches no SCO', async () => {
    const zip = scorm12Package([], scorm12Manifest().replace('adlcp:scormtype="sco"', 'adlcp:scormtype="asset"'));
    expect(errorsOf(await inspectPackage(zip))).toEqual([expect.stringMatching(/^Het pakket heeft geen SCO/)]);
  });

  it('refuses bytes that are not a zip', async () => {
    expect(errorsOf(await inspectPackage(new TextEncoder().encode('<html>geen zip</html>')))).toEqual([
      'Dit is geen zip-bestand, of het is beschadigd. Maak het SCORM-pakket opnieuw als zip-bestand.',
    ]);
  });
});
