/**
 * xmllint's messages, in Dutch (B1) for the admin who uploads a package: which line, what is wrong
 * there, what to do about it. xmllint writes in English and in terms of the schema; the messages
 * that real manifests run into are translated, any other keeps xmllint's own words in quotes so
 * nothing is lost.
 */
import type { XMLValidationError } from 'xmllint-wasm';

/** Conventional prefixes, so a message says <adlcp:location> and not {http://…}location. */
const PREFIXES: ReadonlyMap<string, string> = new Map([
  ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp'],
  ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp'],
  ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq'],
  ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav'],
  ['http://www.imsglobal.org/xsd/imsss', 'imsss'],
  ['http://www.imsglobal.org/xsd/imsmd_rootv1p2p1', 'imsmd'],
  ['http://www.w3.org/XML/1998/namespace', 'xml'],
]);

/** One Dutch sentence per xmllint error about the manifest, in order, without repeats. */
export function describeXmllintErrors(errors: readonly XMLValidationError[], fileName: string): string[] {
  const described = errors
    .filter((error) => error.loc?.fileName === fileName)
    .map((error) => `${fileName} regel ${error.loc!.lineNumber}: ${describe(error.message)}`);
  return [...new Set(described)];
}

function describe(message: string): string {
  const schema = /Schemas validity error : (.*)$/.exec(message);
  if (schema) return describeSchemaError(schema[1]!);
  const parser = /(?:parser|namespace) error : (.*)$/.exec(message);
  if (parser) return describeParserError(parser[1]!);
  return `"${message}". Controleer deze regel.`;
}

function describeParserError(detail: string): string {
  const mismatch = /^Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)$/.exec(detail);
  if (mismatch) {
    return `de XML is niet goed opgebouwd: <${mismatch[1]}> (regel ${mismatch[2]}) wordt gesloten met </${mismatch[3]}>. Maak de begin- en eindtag gelijk.`;
  }
  return `de XML is niet goed opgebouwd ("${detail}"). Controleer de tags, aanhalingstekens en tekens als & en < op deze regel.`;
}

function describeSchemaError(detail: string): string {
  const located = /^Element '([^']+)'(?:, attribute '([^']+)')?: (.*)$/.exec(detail);
  if (!located) return `dit klopt niet met het SCORM-schema: "${detail}".`;
  const element = `<${displayName(located[1]!)}>`;
  const attribute = located[2] === undefined ? undefined : displayName(located[2]);
  const rest = located[3]!;
  const where = attribute === undefined ? `het element ${element}` : `het attribuut ${attribute} van ${element}`;

  let match: RegExpExecArray | null;
  if ((match = /^This element is not expected\. Expected is (?:one of )?\( (.*) \)\.$/.exec(rest))) {
    return `${element} staat hier niet goed. Op deze plek verwacht het schema: ${nameList(match[1]!)}. Zet de elementen in de goede volgorde of haal ${element} weg.`;
  }
  if (/^This element is not expected\.$/.test(rest)) {
    return `${element} hoort hier niet. Haal het weg of zet het op de goede plek.`;
  }
  if ((match = /^Missing child element\(s\)\. Expected is (?:one of )?\( (.*) \)\.$/.exec(rest))) {
    return `in ${element} ontbreekt een verplicht element: ${nameList(match[1]!)}. Voeg het toe.`;
  }
  if ((match = /^The attribute '([^']+)' is required but missing\.$/.exec(rest))) {
    return `bij ${element} ontbreekt het verplichte attribuut ${displayName(match[1]!)}. Voeg het toe.`;
  }
  if (/^The attribute '[^']+' is not allowed\.$/.test(rest)) {
    return `${where} is hier niet toegestaan. Haal het weg of controleer de spelling.`;
  }
  if ((match = /^\[facet 'enumeration'\] The value '(.*)' is not an element of the set \{(.*)\}\.$/.exec(rest))) {
    return `de waarde '${match[1]}' van ${where} is niet toegestaan. Kies uit: ${match[2]!}.`;
  }
  if ((match = /^\[facet 'maxLength'\] The value '.*' has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'\.$/.exec(rest))) {
    return `de waarde van ${where} is te lang: ${match[1]} tekens, er mogen er hoogstens ${match[2]} zijn. Maak hem korter.`;
  }
  if ((match = /^'(.*)' is not a valid value of the (?:local )?(?:atomic|union|list) type '([^']+)'\.$/.exec(rest))) {
    return `'${match[1]}' is geen geldige waarde voor ${where}${typeHint(match[2]!)}`;
  }
  if (/^No matching global attribute declaration available, but demanded by the strict wildcard\.$/.test(rest)) {
    return `het schema kent ${where} niet. Controleer de spelling (SCORM 1.2 schrijft adlcp:scormtype, SCORM 2004 adlcp:scormType) of haal het weg.`;
  }
  if (/^No matching global element declaration available, but demanded by the strict wildcard\.$/.test(rest)) {
    return `het schema kent ${element} niet (onbekende naamruimte). Haal het element weg, of zet deze metadata in een apart bestand en verwijs ernaar met <adlcp:location>.`;
  }
  if (/^No matching global declaration available for the validation root\.$/.test(rest)) {
    return `${element} is niet het hoofdelement dat het schema verwacht. Het hoofdelement moet <manifest> zijn, in de naamruimte van SCORM 1.2 of SCORM 2004.`;
  }
  if (/^Character content other than whitespace is not allowed/.test(rest)) {
    return `in ${element} staat tekst, maar daar mogen alleen elementen staan. Haal de tekst weg.`;
  }
  return `${where} klopt niet met het SCORM-schema: "${rest}".`;
}

function typeHint(type: string): string {
  if (/ID$|NCName$/.test(type)) {
    return '. Een identifier begint met een letter of _ en bevat geen spaties, geen : en geen andere leestekens dan - _ en .; elke identifier komt maar één keer voor.';
  }
  if (/boolean$/.test(type)) return '. Gebruik true of false.';
  if (/decimal$|integer$|double$/.test(type)) return '. Gebruik een getal, met een punt als decimaalteken.';
  if (/anyURI$/.test(type)) return '. Gebruik een geldig pad of adres, zonder spaties (schrijf een spatie als %20).';
  return ` (type ${type}).`;
}

function nameList(expected: string): string {
  return expected
    .split(', ')
    .map((name) => (name.startsWith('##other') ? 'een element uit een andere naamruimte' : `<${displayName(name)}>`))
    .join(' of ');
}

function displayName(qualified: string): string {
  const match = /^\{([^}]*)\}(.*)$/.exec(qualified);
  if (!match) return qualified;
  const prefix = PREFIXES.get(match[1]!);
  return prefix ? `${prefix}:${match[2]}` : match[2]!;
}
