/**
 * Statement template matching for the course profile, following the xAPI Profiles 1.0
 * communication document, 2.1 (Statement Template Validation):
 *
 * - Determining properties: verb, objectActivityType, context{Grouping,Parent,Other,Category}
 *   ActivityType and attachmentUsageType. The statement's values must equal (verb, object type) or
 *   include (the arrays) the template's. Context activity types are read from
 *   `definition.type`, so statements in the LRS's "ids" format (no definitions) cannot match.
 * - StatementRef templates: objectStatementRefTemplate / contextStatementRefTemplate require a
 *   StatementRef there; when `resolveStatement` finds the referenced statement, it must match one
 *   of the listed templates.
 * - Rules: `location` (and `selector`) as the JSONPath subset documented in json-path.ts; presence
 *   included / excluded / recommended; any / all / none compared by JSON value. contextActivities
 *   are normalized to arrays first, as the spec requires.
 *
 * matchTemplate reports every problem (determining properties and rules), each starting with the
 * statement location it is about, so a failing statement says what to fix.
 */
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import '../../zod-locale.js';
import profileDocument from '../../../../xapi-profiles/introductie-pg.json' with { type: 'json' };
import { evaluateJsonPath, parseJsonPath, type JsonPath } from './json-path.js';
import { profileSchema, type Profile, type StatementTemplate, type TemplateRule } from './profile-schema.js';

export type { Profile, StatementTemplate, TemplateRule, Pattern } from './profile-schema.js';

export type MatchResult = { ok: true } | { ok: false; problems: string[] };

export interface MatchOptions {
  /** The profile whose templates StatementRef templates name; loadProfile() when left out. */
  profile?: Profile;
  /** Looks up a referenced statement by id; without it, only the StatementRef itself is checked. */
  resolveStatement?: (id: string) => object | undefined;
}

/** The profile document is missing or breaks the Profiles spec; the message lists every problem. */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

// ---------------------------------------------------------------------------------------------
// Loading

/**
 * The course profile in the repository: xapi-profiles/introductie-pg.json. It is JSON-LD; the
 * .json extension lets every runtime (tsc, tsx, Node, the esbuild Lambda bundles) import it as a
 * JSON module, so no file has to travel next to a bundle.
 */
export function profilePath(): string {
  return fileURLToPath(new URL('../../../../xapi-profiles/introductie-pg.json', import.meta.url));
}

/** Validates a parsed profile document; throws ProfileError listing every problem. */
export function parseProfile(document: unknown): Profile {
  const result = profileSchema().safeParse(document);
  if (!result.success) throw new ProfileError(`Invalid xAPI profile:\n${z.prettifyError(result.error)}`, { cause: result.error });
  return result.data;
}

let courseProfile: Profile | undefined;

/** The course profile, validated once per process. */
export function loadProfile(): Profile {
  courseProfile ??= parseProfile(profileDocument);
  return courseProfile;
}

// ---------------------------------------------------------------------------------------------
// Matching

