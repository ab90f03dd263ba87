/**
 * The xAPI Statement as zod schemas: the runtime check at the edge and the TypeScript type in one.
 * Everything is strict (unknown or miscased properties are rejected, xAPI-Data 2.2.s4.b1) and
 * follows what the ADL LRS conformance suite accepts (2xx) and rejects (400).
 *
 * The request's xAPI version picks the rules (statementSchemasFor). xAPI 1.0.3 is the base; xAPI 2.0
 * (IEEE 9274.1.1-2023) adds context.contextAgents and context.contextGroups, takes statements whose
 * version is 2.0.x or 1.0.x, and wants RFC 3339 timestamps (zone offset required), which the LRS
 * stores converted to UTC.
 *
 * Refinements and cross-field rules run even when other parts of the statement are broken
 * (`always`), so a client sees every problem of a rejected statement at once.
 */
import * as z from 'zod/mini';
import '../zod-locale.js';
import { ValidationError, type ErrorIssue } from '../errors.js';
import { XAPI_1_0_3, XAPI_2_0_0, type XapiVersion } from './version.js';

import {
  COMPONENT_LISTS,
  COMPONENT_LISTS_BY_TYPE,
  IFI_PROPERTIES,
  INTERACTION_TYPES,
  isDuration,
  isIri,
  isLanguageTag,
  isRfc3339Timestamp,
  isUuid,
  timestampToMs,
  type InteractionType,
  VOIDED_VERB_ID,
} from './data-formats.js';

// The plain parts live in data-formats.ts; re-exported so the schema stays the one place to look.
export * from './data-formats.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Lets a refinement run although sibling properties failed, so every problem is reported. */
const always = { when: (payload: { value: unknown }) => isObject(payload.value) };

// ---------------------------------------------------------------------------------------------
// Primitive schemas
// ---------------------------------------------------------------------------------------------

export const Iri = z.string().check(z.refine(isIri, 'must be an IRI with a scheme, e.g. "http://example.com/thing"'));
/** An IRL is an IRI meant to be resolvable; the format check is the same. */
export const Irl = z.string().check(z.refine(isIri, 'must be an IRL with a scheme, e.g. "https://example.com"'));
export const Uuid = z.string().check(z.refine(isUuid, 'must be a UUID in its standard form, e.g. "f47ac10b-58cc-4372-a567-0e02b2c3d479"'));
export const LanguageTag = z.string().check(z.refine(isLanguageTag, 'must be an RFC 5646 language tag, e.g. "en" or "nl-NL"'));
export const Timestamp = z.string().check(z.refine((value) => timestampToMs(value) !== undefined, 'must be an ISO 8601 timestamp, e.g. "2024-05-01T12:30:00.000Z"'));
export const Duration = z.string().check(z.refine(isDuration, 'must be an ISO 8601 duration, e.g. "PT1H30M" or "PT12.5S"'));

const MailtoIri = z.string().check(
  z.refine((value) => value.startsWith('mailto:'), 'must start with "mailto:"'),
  z.refine((value) => !value.startsWith('mailto:') || /^mailto:[^@\s]+@[^@\s]+$/.test(value), {
    message: 'must be "mailto:" followed by an email address',
  }),
);
const Sha1Hex = z.string().check(z.regex(/^[0-9a-f]{40}$/i, 'must be a SHA1 hash as 40 hexadecimal characters'));
const Uri = z.string().check(z.refine((value) => /^[\x21-\x7e]+$/.test(value) && isIri(value), 'must be a URI with a scheme'));

