/**
 * An xAPI Profile (ADL xAPI Profiles 1.0, part two) as a zod schema: the properties the course
 * profile uses, with the requirements the structure document puts on them (required properties,
 * no empty values, unique ids, inScheme naming a version of this profile, pattern shapes and
 * references, JSONPaths the matcher supports). Parsed as plain JSON: the property names are the
 * compacted JSON-LD terms of https://w3id.org/xapi/profiles/context.
 */
import * as z from 'zod/mini';
import '../../zod-locale.js';
import { isIri, timestampToMs } from '../data-formats.js';
import { JsonPathError, parseJsonPath } from './json-path.js';

export const PATTERN_KINDS = ['alternates', 'optional', 'oneOrMore', 'sequence', 'zeroOrMore'] as const;

const PROFILE_CONTEXT = 'https://w3id.org/xapi/profiles/context';

/**
 * The schemas, built by profileSchema() at first use rather than at import: zod builds an object
 * per schema, and building these cost every cold start that loads the matcher about 2 ms.
 */
function buildSchemas() {
  const Iri = z.string().check(z.refine(isIri, 'must be an absolute IRI'));
  const Iris = z.array(Iri).check(z.minLength(1, 'must not be empty'));
  const LanguageMap = z.record(z.string().check(z.minLength(1)), z.string().check(z.minLength(1, 'must not be empty'))).check(z.refine((map) => Object.keys(map).length > 0, 'must not be empty'));
  const Timestamp = z.string().check(z.refine((value) => timestampToMs(value) !== undefined, 'must be an ISO 8601 timestamp'));

  const JsonPathString = z.string().check(z.superRefine((value, ctx) => {
    try {
      parseJsonPath(value);
    } catch (error) {
      if (!(error instanceof JsonPathError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
    }
  }));

  const Values = z.array(z.unknown()).check(z.minLength(1, 'must not be empty'));

  const TemplateRule = z.strictObject({
    location: JsonPathString,
    selector: z.optional(JsonPathString),
    presence: z.optional(z.enum(['included', 'excluded', 'recommended'])),
    any: z.optional(Values),
    all: z.optional(Values),
    none: z.optional(Values),
    scopeNote: z.optional(LanguageMap),
  }).check(z.refine((rule) => [rule.presence, rule.any, rule.all, rule.none].some((value) => value !== undefined), 'a rule needs at least one of presence, any, all or none'));

  const StatementTemplate = z.strictObject({
    id: Iri,
    type: z.literal('StatementTemplate'),
    inScheme: Iri,
    prefLabel: LanguageMap,
    definition: LanguageMap,
    deprecated: z.optional(z.boolean()),
    verb: z.optional(Iri),
    objectActivityType: z.optional(Iri),
    contextGroupingActivityType: z.optional(Iris),
    contextParentActivityType: z.optional(Iris),
    contextOtherActivityType: z.optional(Iris),
    contextCategoryActivityType: z.optional(Iris),
    attachmentUsageType: z.optional(Iris),
    objectStatementRefTemplate: z.optional(Iris),
    contextStatementRefTemplate: z.optional(Iris),
    rules: z.optional(z.array(TemplateRule).check(z.minLength(1, 'must not be empty'))),
  }).check(z.refine((t) => !(t.objectActivityType && t.objectStatementRefTemplate), 'must not have both objectActivityType and objectStatementRefTemplate'));

  const Pattern = z.strictObject({
    id: Iri,
    type: z.literal('Pattern'),
    primary: z.optional(z.boolean()),
    inScheme: z.optional(Iri),
    prefLabel: z.optional(LanguageMap),
    definition: z.optional(LanguageMap),
    deprecated: z.optional(z.boolean()),
    alternates: z.optional(z.array(Iri).check(z.minLength(2, 'needs at least two members'))),
    optional: z.optional(Iri),
    oneOrMore: z.optional(Iri),
    sequence: z.optional(Iris),
    zeroOrMore: z.optional(Iri),
  }).check(z.superRefine((p, ctx) => {
    const kinds = PATTERN_KINDS.filter((kind) => p[kind] !== undefined);
    if (kinds.length !== 1) ctx.addIssue({ code: 'custom', message: `needs exactly one of ${PATTERN_KINDS.join(', ')}, has ${kinds.length === 0 ? 'none' : kinds.join(' and ')}` });
    if (p.primary && (!p.prefLabel || !p.definition)) ctx.addIssue({ code: 'custom', message: 'a primary pattern needs prefLabel and definition' });
  }));

  const conceptBase = { id: Iri, inScheme: Iri, prefLabel: LanguageMap, definition: LanguageMap, deprecated: z.optional(z.boolean()) };

  const SemanticConcept = z.strictObject({
    ...conceptBase,
    type: z.enum(['Verb', 'ActivityType', 'AttachmentUsageType']),
    broader: z.optional(Iris),
    broadMatch: z.optional(Iris),
    narrower: z.optional(Iris),
    narrowMatch: z.optional(Iris),
    related: z.optional(Iris),
    relatedMatch: z.optional(Iris),
    exactMatch: z.optional(Iris),
  });

  const ExtensionConcept = z.strictObject({
    ...conceptBase,
    type: z.enum(['ContextExtension', 'ResultExtension', 'ActivityExtension']),
    recommendedActivityTypes: z.optional(Iris),
    recommendedVerbs: z.optional(Iris),
    context: z.optional(Iri),
    schema: z.optional(Iri),
    inlineSchema: z.optional(z.string().check(z.minLength(1))),
  }).check(z.superRefine((c, ctx) => {
    if (c.schema && c.inlineSchema) ctx.addIssue({ code: 'custom', message: 'use at most one of schema and inlineSchema' });
    if (c.recommendedActivityTypes && c.type !== 'ActivityExtension') ctx.addIssue({ code: 'custom', path: ['recommendedActivityTypes'], message: 'is only allowed on an ActivityExtension' });
    if (c.recommendedVerbs && c.type === 'ActivityExtension') ctx.addIssue({ code: 'custom', path: ['recommendedVerbs'], message: 'is only allowed on a ContextExtension or ResultExtension' });
    if (c.inlineSchema) {
      try {
        JSON.parse(c.inlineSchema);
      } catch {
        ctx.addIssue({ code: 'custom', path: ['inlineSchema'], message: 'must be a JSON Schema as a JSON string' });
      }
    }
  }));

  const DocumentResourceConcept = z.strictObject({
    ...conceptBase,
    type: z.enum(['StateResource', 'AgentProfileResource', 'ActivityProfileResource']),
    contentType: z.string().check(z.minLength(1)),
    context: z.optional(Iri),
    schema: z.optional(Iri),
    inlineSchema: z.optional(z.string().check(z.minLength(1))),
  });

  const ActivityConcept = z.strictObject({
    id: Iri,
    type: z.literal('Activity'),
    inScheme: Iri,
    deprecated: z.optional(z.boolean()),
    activityDefinition: z.looseObject({
      '@context': z.union([z.string(), z.array(z.string())]).check(z.refine((value) => [value].flat().includes('https://w3id.org/xapi/profiles/activity-context'), 'must be or contain https://w3id.org/xapi/profiles/activity-context')),
      type: z.optional(Iri),
      name: z.optional(LanguageMap),
      description: z.optional(LanguageMap),
    }),
  });

  const Concept = z.discriminatedUnion('type', [SemanticConcept, ExtensionConcept, DocumentResourceConcept, ActivityConcept]);

  const ProfileShape = z.strictObject({
    '@context': z.union([z.string(), z.array(z.string())]).check(z.refine((value) => [value].flat().includes(PROFILE_CONTEXT), `must be or contain ${PROFILE_CONTEXT}`)),
    id: Iri,
    type: z.literal('Profile'),
    conformsTo: Iri,
    prefLabel: LanguageMap,
    definition: LanguageMap,
    seeAlso: z.optional(Iri),
    versions: z.array(z.strictObject({ id: Iri, wasRevisionOf: z.optional(Iris), generatedAtTime: Timestamp })).check(z.minLength(1, 'must not be empty')),
    author: z.strictObject({ type: z.enum(['Organization', 'Person']), name: z.string().check(z.minLength(1)), url: z.optional(Iri) }),
    concepts: z.optional(z.array(Concept).check(z.minLength(1))),
    templates: z.optional(z.array(StatementTemplate).check(z.minLength(1))),
    patterns: z.optional(z.array(Pattern).check(z.minLength(1))),
  });
  return { TemplateRule, StatementTemplate, Pattern, Concept, ProfileShape };
}
type Schemas = ReturnType<typeof buildSchemas>;

export type TemplateRule = z.infer<Schemas['TemplateRule']>;
export type StatementTemplate = z.infer<Schemas['StatementTemplate']>;
export type Pattern = z.infer<Schemas['Pattern']>;
export type Concept = z.infer<Schemas['Concept']>;
type ProfileShape = z.infer<Schemas['ProfileShape']>;
/** A profile with every cross-reference checked (see checkProfile). */
export type Profile = ProfileShape;

let profileSchemaBuilt: Schemas['ProfileShape'] | undefined;

/** The schema of a profile, with every cross-reference checked (see checkProfile); built at first use. */
export function profileSchema(): Schemas['ProfileShape'] {
  profileSchemaBuilt ??= buildSchemas().ProfileShape.check(z.superRefine(checkProfile));
  return profileSchemaBuilt;
}

type Ctx = z.core.$RefinementCtx<ProfileShape>;

function checkProfile(profile: ProfileShape, ctx: Ctx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const concepts = profile.concepts ?? [];
  const templates = profile.templates ?? [];
  const patterns = profile.patterns ?? [];

  // Every id once: the profile, its versions, concepts, templates and patterns.
  const seen = new Map<string, string>();
  const see = (id: string, path: PropertyKey[]) => {
    const before = seen.get(id);
    if (before) issue(path, `duplicates the id "${id}" of ${before}`);
    else seen.set(id, path.join('.') || 'the profile');
  };
  see(profile.id, []);
  profile.versions.forEach((v, i) => see(v.id, ['versions', i, 'id']));
  concepts.forEach((c, i) => see(c.id, ['concepts', i, 'id']));
  templates.forEach((t, i) => see(t.id, ['templates', i, 'id']));
  patterns.forEach((p, i) => see(p.id, ['patterns', i, 'id']));

  const versionIds = new Set(profile.versions.map((v) => v.id));
  const checkScheme = (inScheme: string | undefined, path: PropertyKey[]) => {
    if (inScheme !== undefined && !versionIds.has(inScheme)) issue(path, `"${inScheme}" is not a version of this profile`);
  };
  concepts.forEach((c, i) => checkScheme(c.inScheme, ['concepts', i, 'inScheme']));
  templates.forEach((t, i) => checkScheme(t.inScheme, ['templates', i, 'inScheme']));
  patterns.forEach((p, i) => checkScheme(p.inScheme, ['patterns', i, 'inScheme']));

  const templateIds = new Set(templates.map((t) => t.id));
  templates.forEach((t, i) => {
    for (const key of ['objectStatementRefTemplate', 'contextStatementRefTemplate'] as const) {
      t[key]?.forEach((ref, j) => {
        if (!templateIds.has(ref)) issue(['templates', i, key, j], `"${ref}" is not a statement template of this profile`);
      });
    }
  });

  // Patterns: members exist, no optional/zeroOrMore directly inside alternates, no cycles.
  const patternsById = new Map(patterns.map((p) => [p.id, p]));
  const usedIn = new Map<string, number>();
  patterns.forEach((p, i) => {
    members(p).forEach((member, j) => {
      usedIn.set(member, (usedIn.get(member) ?? 0) + 1);
      const key = PATTERN_KINDS.find((kind) => p[kind] !== undefined)!;
      if (!templateIds.has(member) && !patternsById.has(member)) issue(['patterns', i, key, j], `"${member}" is neither a template nor a pattern of this profile`);
      const inner = patternsById.get(member);
      if (p.alternates && inner && (inner.optional || inner.zeroOrMore)) {
        issue(['patterns', i, 'alternates', j], `"${member}" is an optional or zeroOrMore pattern, which must not be directly inside alternates`);
      }
    });
  });
  patterns.forEach((p, i) => {
    if (!p.sequence || p.sequence.length >= 2) return;
    const single = p.sequence[0]!;
    if (!(p.primary && templateIds.has(single) && !usedIn.has(p.id))) issue(['patterns', i, 'sequence'], 'needs at least two members (one is only allowed in an unused primary pattern of a single template)');
  });
  patterns.forEach((p, i) => {
    if (reaches(p.id, p.id, patternsById, new Set())) issue(['patterns', i], `pattern "${p.id}" includes itself`);
  });
}

/** The members of a pattern, whatever its kind. */
export function members(pattern: Pattern): string[] {
  return [pattern.alternates, pattern.sequence, pattern.optional, pattern.oneOrMore, pattern.zeroOrMore].flatMap((value) => value ?? []);
}

function reaches(from: string, target: string, patternsById: Map<string, Pattern>, visited: Set<string>): boolean {
  const pattern = patternsById.get(from);
  if (!pattern || visited.has(from)) return false;
  visited.add(from);
  return members(pattern).some((member) => member === target || reaches(member, target, patternsById, visited));
}