/** Whether the statement follows the template: its determining properties, StatementRefs and rules. */
export function matchTemplate(statement: object, template: StatementTemplate, options: MatchOptions = {}): MatchResult {
  const normalized = normalizeContextActivities(statement);
  const problems = [...determiningProblems(normalized, template), ...statementRefProblems(normalized, template, options)];
  for (const rule of template.rules ?? []) problems.push(...ruleProblems(normalized, rule));
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/** The template the statement follows (determining properties, StatementRefs and rules), if any. */
export function findTemplate(statement: object, profile: Profile = loadProfile(), options: Omit<MatchOptions, 'profile'> = {}): StatementTemplate | undefined {
  return (profile.templates ?? []).find((template) => matchTemplate(statement, template, { ...options, profile }).ok);
}

export interface Validation {
  /**
   * success: the statement matches one or more templates and follows all of them;
   * invalid: it has the determining properties of a template but breaks its rules;
   * unmatched: no template has its determining properties.
   */
  outcome: 'success' | 'invalid' | 'unmatched';
  /** The matching templates (success) or the failing ones (invalid). */
  templates: string[];
  /** Problems per failing template id (invalid only). */
  problems: Record<string, string[]>;
}

/** The spec's `validates` over every template of the profile. */
export function validateStatement(statement: object, profile: Profile = loadProfile(), options: Omit<MatchOptions, 'profile'> = {}): Validation {
  const normalized = normalizeContextActivities(statement);
  const matching: string[] = [];
  const problems: Record<string, string[]> = {};
  for (const template of profile.templates ?? []) {
    if (determiningProblems(normalized, template).length > 0) continue;
    const result = matchTemplate(normalized, template, { ...options, profile });
    if (result.ok) matching.push(template.id);
    else problems[template.id] = result.problems;
  }
  const failing = Object.keys(problems);
  if (failing.length > 0) return { outcome: 'invalid', templates: failing, problems };
  return { outcome: matching.length > 0 ? 'success' : 'unmatched', templates: matching, problems };
}

// ---------------------------------------------------------------------------------------------
// Determining properties and StatementRefs

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const get = (value: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), value);

const CONTEXT_TYPE_PROPERTIES = [
  ['contextGroupingActivityType', 'grouping'],
  ['contextParentActivityType', 'parent'],
  ['contextOtherActivityType', 'other'],
  ['contextCategoryActivityType', 'category'],
] as const;

function determiningProblems(statement: object, template: StatementTemplate): string[] {
  const problems: string[] = [];
  if (template.verb !== undefined) {
    const verb = get(statement, 'verb', 'id');
    if (verb !== template.verb) problems.push(`verb.id is ${show(verb)}; the template requires "${template.verb}"`);
  }
  if (template.objectActivityType !== undefined) {
    const object = get(statement, 'object');
    const objectType = get(object, 'objectType') ?? 'Activity';
    const type = get(object, 'definition', 'type');
    if (objectType !== 'Activity') problems.push(`object is a ${show(objectType)}; the template requires an Activity of type "${template.objectActivityType}"`);
    else if (type !== template.objectActivityType) problems.push(`object.definition.type is ${show(type)}; the template requires "${template.objectActivityType}"`);
  }
  for (const [property, key] of CONTEXT_TYPE_PROPERTIES) {
    const required = template[property];
    if (!required) continue;
    const activities = get(statement, 'context', 'contextActivities', key);
    const types = Array.isArray(activities) ? activities.map((activity) => get(activity, 'definition', 'type')) : [];
    for (const type of required) {
      if (!types.includes(type)) problems.push(`context.contextActivities.${key} has no activity of type "${type}" (found ${show(types)}), which the template requires`);
    }
  }
  if (template.attachmentUsageType) {
    const attachments = get(statement, 'attachments');
    const usages = Array.isArray(attachments) ? attachments.map((a) => get(a, 'usageType')) : [];
    for (const usage of template.attachmentUsageType) {
      if (!usages.includes(usage)) problems.push(`attachments has no attachment with usageType "${usage}", which the template requires`);
    }
  }
  return problems;
}

const MAX_REF_DEPTH = 4;
let refDepth = 0;

function statementRefProblems(statement: object, template: StatementTemplate, options: MatchOptions): string[] {
  const problems: string[] = [];
  const check = (ref: unknown, where: string, allowed: readonly string[] | undefined) => {
    if (!allowed) return;
    if (get(ref, 'objectType') !== 'StatementRef' || typeof get(ref, 'id') !== 'string') {
      problems.push(`${where} must be a StatementRef to a statement of template ${allowed.map((id) => `"${id}"`).join(' or ')}`);
      return;
    }
    // Chains of references are followed a few steps deep only: ids can point anywhere, even in a circle.
    const referenced = refDepth < MAX_REF_DEPTH ? options.resolveStatement?.(get(ref, 'id') as string) : undefined;
    if (referenced === undefined) return;
    const profile = options.profile ?? loadProfile();
    refDepth++;
    let matched: Validation;
    try {
      matched = validateStatement(referenced, profile, { resolveStatement: options.resolveStatement });
    } finally {
      refDepth--;
    }
    if (matched.outcome !== 'success' || !matched.templates.some((id) => allowed.includes(id))) {
      problems.push(`${where} refers to statement ${get(ref, 'id') as string}, which does not match template ${allowed.map((id) => `"${id}"`).join(' or ')}`);
    }
  };
  check(get(statement, 'object'), 'object', template.objectStatementRefTemplate);
  check(get(statement, 'context', 'statement'), 'context.statement', template.contextStatementRefTemplate);
  return problems;
}