/** A map whose keys must pass `isKey`; the values are checked by `values`. */
function keyCheckedMap<V extends z.ZodMiniType>(values: V, isKey: (key: string) => boolean, message: string) {
  const map = z.record(z.string(), values).check(z.superRefine((checked, ctx) => {
    for (const key of Object.keys(checked)) if (!isKey(key)) ctx.addIssue({ code: 'custom', path: [key], message });
  }, always));
  // zod's record drops a "__proto__" key silently; it is as invalid as any other bad key.
  // Classic zod's z.preprocess(fn, map) is this pipe; mini's transform context has no addIssue, so the issue goes straight onto the payload.
  return z.pipe(
    z.transform((input: unknown, payload) => {
      if (isObject(input) && Object.hasOwn(input, '__proto__')) payload.issues.push({ code: 'custom', path: ['__proto__'], message, input });
      return input;
    }),
    map,
  );
}

export const LanguageMap = keyCheckedMap(z.string(), isLanguageTag, 'is not an RFC 5646 language tag (e.g. "en-US")');
export type LanguageMap = z.infer<typeof LanguageMap>;

/** Extension values are free (4.1.s3.b2), null included; only the keys must be IRIs. */
export const Extensions = keyCheckedMap(z.unknown(), isIri, 'extension keys must be IRIs with a scheme');
export type Extensions = z.infer<typeof Extensions>;

// ---------------------------------------------------------------------------------------------
// Agents and Groups (2.4.2)
// ---------------------------------------------------------------------------------------------

export const Account = z.strictObject({
  homePage: Irl,
  name: z.string().check(z.minLength(1, 'must not be empty')),
});
export type Account = z.infer<typeof Account>;



const ifiShape = {
  mbox: z.optional(MailtoIri),
  mbox_sha1sum: z.optional(Sha1Hex),
  openid: z.optional(Uri),
  account: z.optional(Account),
};

function presentIfis(value: Record<string, unknown>): string[] {
  return IFI_PROPERTIES.filter((key) => value[key] !== undefined);
}

function requireExactlyOneIfi(value: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  const ifis = presentIfis(value);
  if (ifis.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'must be identified by exactly one of mbox, mbox_sha1sum, openid or account' });
  } else if (ifis.length > 1) {
    ctx.addIssue({ code: 'custom', message: `has ${ifis.join(' and ')}; an Agent or identified Group uses exactly one of them` });
  }
}

const agentShape = { name: z.optional(z.string()), ...ifiShape };

/** An Agent where objectType may be left out (actor, instructor, member, authority, parameters). */
export const Agent = z.strictObject({ objectType: z.optional(z.literal('Agent')), ...agentShape }).check(z.superRefine(requireExactlyOneIfi, always));
export type Agent = z.infer<typeof Agent>;

/** An Agent as a statement's object, where objectType is required (2.4.4.2.s1.b1). */
const AgentAsObject = z.strictObject({ objectType: z.literal('Agent'), ...agentShape }).check(z.superRefine(requireExactlyOneIfi, always));

const groupShape = {
  objectType: z.literal('Group'),
  name: z.optional(z.string()),
  member: z.optional(z.array(Agent)),
  ...ifiShape,
};

function checkGroup(group: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  const ifis = presentIfis(group);
  if (ifis.length > 1) {
    ctx.addIssue({ code: 'custom', message: `has ${ifis.join(' and ')}; an identified Group uses exactly one of them` });
  } else if (ifis.length === 0) {
    const member = group.member;
    if (member === undefined) {
      ctx.addIssue({ code: 'custom', path: ['member'], message: 'is required for an anonymous Group (one without mbox, mbox_sha1sum, openid or account)' });
    } else if (Array.isArray(member) && member.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['member'], message: 'must list at least one Agent for an anonymous Group' });
    }
  }
}

/** A Group: identified (exactly one IFI, members optional) or anonymous (no IFI, members required). */
export const Group = z.strictObject(groupShape).check(z.superRefine(checkGroup, always));
export type Group = z.infer<typeof Group>;

export const IdentifiedGroup = z.strictObject(groupShape).check(z.superRefine(requireExactlyOneIfi, always));

const actorOptions = { error: objectTypeError(['Agent', 'Group']) };

export const Actor = z.discriminatedUnion('objectType', [Agent, Group], actorOptions);
export type Actor = z.infer<typeof Actor>;

