/**
 * The Dutch (B1) messages for a refused SCORM package: each says which file or line, what is wrong
 * and what the admin can do about it. Kept apart from the checks so the wording can be read and
 * reviewed in one place.
 */
import type { InflateProblem, ZipFormatProblem } from './zip.js';
import type { PathProblem } from './package-paths.js';

const MB = 1024 * 1024;

export function megabytes(bytes: number): string {
  return `${(bytes / MB).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB`;
}

export const messages = {
  zipTooLarge: (size: number, limit: number) =>
    `Het zip-bestand is ${megabytes(size)}. Een SCORM-pakket mag hoogstens ${megabytes(limit)} zijn. Maak het pakket kleiner, bijvoorbeeld met kleinere video's of afbeeldingen.`,

  zipFormat: (problem: ZipFormatProblem, limit: number, entryCount?: number) =>
    ({
      'no-end-record': 'Dit is geen zip-bestand, of het is beschadigd. Maak het SCORM-pakket opnieuw als zip-bestand.',
      'multi-disk': 'Dit zip-bestand is opgesplitst in delen. Maak het SCORM-pakket opnieuw als één zip-bestand.',
      zip64: 'Dit zip-bestand gebruikt ZIP64 (voor heel grote bestanden). Dat ondersteunen we niet; maak het pakket opnieuw als gewone zip.',
      'too-many-entries': `Het pakket bevat ${entryCount ?? 'te veel'} bestanden en mappen. Het maximum is ${limit.toLocaleString('nl-NL')}.`,
      truncated: 'Het zip-bestand is onvolledig of beschadigd. Upload het opnieuw, of maak het pakket opnieuw.',
      'name-not-utf8': 'Een bestandsnaam in de zip is niet in UTF-8 opgeslagen. Maak het pakket opnieuw met een zip-programma dat UTF-8-namen gebruikt.',
    })[problem],

  entryName: (name: string, problem: PathProblem) =>
    `Bestand "${printable(name)}": ` +
    {
      empty: 'de naam is leeg.',
      'absolute-path': 'de naam begint met "/". Bestanden in een pakket hebben een naam ten opzichte van de hoofdmap.',
      'drive-letter': 'de naam begint met een stationsletter (zoals C:). Maak het pakket opnieuw vanuit de map zelf.',
      backslash: 'de naam bevat een "\\". Gebruik "/" tussen mappen.',
      nul: 'de naam bevat een ongeldig teken (NUL).',
      'parent-segment': 'de naam bevat "..", waarmee een bestand buiten het pakket terecht zou komen. Dat mag niet.',
      'absolute-url': 'de naam is een adres, geen bestandsnaam.',
      'bad-escape': 'de naam is ongeldig.',
    }[problem] +
    ' Haal dit bestand uit het pakket of geef het een gewone naam.',

  symlink: (name: string) =>
    `Bestand "${printable(name)}" is een snelkoppeling (symbolische link). Die kunnen naar bestanden buiten het pakket wijzen en zijn niet toegestaan. Vervang de link door het bestand zelf.`,

  duplicate: (path: string) =>
    `"${printable(path)}" staat meer dan één keer in het pakket (eventueel met een iets andere schrijfwijze). Laat één versie over.`,

  encrypted: (path: string) =>
    `Bestand "${printable(path)}" is versleuteld met een wachtwoord. Maak het pakket opnieuw zonder wachtwoord.`,

  unsupportedMethod: (path: string) =>
    `Bestand "${printable(path)}" is ingepakt met een methode die we niet kunnen lezen. Maak het pakket opnieuw met gewone zip-compressie (deflate).`,

  fileTooLarge: (path: string, size: number, limit: number) =>
    `Bestand "${printable(path)}" is uitgepakt ${megabytes(size)}. Eén bestand mag hoogstens ${megabytes(limit)} zijn.`,

  compressionRatio: (path: string, ratio: number, limit: number) =>
    `Bestand "${printable(path)}" wordt bij uitpakken ${Math.round(ratio)} keer zo groot. Meer dan ${limit} keer vertrouwen we niet (zo werkt een zip-bom). Haal het bestand weg of pak het pakket opnieuw in.`,

  totalTooLarge: (size: number, limit: number) =>
    `Het pakket is uitgepakt ${megabytes(size)}. Uitgepakt mag een pakket hoogstens ${megabytes(limit)} zijn.`,

  entryData: (path: string, problem: InflateProblem) =>
    `Bestand "${printable(path)}": ` +
    {
      'unsupported-method': 'het is ingepakt met een methode die we niet kunnen lezen.',
      encrypted: 'het is versleuteld.',
      truncated: 'het is onvolledig; het zip-bestand is beschadigd.',
      'local-header-mismatch': 'de naam in de zip staat er twee keer verschillend in; het zip-bestand is beschadigd of gemanipuleerd.',
      corrupt: 'het kan niet worden uitgepakt; het is beschadigd.',
      'larger-than-declared': 'het is bij uitpakken groter dan de zip zegt. Zo werkt een zip-bom; we pakken het niet verder uit.',
      'smaller-than-declared': 'het is bij uitpakken kleiner dan de zip zegt; het zip-bestand is beschadigd.',
      'checksum-mismatch': 'de controlesom klopt niet; het zip-bestand is beschadigd.',
    }[problem] +
    ' Maak het pakket opnieuw.',

  manifestMissing: () =>
    'imsmanifest.xml ontbreekt. Elk SCORM-pakket heeft een imsmanifest.xml in de hoofdmap van de zip.',

  manifestInFolder: (path: string) =>
    `imsmanifest.xml staat in de map "${printable(path.slice(0, -'imsmanifest.xml'.length))}" en niet in de hoofdmap van de zip. Zip de inhoud van de map, niet de map zelf.`,

  manifestTooLarge: (size: number, limit: number) =>
    `imsmanifest.xml is ${megabytes(size)}. Dat is meer dan de ${megabytes(limit)} die we accepteren.`,

  manifestNotUtf8: () => 'imsmanifest.xml is niet in UTF-8 opgeslagen. Sla het op als UTF-8 en maak het pakket opnieuw.',

  href: (line: number, href: string, problem: PathProblem, isLaunch: boolean) =>
    `imsmanifest.xml regel ${line}: ${isLaunch ? 'het startbestand (href)' : 'het bestand'} "${printable(href)}" ` +
    {
      empty: 'is leeg. Vul het pad naar een bestand in het pakket in.',
      'absolute-path': 'begint met "/". Gebruik een pad ten opzichte van de hoofdmap van het pakket.',
      'drive-letter': 'begint met een stationsletter. Gebruik een pad in het pakket.',
      backslash: 'bevat een "\\". Gebruik "/" tussen mappen.',
      nul: 'bevat een ongeldig teken (NUL).',
      'parent-segment': 'wijst met ".." naar een plek buiten het pakket. Dat mag niet; verwijs naar een bestand in het pakket.',
      'absolute-url': isLaunch
        ? 'is een adres buiten het pakket. Een SCO moet starten met een bestand in het pakket.'
        : 'is een adres buiten het pakket. Verwijs alleen naar bestanden in het pakket.',
      'bad-escape': 'bevat een ongeldige %-code. Schrijf bijvoorbeeld een spatie als %20.',
    }[problem],

  hrefMissing: (line: number, href: string, isLaunch: boolean) =>
    `imsmanifest.xml regel ${line}: ${isLaunch ? 'het startbestand' : 'het bestand'} "${printable(href)}" staat niet in het pakket. Voeg het toe of verbeter het pad (let op hoofdletters).`,

  unknownResource: (line: number, identifierref: string) =>
    `imsmanifest.xml regel ${line}: dit item verwijst naar resource "${printable(identifierref)}", maar die bestaat niet in <resources>. Verbeter identifierref of voeg de resource toe.`,

  scoWithoutHref: (line: number, identifier: string) =>
    `imsmanifest.xml regel ${line}: SCO "${printable(identifier)}" heeft geen href, dus er is niets om te starten. Voeg href toe met het startbestand.`,

  noSco: () =>
    'Het pakket heeft geen SCO: geen item in de organisatie verwijst naar een resource met scormtype="sco" (SCORM 1.2) of adlcp:scormType="sco" (SCORM 2004). Zonder SCO kan de cursus niets aan het LMS doorgeven.',
};

/** Control characters shown as code points, so a name cannot break the message or the page. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
