/**
 * The `format` parameter of GET /xapi/statements (Communication 2.1.3 table 1):
 * - exact: as received (after normalization);
 * - ids: Agents and identified Groups reduced to objectType and their IFI, anonymous Groups to their
 *   members' IFIs, Activities to their id, Verbs to their id (also in context, xAPI 2.0's context
 *   agents and groups included, and SubStatements);
 * - canonical: the language maps of Activities and Verbs reduced to the one language the
 *   Accept-Language header prefers (Communication 2.1.3.s4), Agents and Groups as in exact.
 *
 * Works on stored statement JSON as well as on parsed Statements; it never mutates its input.
 */
import { IFI_PROPERTIES, COMPONENT_LISTS } from './data-formats.js';
import type { StatementFormat } from './query-params.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function formatStatement<T extends object>(statement: T, format: StatementFormat, languages: readonly string[]): T {
  if (format === 'exact') return statement;
  const transform = format === 'ids' ? idsStatement : (s: Json) => canonicalStatement(s, languages);
  return transform(statement as Json) as T;
}

// ---------------------------------------------------------------------------------------------
// ids
// ---------------------------------------------------------------------------------------------

function idsActor(actor: unknown): unknown {
  if (!isObject(actor)) return actor;
  const out: Json = actor.objectType === undefined ? {} : { objectType: actor.objectType };
  const ifi = IFI_PROPERTIES.find((key) => actor[key] !== undefined);
  if (ifi) out[ifi] = actor[ifi];
  else if (Array.isArray(actor.member)) out.member = actor.member.map(idsActor);
  return out;
}

/** Only the id: the suite expects a one-key Activity (XAPI-00171); objectType defaults to Activity. */
function idsActivity(activity: unknown): unknown {
  return isObject(activity) ? { id: activity.id } : activity;
}

function idsVerb(verb: unknown): unknown {
  return isObject(verb) ? { id: verb.id } : verb;
}

function mapContextActivities(context: unknown, map: (activity: unknown) => unknown): unknown {
  if (!isObject(context) || !isObject(context.contextActivities)) return context;
  const activities: Json = {};
  for (const [key, value] of Object.entries(context.contextActivities)) {
    activities[key] = Array.isArray(value) ? value.map(map) : map(value);
  }
  return { ...context, contextActivities: activities };
}

function idsContext(context: unknown): unknown {
  const withActivities = mapContextActivities(context, idsActivity);
  if (!isObject(withActivities)) return withActivities;
  const out = { ...withActivities };
  if (out.instructor !== undefined) out.instructor = idsActor(out.instructor);
  if (out.team !== undefined) out.team = idsActor(out.team);
  // xAPI 2.0: the Agent or Group of each context agent and context group, as everywhere else.
  if (Array.isArray(out.contextAgents)) out.contextAgents = out.contextAgents.map((entry: unknown) => (isObject(entry) ? { ...entry, agent: idsActor(entry.agent) } : entry));
  if (Array.isArray(out.contextGroups)) out.contextGroups = out.contextGroups.map((entry: unknown) => (isObject(entry) ? { ...entry, group: idsActor(entry.group) } : entry));
  return out;
}

function idsObject(object: unknown): unknown {
  if (!isObject(object)) return object;
  switch (object.objectType) {
    case undefined:
    case 'Activity':
      return idsActivity(object);
    case 'Agent':
    case 'Group':
      return idsActor(object);
    case 'SubStatement':
      return idsStatement(object);
    default:
      return object;
  }
}

function idsStatement(statement: Json): Json {
  const out: Json = { ...statement, actor: idsActor(statement.actor), verb: idsVerb(statement.verb), object: idsObject(statement.object) };
  if (statement.context !== undefined) out.context = idsContext(statement.context);
  if (statement.authority !== undefined) out.authority = idsActor(statement.authority);
  return out;
}

// ---------------------------------------------------------------------------------------------
// canonical
// ---------------------------------------------------------------------------------------------

/**
 * The best single entry of a language map for the ranges of an Accept-Language header: RFC 2616
 * matching (a range matches the tag or a prefix of it ending at "-"), then the same with the
 * ranges' last subtags dropped (en-AU finds en-GB: closer than no English), then "und", then
 * the first entry.
 */
export function pickLanguage(map: Readonly<Record<string, string>>, languages: readonly string[]): Record<string, string> {
  const keys = Object.keys(map);
  if (keys.length <= 1) return { ...map };
  const lower = keys.map((key) => key.toLowerCase());
  const found = (index: number) => ({ [keys[index]!]: map[keys[index]!]! });

  const matching = (range: string) => lower.findIndex((key) => key === range || key.startsWith(`${range}-`));
  for (const range of languages) {
    if (range === '*') return found(0);
    const index = matching(range.toLowerCase());
    if (index !== -1) return found(index);
  }
  for (const range of languages) {
    const subtags = range.toLowerCase().split('-');
    for (let length = subtags.length - 1; length > 0; length--) {
      const index = matching(subtags.slice(0, length).join('-'));
      if (index !== -1) return found(index);
    }
  }
  const und = lower.indexOf('und');
  return found(und === -1 ? 0 : und);
}

function canonicalMap(value: unknown, languages: readonly string[]): unknown {
  return isObject(value) ? pickLanguage(value as Record<string, string>, languages) : value;
}

function canonicalActivity(activity: unknown, languages: readonly string[]): unknown {
  if (!isObject(activity) || !isObject(activity.definition)) return activity;
  const definition: Json = { ...activity.definition };
  for (const key of ['name', 'description'] as const) {
    if (definition[key] !== undefined) definition[key] = canonicalMap(definition[key], languages);
  }
  for (const list of COMPONENT_LISTS) {
    const components = definition[list];
    if (!Array.isArray(components)) continue;
    definition[list] = components.map((component: unknown) =>
      isObject(component) && component.description !== undefined ? { ...component, description: canonicalMap(component.description, languages) } : component,
    );
  }
  return { ...activity, definition };
}

function canonicalStatement(statement: Json, languages: readonly string[]): Json {
  const activity = (value: unknown) => canonicalActivity(value, languages);
  const out: Json = { ...statement };
  if (isObject(statement.verb) && statement.verb.display !== undefined) {
    out.verb = { ...statement.verb, display: canonicalMap(statement.verb.display, languages) };
  }
  const object = statement.object;
  if (isObject(object)) {
    if (object.objectType === undefined || object.objectType === 'Activity') out.object = activity(object);
    if (object.objectType === 'SubStatement') out.object = canonicalStatement(object, languages);
  }
  if (statement.context !== undefined) out.context = mapContextActivities(statement.context, activity);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Accept-Language
// ---------------------------------------------------------------------------------------------

const RANGE = /^(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$/;
const QUALITY = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

/**
 * The language ranges of an Accept-Language header, most preferred first (RFC 2616 14.4).
 * Ranges with q=0 ("not acceptable") and malformed entries are left out.
 */
export function parseAcceptLanguage(header?: string): string[] {
  if (!header) return [];
  const ranges: { range: string; q: number; position: number }[] = [];
  header.split(',').forEach((part, position) => {
    const [rawRange, ...params] = part.split(';').map((piece) => piece.trim());
    if (!rawRange || !RANGE.test(rawRange)) return;
    let q = 1;
    for (const param of params) {
      const match = QUALITY.exec(param);
      if (!match) return;
      q = Number(match[1]);
    }
    if (q > 0) ranges.push({ range: rawRange, q, position });
  });
  return ranges.sort((a, b) => b.q - a.q || a.position - b.position).map((entry) => entry.range);
}