/** The agent filter parameter: an Agent or an identified Group (Communication 2.1.3 table 1). */
export const AgentOrIdentifiedGroup = z.discriminatedUnion('objectType', [Agent, IdentifiedGroup], actorOptions);

// 3-legged OAuth is the only case for a Group authority: anonymous, exactly two Agents (2.4.9.s3.b1).
const AuthorityGroup = z.strictObject(groupShape).check(z.superRefine((group, ctx) => {
  if (presentIfis(group).length > 0) {
    ctx.addIssue({ code: 'custom', message: 'a Group as authority must be anonymous (3-legged OAuth: the application and the user)' });
  }
  const member = group.member;
  if (!Array.isArray(member) || member.length !== 2) {
    ctx.addIssue({ code: 'custom', path: ['member'], message: 'a Group as authority must have exactly two Agents (the application and the user)' });
  }
}, always));

export const Authority = z.discriminatedUnion('objectType', [Agent, AuthorityGroup], actorOptions);
export type Authority = z.infer<typeof Authority>;

// ---------------------------------------------------------------------------------------------
// The parts of a Statement, built at first use
// ---------------------------------------------------------------------------------------------

function checkInteraction(definition: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  const type = definition.interactionType;
  const interactionProperties = ['correctResponsesPattern', ...COMPONENT_LISTS].filter((key) => definition[key] !== undefined);
  if (type === undefined) {
    for (const key of interactionProperties) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'is only allowed together with interactionType' });
    }
    return;
  }
  const allowed = (INTERACTION_TYPES as readonly unknown[]).includes(type) ? COMPONENT_LISTS_BY_TYPE[type as InteractionType] : undefined;
  for (const list of COMPONENT_LISTS) {
    const components = definition[list];
    if (components === undefined) continue;
    if (allowed && !allowed.includes(list)) {
      const supported = allowed.length > 0 ? `only ${allowed.join(' and ')}` : 'no component lists';
      ctx.addIssue({ code: 'custom', path: [list], message: `is not allowed for interactionType "${String(type)}" (it takes ${supported})` });
    }
    if (!Array.isArray(components)) continue;
    const seen = new Set<unknown>();
    components.forEach((component: unknown, index) => {
      const id = isObject(component) ? component.id : undefined;
      if (typeof id !== 'string') return;
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [list, index, 'id'], message: `duplicates interaction component id "${id}"` });
      seen.add(id);
    });
  }
}

/**
 * Built by statementParts() at first use, like the Statement schemas below, not at import: zod
 * builds an object per schema, and every cold start of a handler that only imports this module
 * for a type or a primitive schema would pay for them (the primitives and Agents above are built
 * at import, as other modules build their own schemas from them).
 */
