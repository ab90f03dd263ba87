/**
 * Statement Comparison Requirements (Data 2.3.1.s9): two statements match when they differ only in
 * ways the exceptions to Statement immutability (Data 2.3.1) allow:
 * - what the LRS assigns: id (compared when both have one), stored, authority, version, and a
 *   timestamp the LRS may have filled in (one side has none, or it equals that side's stored);
 * - Activity Definitions and Verb display, which are not part of the Statement (2.3.1.b2, b3);
 * - the serialization of timestamps: the same instant in another zone or precision (2.3.1.b4);
 * - the order of Group members (2.3.1.b5);
 * - case where the spec makes it irrelevant (2.3.1.b7): UUIDs, the domain of an mbox, the hex of an
 *   mbox_sha1sum, language tags;
 * - a single context Activity versus an array of one, the LRS's own normalization (2.4.6.2.s4.b3);
 * - duration precision beyond 0.01 s (4.6.s1.b5); otherwise a duration is a string (2.3.1.b8).
 * Everything else must be equal, regardless of key order.
 */
import { normalizeMbox } from './agents.js';
import { timestampToMs } from './data-formats.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function statementsMatch(a: object, b: object): boolean {
  const left = a as Json;
  const right = b as Json;
  if (!sameIfBothPresent(left.id, right.id, (id) => String(id).toLowerCase())) return false;
  if (!sameIfBothPresent(clientTimestamp(left), clientTimestamp(right), (ms) => ms)) return false;
  return deepEqual(comparableStatement(left), comparableStatement(right));
}

function sameIfBothPresent<T>(x: T | undefined, y: T | undefined, key: (value: T) => unknown): boolean {
  return x === undefined || y === undefined || key(x) === key(y);
}

/** The timestamp in ms, unless it is missing or could be one the LRS filled in from stored. */
function clientTimestamp(statement: Json): number | undefined {
  const timestamp = typeof statement.timestamp === 'string' ? timestampToMs(statement.timestamp) : undefined;
  const stored = typeof statement.stored === 'string' ? timestampToMs(statement.stored) : undefined;
  return timestamp === stored ? undefined : timestamp;
}

function comparableStatement(statement: Json): Json {
  const { id: _id, stored: _stored, authority: _authority, version: _version, timestamp: _timestamp, ...rest } = statement;
  return comparableCore(rest);
}

/** What a Statement and a SubStatement share. */
function comparableCore(statement: Json): Json {
  const out: Json = { ...statement };
  if (statement.actor !== undefined) out.actor = comparableActor(statement.actor);
  if (isObject(statement.verb)) out.verb = { ...statement.verb, display: undefined };
  if (statement.object !== undefined) out.object = comparableObject(statement.object);
  if (statement.context !== undefined) out.context = comparableContext(statement.context);
  if (isObject(statement.result)) out.result = comparableResult(statement.result);
  if (statement.attachments !== undefined) out.attachments = comparableAttachments(statement.attachments);
  return out;
}

function comparableActor(actor: unknown): unknown {
  if (!isObject(actor)) return actor;
  const out: Json = { ...actor };
  if (typeof actor.mbox === 'string') out.mbox = normalizeMbox(actor.mbox);
  if (typeof actor.mbox_sha1sum === 'string') out.mbox_sha1sum = actor.mbox_sha1sum.toLowerCase();
  if (Array.isArray(actor.member)) {
    out.member = actor.member.map(comparableActor).sort((x, y) => stableJson(x).localeCompare(stableJson(y)));
  }
  return out;
}

function comparableActivity(activity: unknown): unknown {
  return isObject(activity) ? { ...activity, definition: undefined } : activity;
}

function comparableObject(object: unknown): unknown {
  if (!isObject(object)) return object;
  switch (object.objectType) {
    case undefined:
    case 'Activity':
      return comparableActivity(object);
    case 'Agent':
    case 'Group':
      return comparableActor(object);
    case 'StatementRef':
      return { ...object, id: lowerIfString(object.id) };
    case 'SubStatement': {
      const { timestamp, ...rest } = object;
      const ms = typeof timestamp === 'string' ? (timestampToMs(timestamp) ?? timestamp) : timestamp;
      return { ...comparableCore(rest), timestamp: ms };
    }
    default:
      return object;
  }
}

function comparableContext(context: unknown): unknown {
  if (!isObject(context)) return context;
  const out: Json = { ...context };
  out.registration = lowerIfString(context.registration);
  out.language = lowerIfString(context.language);
  if (context.instructor !== undefined) out.instructor = comparableActor(context.instructor);
  if (context.team !== undefined) out.team = comparableActor(context.team);
  if (isObject(context.statement)) out.statement = { ...context.statement, id: lowerIfString(context.statement.id) };
  if (isObject(context.contextActivities)) {
    const activities: Json = {};
    for (const [key, value] of Object.entries(context.contextActivities)) {
      if (value !== undefined) activities[key] = (Array.isArray(value) ? value : [value]).map(comparableActivity);
    }
    out.contextActivities = activities;
  }
  return out;
}

function comparableResult(result: Json): Json {
  return typeof result.duration === 'string' ? { ...result, duration: truncateDuration(result.duration) } : result;
}

/** PT1.23456S → PT1.23S: precision beyond 0.01 s is not compared (4.6.s1.b5). */
function truncateDuration(duration: string): string {
  return duration.replace(/(\d+[.,]\d{2})\d+S$/, '$1S');
}

function comparableAttachments(attachments: unknown): unknown {
  if (!Array.isArray(attachments)) return attachments;
  return attachments.map((attachment: unknown) => {
    if (!isObject(attachment)) return attachment;
    return { ...attachment, display: lowerKeys(attachment.display), description: lowerKeys(attachment.description) };
  });
}

function lowerKeys(map: unknown): unknown {
  return isObject(map) ? Object.fromEntries(Object.entries(map).map(([key, value]) => [key.toLowerCase(), value])) : map;
}

function lowerIfString(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** JSON with sorted keys and without undefined values, for ordering and equality. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isObject(value)) {
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function deepEqual(x: unknown, y: unknown): boolean {
  return stableJson(x) === stableJson(y);
}
