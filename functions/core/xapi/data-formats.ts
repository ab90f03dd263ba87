/**
 * The plain parts of the xAPI data model: the formats (IRI, UUID, language tag, timestamp,
 * duration), the vocabularies of IFIs and interactions, and what the LRS changes in a statement
 * before storing it. No zod here: modules that only need these stay free of the statement schema,
 * which costs every cold start that loads it (statement-schema.ts builds on this file).
 */
import { XAPI_1_0_3, XAPI_2_0_0, type XapiVersion } from './version.js';
import type { Activity, Context, ContextActivities, Statement } from './statement-schema.js';

export const VOIDED_VERB_ID = 'http://adlnet.gov/expapi/verbs/voided';

// ---------------------------------------------------------------------------------------------
// Formats (xAPI-Data 4.x)
// ---------------------------------------------------------------------------------------------

// RFC 3987 best effort (allowed by 2.2.s4.b6): a scheme, then no characters IRIs never contain.
const IRI_PATTERN = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001f\u007f]+$/u;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;

export function isIri(value: string): boolean {
  return IRI_PATTERN.test(value) && !BAD_PERCENT.test(value);
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

// RFC 5646 section 2.1 ABNF as one expression (case-insensitive), plus the grandfathered tags.
const LANGTAG = new RegExp(
  '^(?:' +
    '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})' + // language (with extlang)
    '(?:-[a-z]{4})?' + // script
    '(?:-(?:[a-z]{2}|\\d{3}))?' + // region
    '(?:-(?:[a-z\\d]{5,8}|\\d[a-z\\d]{3}))*' + // variants
    '(?:-[a-wyz\\d](?:-[a-z\\d]{2,8})+)*' + // extensions
    '(?:-x(?:-[a-z\\d]{1,8})+)?' + // private use
    '|x(?:-[a-z\\d]{1,8})+' +
    '|en-gb-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)' +
    '|sgn-(?:be-fr|be-nl|ch-de)|art-lojban|cel-gaulish|no-(?:bok|nyn)|zh-(?:guoyu|hakka|min|min-nan|xiang)' +
    ')$',
  'i',
);

/** RFC 5646 well-formedness, including "no repeated variant or extension singleton" (2.2.5, 2.2.6). */
export function isLanguageTag(value: string): boolean {
  if (!LANGTAG.test(value)) return false;
  const subtags = value.toLowerCase().split('-');
  const privateUse = subtags.indexOf('x');
  const publicPart = privateUse === -1 ? subtags : subtags.slice(0, privateUse);
  const firstSingleton = publicPart.findIndex((tag, index) => index > 0 && tag.length === 1);
  const beforeExtensions = firstSingleton === -1 ? publicPart : publicPart.slice(0, firstSingleton);
  const variants = beforeExtensions.slice(1).filter((tag) => /^(?:[a-z\d]{5,8}|\d[a-z\d]{3})$/.test(tag));
  const singletons = publicPart.filter((tag, index) => index > 0 && tag.length === 1);
  return new Set(variants).size === variants.length && new Set(singletons).size === singletons.length;
}

// ISO 8601 combined date and time, extended format. The zone is optional (4.5.s1.b4 is a SHOULD);
// -00, -0000 and -00:00 mean "offset unknown" (RFC 3339 4.3) and the suite requires their rejection.
const TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * Milliseconds since the epoch for a valid xAPI timestamp, undefined otherwise. A timestamp without
 * a zone is read as UTC: the spec leaves it open and every reader of this LRS must agree.
 */
export function timestampToMs(value: string): number | undefined {
  const m = TIMESTAMP_PATTERN.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (m[9] === '-' && offsetHours === 0 && offsetMinutes === 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > utcDate(year, month, 0).getUTCDate()) return undefined;
  // Second 60 is a leap second (RFC 3339 5.7); it is counted as the last millisecond of 59.
  if (hour > 23 || minute > 59 || second > 60 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const sign = m[9] === '-' ? -1 : 1;
  const local = utcDate(year, month - 1, day);
  local.setUTCHours(hour, minute, Math.min(second, 59), second === 60 ? 999 : millis);
  const utc = local.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  return Number.isFinite(utc) ? utc : undefined;
}

// RFC 3339 section 5.6 date-time: seconds and the offset are required; the Note in 5.6 allows a
// space (or a lowercase "t") between date and time. -00:00 ("offset unknown") is refused as above.
const RFC3339_PATTERN = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** An xAPI 2.0 timestamp: an RFC 3339 date-time that is also a valid instant. */
export function isRfc3339Timestamp(value: string): boolean {
  return RFC3339_PATTERN.test(value) && timestampToMs(value.replace(' ', 'T')) !== undefined;
}

/**
 * The same instant in UTC, "Z", with the fraction of a second as sent (xAPI 2.0: the LRS converts
 * timestamps to UTC). A value that is no valid timestamp comes back unchanged.
 */
export function toUtcTimestamp(value: string): string {
  const iso = value.replace(' ', 'T');
  const ms = timestampToMs(iso);
  if (ms === undefined) return value;
  if (/^[^Zz]*T[^Zz]*Z$/.test(iso) && !iso.includes('t')) return iso;
  const fraction = /T\d{2}:\d{2}(?::\d{2})?[.,](\d+)/.exec(iso)?.[1];
  const wholeSeconds = new Date(ms - (((ms % 1000) + 1000) % 1000)).toISOString().replace(/\.\d{3}Z$/, '');
  // A leap second (":60") was counted as the last millisecond of :59; keep that reading.
  if (/:60(?:[.,]|[Zz+-]|$)/.test(iso)) return new Date(ms).toISOString();
  return fraction === undefined ? `${wholeSeconds}Z` : `${wholeSeconds}.${fraction}Z`;
}

/** Unlike Date.UTC, setUTCFullYear does not read years 0-99 as 1900-1999. */
function utcDate(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

/** ISO 8601:2004 4.4.3.2 durations: PnYnMnDTnHnMnS or PnW; only the last component may be a fraction. */
export function isDuration(value: string): boolean {
  const number = '\\d+(?:[.,]\\d+)?';
  const weeks = new RegExp(`^P${number}W$`);
  const full = new RegExp(`^P(?:${number}Y)?(?:${number}M)?(?:${number}D)?(?:T(?:${number}H)?(?:${number}M)?(?:${number}S)?)?$`);
  if (weeks.test(value)) return true;
  if (!full.test(value) || value === 'P' || value.endsWith('T')) return false;
  const components = value.match(/\d+(?:[.,]\d+)?/g) ?? [];
  return components.slice(0, -1).every((component) => !/[.,]/.test(component));
}

/**
 * A duration in milliseconds; days are 24 hours. Undefined for anything that is not a duration,
 * or that counts years or months (their length depends on the date).
 */
export function durationToMs(value: string): number | undefined {
  if (!isDuration(value)) return undefined;
  const match = /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/.exec(value);
  if (!match || match[2] !== undefined || match[3] !== undefined) return undefined;
  const n = (part: string | undefined) => (part === undefined ? 0 : Number(part.replace(',', '.')));
  const hours = n(match[1]) * 168 + n(match[4]) * 24 + n(match[5]);
  return Math.round((hours * 3600 + n(match[6]) * 60 + n(match[7])) * 1000);
}

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

export const IFI_PROPERTIES = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

export const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

export const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'] as const;
export type ComponentList = (typeof COMPONENT_LISTS)[number];

/** Which interaction component lists each interactionType supports (2.4.4.1.s15 table 2). */
export const COMPONENT_LISTS_BY_TYPE: Record<InteractionType, readonly ComponentList[]> = {
  'true-false': [],
  choice: ['choices'],
  'fill-in': [],
  'long-fill-in': [],
  matching: ['source', 'target'],
  performance: ['steps'],
  sequencing: ['choices'],
  likert: ['scale'],
  numeric: [],
  other: [],
};

// ---------------------------------------------------------------------------------------------
// Normalization before storage
// ---------------------------------------------------------------------------------------------

function contextWithArrays<C extends Context | undefined>(context: C): C {
  if (!context?.contextActivities) return context;
  const activities: ContextActivities = {};
  for (const [key, value] of Object.entries(context.contextActivities) as [keyof ContextActivities, Activity | Activity[] | undefined][]) {
    if (value !== undefined) activities[key] = Array.isArray(value) ? value : [value];
  }
  return { ...context, contextActivities: activities };
}

/**
 * What the LRS changes before storing: every contextActivities value becomes an array
 * (2.4.6.2.s4.b3), in a SubStatement too; for an xAPI 2.0 request, the timestamps become UTC
 * (the statement's and a SubStatement's). Nothing else.
 */
export function normalizeStatement(statement: Statement, version: XapiVersion = XAPI_1_0_3): Statement {
  const toUtc = version === XAPI_2_0_0;
  const out: Statement = { ...statement };
  if (statement.context) out.context = contextWithArrays(statement.context);
  if (toUtc && statement.timestamp !== undefined) out.timestamp = toUtcTimestamp(statement.timestamp);
  if (statement.object.objectType === 'SubStatement') {
    const sub = statement.object;
    out.object = {
      ...sub,
      ...(sub.context ? { context: contextWithArrays(sub.context) } : {}),
      ...(toUtc && sub.timestamp !== undefined ? { timestamp: toUtcTimestamp(sub.timestamp) } : {}),
    };
  }
  return out;
}