function buildStatementParts() {
  // -------------------------------------------------------------------------------------------
  // Verb and Activity (2.4.3, 2.4.4.1)
  // -------------------------------------------------------------------------------------------

  const Verb = z.strictObject({ id: Iri, display: z.optional(LanguageMap) });

  const InteractionComponent = z.strictObject({
    id: z.string().check(z.minLength(1, 'must not be empty')),
    description: z.optional(LanguageMap),
  });

  const componentList = z.optional(z.array(InteractionComponent));

  const ActivityDefinition = z.strictObject({
    name: z.optional(LanguageMap),
    description: z.optional(LanguageMap),
    type: z.optional(Iri),
    moreInfo: z.optional(Irl),
    interactionType: z.optional(z.enum(INTERACTION_TYPES)),
    correctResponsesPattern: z.optional(z.array(z.string())),
    choices: componentList,
    scale: componentList,
    source: componentList,
    target: componentList,
    steps: componentList,
    extensions: z.optional(Extensions),
  }).check(z.superRefine(checkInteraction, always));

  const Activity = z.strictObject({
    objectType: z.optional(z.literal('Activity')),
    id: Iri,
    definition: z.optional(ActivityDefinition),
  });

  const StatementRef = z.strictObject({ objectType: z.literal('StatementRef'), id: Uuid });

  // -------------------------------------------------------------------------------------------
  // Result (2.4.5) and Context (2.4.6)
  // -------------------------------------------------------------------------------------------

  const Score = z.strictObject({
    scaled: z.optional(z.number().check(z.gte(-1, 'must be between -1 and 1'), z.lte(1, 'must be between -1 and 1'))),
    raw: z.optional(z.number()),
    min: z.optional(z.number()),
    max: z.optional(z.number()),
  }).check(z.superRefine((score, ctx) => {
    const { raw, min, max } = score;
    const num = (value: unknown): value is number => typeof value === 'number';
    if (num(min) && num(max) && min > max) ctx.addIssue({ code: 'custom', path: ['min'], message: `must not be greater than max (${max})` });
    if (num(raw) && num(min) && raw < min) ctx.addIssue({ code: 'custom', path: ['raw'], message: `must not be less than min (${min})` });
    if (num(raw) && num(max) && raw > max) ctx.addIssue({ code: 'custom', path: ['raw'], message: `must not be greater than max (${max})` });
  }, always));

  const Result = z.strictObject({
    score: z.optional(Score),
    success: z.optional(z.boolean()),
    completion: z.optional(z.boolean()),
    response: z.optional(z.string()),
    duration: z.optional(Duration),
    extensions: z.optional(Extensions),
  });

  /** A single Activity is accepted for 0.95 compatibility (2.4.6.2.s3); normalizeStatement makes it an array. */
  const ContextActivityValue = z.union([z.array(Activity), Activity]);

  const ContextActivities = z.strictObject({
    parent: z.optional(ContextActivityValue),
    grouping: z.optional(ContextActivityValue),
    category: z.optional(ContextActivityValue),
    other: z.optional(ContextActivityValue),
  });

  /** What a Context holds in every version; xAPI 2.0 adds contextAgents and contextGroups. */
  const contextShape = {
    registration: z.optional(Uuid),
    instructor: z.optional(Actor),
    team: z.optional(Group),
    contextActivities: z.optional(ContextActivities),
    revision: z.optional(z.string()),
    platform: z.optional(z.string()),
    language: z.optional(LanguageTag),
    statement: z.optional(StatementRef),
    extensions: z.optional(Extensions),
  };

  // xAPI 2.0 (IEEE 9274.1.1-2023) Context Agents and Context Groups: another Agent or Group that
  // took part, with the Activity types that say how. relevantTypes is optional, but never empty.
  const RelevantTypes = z.array(Iri).check(z.minLength(1, 'must list at least one Activity type IRI; leave relevantTypes out if there is none'));

  const ContextAgent = z.strictObject({ objectType: z.literal('contextAgent'), agent: Agent, relevantTypes: z.optional(RelevantTypes) });

  const ContextGroup = z.strictObject({ objectType: z.literal('contextGroup'), group: Group, relevantTypes: z.optional(RelevantTypes) });

  const contextShape2_0 = {
    ...contextShape,
    contextAgents: z.optional(z.array(ContextAgent)),
    contextGroups: z.optional(z.array(ContextGroup)),
  };

  // -------------------------------------------------------------------------------------------
  // Attachments (2.4.11)
  // -------------------------------------------------------------------------------------------

  const Attachment = z.strictObject({
    usageType: Iri,
    display: LanguageMap,
    description: z.optional(LanguageMap),
    contentType: z.string().check(z.regex(/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(?:\s*;.*)?$/, 'must be an Internet media type, e.g. "text/plain"')),
    length: z.number().check(z.int('must be a whole number of octets'), z.gte(0, 'must not be negative')),
    sha2: z.string().check(z.regex(/^(?:[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i, 'must be a hex-encoded SHA-2 hash')),
    fileUrl: z.optional(Irl),
  });
  return {
    Verb, InteractionComponent, ActivityDefinition, Activity, StatementRef, Score, Result, ContextActivities,
    ContextAgent, ContextGroup, Attachment, contextShape, contextShape2_0,
  };
}
type Parts = ReturnType<typeof buildStatementParts>;
let parts: Parts | undefined;
function statementParts(): Parts {
  parts ??= buildStatementParts();
  return parts;
}

export type Verb = z.infer<Parts['Verb']>;
export type InteractionComponent = z.infer<Parts['InteractionComponent']>;
export type ActivityDefinition = z.infer<Parts['ActivityDefinition']>;
export type Activity = z.infer<Parts['Activity']>;
export type StatementRef = z.infer<Parts['StatementRef']>;
export type Score = z.infer<Parts['Score']>;
export type Result = z.infer<Parts['Result']>;
export type ContextActivities = z.infer<Parts['ContextActivities']>;
export type ContextAgent = z.infer<Parts['ContextAgent']>;
export type ContextGroup = z.infer<Parts['ContextGroup']>;
export type Attachment = z.infer<Parts['Attachment']>;

// ---------------------------------------------------------------------------------------------
// Statement and SubStatement (2.4, 2.4.4.3), per xAPI version
// ---------------------------------------------------------------------------------------------

function objectTypeOf(statement: Record<string, unknown>): unknown {
  return isObject(statement.object) ? (statement.object.objectType ?? 'Activity') : undefined;
}

/** revision and platform only make sense for an Activity (2.4.6.s4.b1, b2). */
function checkContextForObject(statement: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  const context = statement.context;
  const objectType = objectTypeOf(statement);
  if (!isObject(context) || objectType === undefined || objectType === 'Activity') return;
  for (const key of ['revision', 'platform'] as const) {
    if (context[key] !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['context', key], message: `is only allowed when the object is an Activity (here it is a ${String(objectType)})` });
    }
  }
}

