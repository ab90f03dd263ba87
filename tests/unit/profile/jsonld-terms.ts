/**
 * A small, offline stand-in for JSON-LD expansion, enough to check a profile against its
 * contexts: every @context IRI resolves to a local copy (xapi-profiles/context/, the "document
 * loader"), every property is a term of the active context (so expansion would not drop it, as
 * the Profiles spec requires: part two, 4.0), @type values are defined types or absolute IRIs,
 * IRI-valued terms hold absolute IRIs, and language containers hold language maps.
 */
import { readFileSync } from 'node:fs';

const CONTEXT_DIR = new URL('../../../xapi-profiles/context/', import.meta.url);

/** The only context IRIs the tests resolve, each to a file next to the profile. */
export const CONTEXT_FILES: Record<string, string> = {
  'https://w3id.org/xapi/profiles/context': 'profile-context.jsonld',
  'https://w3id.org/xapi/profiles/activity-context': 'activity-context.jsonld',
};

type TermDefinition = string | { '@id'?: string; '@type'?: string; '@container'?: string };
type ActiveContext = Record<string, TermDefinition>;

/** Loads a context by IRI from the local copies; throws for any IRI not mapped. */
export function loadContext(iri: string): ActiveContext {
  const file = CONTEXT_FILES[iri];
  if (!file) throw new Error(`no local copy of the JSON-LD context ${iri}`);
  const document = JSON.parse(readFileSync(new URL(file, CONTEXT_DIR), 'utf8')) as { '@context': ActiveContext };
  return document['@context'];
}

const KEYWORDS = new Set(['@context', '@id', '@type', '@language', '@value', '@list', '@set', '@graph']);
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function idOf(definition: TermDefinition | undefined): string | undefined {
  return typeof definition === 'string' ? definition : definition?.['@id'];
}

/** Expands a term's IRI (compact "prefix:suffix" through the context); undefined when it cannot. */
function expandIri(value: string, context: ActiveContext): string | undefined {
  if (value.startsWith('@')) return value;
  const colon = value.indexOf(':');
  if (colon > 0) {
    const prefix = value.slice(0, colon);
    const prefixIri = idOf(context[prefix]);
    if (prefixIri && !value.slice(colon + 1).startsWith('//')) return prefixIri + value.slice(colon + 1);
    return ABSOLUTE_IRI.test(value) ? value : undefined;
  }
  const definition = context[value];
  const id = idOf(definition);
  return id && id !== value ? expandIri(id, context) : undefined;
}

/** Every problem JSON-LD expansion of `document` with its contexts would reveal; [] when none. */
export function termProblems(document: unknown): string[] {
  const problems: string[] = [];
  const walk = (node: Record<string, unknown>, outer: ActiveContext, path: string) => {
    let context = outer;
    const local = node['@context'];
    if (local !== undefined) {
      for (const iri of [local].flat()) {
        if (typeof iri !== 'string') problems.push(`${path}.@context: only context IRIs are supported here`);
        else {
          try {
            context = { ...context, ...loadContext(iri) };
          } catch (error) {
            problems.push(`${path}.@context: ${(error as Error).message}`);
          }
        }
      }
    }
    for (const [key, value] of Object.entries(node)) {
      const at = `${path}.${key}`;
      if (key.startsWith('@')) {
        if (!KEYWORDS.has(key)) problems.push(`${at}: not a JSON-LD keyword`);
        continue;
      }
      const definition = context[key];
      const expanded = expandIri(key, context);
      if (definition === undefined && (expanded === undefined || expanded === key) && !ABSOLUTE_IRI.test(key)) {
        problems.push(`${at}: "${key}" is not a term of the context, so JSON-LD expansion would drop it`);
        continue;
      }
      if (expanded === undefined) {
        problems.push(`${at}: the term "${key}" does not expand to an absolute IRI`);
        continue;
      }
      const options = typeof definition === 'object' ? definition : {};
      const values = [value].flat();
      if (expanded === '@id') {
        for (const v of values) if (typeof v !== 'string' || !ABSOLUTE_IRI.test(v)) problems.push(`${at}: ${JSON.stringify(v)} is not an absolute IRI`);
      } else if (expanded === '@type') {
        for (const v of values) {
          if (typeof v !== 'string' || (!ABSOLUTE_IRI.test(v) && expandIri(v, context) === undefined)) problems.push(`${at}: type ${JSON.stringify(v)} is neither a term of the context nor an absolute IRI`);
          else if (!ABSOLUTE_IRI.test(expandIri(v, context) ?? v)) problems.push(`${at}: type ${JSON.stringify(v)} does not expand to an absolute IRI`);
        }
      } else if (options['@container'] === '@language') {
        if (!isObject(value) || Object.values(value).some((text) => typeof text !== 'string')) problems.push(`${at}: must be a language map of strings`);
      } else if (options['@type'] === '@id') {
        for (const v of values) if (typeof v !== 'string' || !ABSOLUTE_IRI.test(v)) problems.push(`${at}: ${JSON.stringify(v)} is not an absolute IRI`);
      } else {
        values.forEach((v, i) => {
          if (isObject(v)) walk(v, context, Array.isArray(value) ? `${at}[${i}]` : at);
        });
      }
    }
  };
  if (!isObject(document)) return ['the document is not a JSON object'];
  walk(document, {}, '$');
  return problems;
}