/** contextActivities singletons as arrays (xAPI 2.4.6.2.s4.b3), in the statement and a SubStatement. */
function normalizeContextActivities(statement: object): object {
  const withArrays = (node: unknown): unknown => {
    const activities = get(node, 'context', 'contextActivities');
    if (!isObject(node) || !isObject(activities)) return node;
    const fixed = Object.fromEntries(Object.entries(activities).map(([key, value]) => [key, Array.isArray(value) || value === undefined ? value : [value]]));
    return { ...node, context: { ...(node.context as Json), contextActivities: fixed } };
  };
  const top = withArrays(statement) as Json;
  return get(top, 'object', 'objectType') === 'SubStatement' ? { ...top, object: withArrays(top.object) } : top;
}

// ---------------------------------------------------------------------------------------------
// Rules

const UNMATCHABLE = Symbol('unmatchable');

const compiled = new Map<string, JsonPath>();
function compile(source: string): JsonPath {
  let path = compiled.get(source);
  if (!path) {
    path = parseJsonPath(source);
    compiled.set(source, path);
  }
  return path;
}

/** The spec's follows_rule, returning why a rule is not followed (empty when it is). */
function ruleProblems(statement: object, rule: TemplateRule): string[] {
  const where = rule.selector ? `${rule.location} ${rule.selector}` : rule.location;
  let values: unknown[] = evaluateJsonPath(compile(rule.location), statement);
  if (rule.selector) {
    const selector = compile(rule.selector);
    values = values.flatMap((value) => {
      const selected = evaluateJsonPath(selector, value);
      return selected.length === 0 ? [UNMATCHABLE] : selected;
    });
  }
  const matchable = values.filter((value) => value !== UNMATCHABLE);
  const unmatchable = values.length - matchable.length;
  let strict = true;
  const problems: string[] = [];

  if (rule.presence === 'included') {
    if (values.length === 0) return [`${where}: is missing; the template requires it (presence "included")`];
    if (unmatchable > 0) return [`${where}: the selector finds nothing in ${unmatchable} of the values at the location (presence "included")`];
  } else if (rule.presence === 'excluded') {
    if (matchable.length > 0) return [`${where}: must be absent (presence "excluded"), found ${show(matchable)}`];
  } else if (rule.presence === 'recommended') {
    strict = false;
  }
  const applies = strict || values.length > 0;
  if (rule.any && applies && !matchable.some((value) => rule.any!.some((allowed) => jsonEqual(value, allowed)))) {
    problems.push(`${where}: must include at least one of ${show(rule.any)}, found ${matchable.length === 0 ? 'nothing' : show(matchable)}`);
  }
  if (rule.all && applies) {
    if (unmatchable > 0) problems.push(`${where}: the selector finds nothing in ${unmatchable} of the values, so not all are from ${show(rule.all)}`);
    for (const value of matchable) {
      if (!rule.all.some((allowed) => jsonEqual(value, allowed))) problems.push(`${where}: ${show(value)} is not allowed; allowed: ${show(rule.all)}`);
    }
  }
  if (rule.none && applies) {
    for (const value of matchable) {
      if (rule.none.some((forbidden) => jsonEqual(value, forbidden))) problems.push(`${where}: must not be ${show(value)}`);
    }
  }
  return problems;
}

/** Equality of JSON values: same primitives, arrays in order, objects with the same keys. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((value, i) => jsonEqual(value, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