/** What tells the versions' Statements apart; everything else is the same schema. */
interface VersionRules<ContextShape extends z.core.$ZodLooseShape> {
  context: ContextShape;
  timestamp: z.ZodMiniType<string, string>;
  version: z.ZodMiniType<string, string>;
}

function statementSchemas<ContextShape extends z.core.$ZodLooseShape>(rules: VersionRules<ContextShape>) {
  const { Verb, Result, Attachment, Activity, StatementRef } = statementParts();
  const Context = z.strictObject(rules.context);
  const statementCore = {
    actor: Actor,
    verb: Verb,
    result: z.optional(Result),
    context: z.optional(Context),
    timestamp: z.optional(rules.timestamp),
    attachments: z.optional(z.array(Attachment)),
  };
  const SubStatementObject = z.discriminatedUnion('objectType', [Activity, AgentAsObject, Group, StatementRef], {
    error: objectTypeError(['Activity', 'Agent', 'Group', 'StatementRef'], 'a SubStatement cannot contain another SubStatement'),
  });
  /** A SubStatement has no id, stored, version or authority and cannot nest (2.4.4.3.s8). */
  const SubStatement = z.strictObject({ objectType: z.literal('SubStatement'), ...statementCore, object: SubStatementObject }).check(z.superRefine(checkContextForObject, always));
  const StatementObject = z.discriminatedUnion('objectType', [Activity, AgentAsObject, Group, StatementRef, SubStatement], {
    error: objectTypeError(['Activity', 'Agent', 'Group', 'StatementRef', 'SubStatement']),
  });
  const Statement = z.strictObject({
    id: z.optional(Uuid),
    ...statementCore,
    object: StatementObject,
    stored: z.optional(rules.timestamp),
    authority: z.optional(Authority),
    version: z.optional(rules.version),
  }).check(z.superRefine((statement, ctx) => {
    checkContextForObject(statement, ctx);
    const verb = statement.verb as unknown;
    if (isObject(verb) && verb.id === VOIDED_VERB_ID && objectTypeOf(statement) !== 'StatementRef') {
      ctx.addIssue({ code: 'custom', path: ['object'], message: 'must be a StatementRef to the statement being voided (verb is "voided")' });
    }
  }, always));
  return { Context, SubStatement, StatementObject, Statement };
}

export const Version = z.string().check(z.regex(/^1\.0(?:\.\d+)?$/, 'must be a 1.0.x version, e.g. "1.0.0"'));
/** xAPI 2.0 takes statements of either family (a 1.0.x statement is a valid 2.0 statement). */
export const Version2_0 = z.string().check(z.regex(/^(?:1|2)\.0(?:\.\d+)?$/, 'must be a 2.0.x or 1.0.x version, e.g. "2.0.0"'));

/** xAPI 2.0 timestamps are RFC 3339 date-times, converted to UTC on storage (normalizeStatement). */
export const Timestamp2_0 = z.string().check(z.refine(isRfc3339Timestamp, 'must be an RFC 3339 timestamp with seconds and a zone offset, e.g. "2024-05-01T12:30:00.000Z"'));

// Built on first use, not at import: only the functions that take statements in pay for them.
const buildSchemas1_0_3 = () => statementSchemas({ context: statementParts().contextShape, timestamp: Timestamp, version: Version });
const buildSchemas2_0_0 = () => statementSchemas({ context: statementParts().contextShape2_0, timestamp: Timestamp2_0, version: Version2_0 });
let schemas1_0_3: ReturnType<typeof buildSchemas1_0_3> | undefined;
let schemas2_0_0: ReturnType<typeof buildSchemas2_0_0> | undefined;

/** The statement schemas of the request's xAPI version. */
export function statementSchemasFor(version: XapiVersion) {
  if (version === XAPI_2_0_0) return (schemas2_0_0 ??= buildSchemas2_0_0());
  return (schemas1_0_3 ??= buildSchemas1_0_3());
}

// The types are xAPI 2.0's, a superset that covers 1.0.3 too.
type Schemas2_0_0 = ReturnType<typeof buildSchemas2_0_0>;
export type Context = z.infer<Schemas2_0_0['Context']>;
export type SubStatement = z.infer<Schemas2_0_0['SubStatement']>;
export type StatementObject = z.infer<Schemas2_0_0['StatementObject']>;
export type Statement = z.infer<Schemas2_0_0['Statement']>;

// ---------------------------------------------------------------------------------------------
// Parsing with readable errors
// ---------------------------------------------------------------------------------------------

function objectTypeError(allowed: string[], forSubStatement?: string) {
  return (issue: { code: string; input?: unknown }): string | undefined => {
    if (issue.code !== 'invalid_union') return undefined;
    const given = isObject(issue.input) ? issue.input.objectType : undefined;
    if (forSubStatement && given === 'SubStatement') return forSubStatement;
    return `objectType must be one of ${allowed.map((value) => `"${value}"`).join(', ')} (case-sensitive)`;
  };
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

const EXPECTED_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean (true or false)',
  object: 'an object',
  record: 'an object',
  array: 'an array',
};

/** Messages for zod's own issue codes; schema-specific messages above take precedence. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      if (issue.input === null) return 'must not be null';
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      return `must be ${expected}, not ${typeName(issue.input)}`;
    }
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value));
      return values.length === 1 ? `must be ${values[0]} (case-sensitive)` : `must be one of ${values.join(', ')} (case-sensitive)`;
    }
    default:
      return undefined;
  }
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

const SUBSTATEMENT_ONLY_FORBIDDEN = new Set(['id', 'stored', 'version', 'authority']);
const AGENT_KEYS = new Set<string>([...IFI_PROPERTIES, 'member']);

/** Flattens zod issues into ErrorIssues: one per unknown key, union branches resolved. */
function toErrorIssues(issues: readonly z.core.$ZodIssue[], prefix: string, input: unknown, version: XapiVersion = XAPI_1_0_3): ErrorIssue[] {
  const out: ErrorIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const owner = valueAt(input, issue.path);
      const inSubStatement = isObject(owner) && owner.objectType === 'SubStatement';
      // Without objectType an object is read as an Activity (2.4.4.s2): say why an Agent fails.
      const lastKey = issue.path.at(-1);
      if (lastKey === 'object' && isObject(owner) && owner.objectType === undefined && issue.keys.some((key) => AGENT_KEYS.has(key))) {
        out.push({ path: formatPath(prefix, [...issue.path, 'objectType']), message: 'is required when the object is an Agent or Group' });
      }
      for (const key of issue.keys) {
        const message =
          inSubStatement && SUBSTATEMENT_ONLY_FORBIDDEN.has(key)
            ? 'is not allowed in a SubStatement'
            : `is not a property xAPI ${version} allows here (property names are case-sensitive)`;
        out.push({ path: formatPath(prefix, [...issue.path, key]), message });
      }
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // A union of "one value or an array of them": report the branch that matches the input's shape.
      const branches = issue.errors.filter((branch) => !branch.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
      const chosen = branches.length === 1 ? branches[0]! : issue.errors.flat();
      const nested = chosen.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
      out.push(...toErrorIssues(nested, prefix, input, version));
    } else {
      out.push({ path: formatPath(prefix, issue.path), message: issue.message });
    }
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** objectType decides how the rest of an object is read, so its problems come first. */
function objectTypeFirst(issues: ErrorIssue[]): ErrorIssue[] {
  const isObjectType = (issue: ErrorIssue) => issue.path.endsWith('.objectType');
  return [...issues.filter(isObjectType), ...issues.filter((issue) => !isObjectType(issue))];
}

function failWith(issues: ErrorIssue[]): never {
  const first = issues[0]!;
  throw new ValidationError(`${first.path}: ${first.message}`, { issues });
}

/**
 * Validates any value against a schema of this module and returns it typed, or throws a
 * ValidationError whose paths start with `prefix` (e.g. "query.agent").
 */
export function parseWith<T extends z.ZodMiniType>(schema: T, value: unknown, prefix: string, version: XapiVersion = XAPI_1_0_3): z.infer<T> {
  const result = schema.safeParse(value, { error: describeIssue });
  if (result.success) return result.data;
  failWith(objectTypeFirst(toErrorIssues(result.error.issues, prefix, value, version)));
}

/**
 * POST body: one Statement or an array of them, by the rules of the request's xAPI version (the
 * default, 1.0.3, is what the module's own API records). Issues name `statements[i]…` or `statement…`.
 */
export function parseStatements(body: unknown, version: XapiVersion = XAPI_1_0_3): { statements: Statement[]; wasArray: boolean } {
  const schema = statementSchemasFor(version).Statement;
  if (Array.isArray(body)) {
    const issues: ErrorIssue[] = [];
    const statements: Statement[] = [];
    body.forEach((item: unknown, index) => {
      const result = schema.safeParse(item, { error: describeIssue });
      if (result.success) statements.push(result.data);
      else issues.push(...objectTypeFirst(toErrorIssues(result.error.issues, `statements[${index}]`, item, version)));
    });
    if (issues.length > 0) failWith(issues);
    return { statements, wasArray: true };
  }
  if (!isObject(body)) {
    failWith([{ path: 'statement', message: `must be a Statement object or an array of Statements, not ${typeName(body)}` }]);
  }
  return { statements: [parseWith(schema, body, 'statement', version)], wasArray: false };
}

/** PUT body: exactly one Statement, by the rules of the request's xAPI version. */
export function parseStatement(body: unknown, version: XapiVersion = XAPI_1_0_3): Statement {
  if (!isObject(body)) {
    failWith([{ path: 'statement', message: `must be a single Statement object, not ${typeName(body)}` }]);
  }
  return parseWith(statementSchemasFor(version).Statement, body, 'statement', version);
}
