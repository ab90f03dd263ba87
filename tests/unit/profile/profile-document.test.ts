/**
 * The course's xAPI Profile document (xapi-profiles/introductie-pg.json): valid JSON-LD against
 * local copies of its contexts, valid per the Profiles spec, unique IRIs, minted IRIs under our
 * own base, and in step with the course content and the builders' vocabulary.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContactForm, DimensionId, FollowUpRoute } from '../../../functions/core/course/schema.js';
import { contactMomentIri, courseIri } from '../../../functions/core/xapi/profile/activity-iris.js';
import { loadProfile, parseProfile, profilePath, ProfileError } from '../../../functions/core/xapi/profile/matcher.js';
import {
  ACTIVITY_TYPES,
  EXTENSIONS,
  MINTED_BASE,
  PATTERNS,
  PRIVATE_TEMPLATES,
  PROFILE_ID,
  PROFILE_VERSION_ID,
  TEMPLATES,
  VERBS,
} from '../../../functions/core/xapi/profile/vocabulary.js';
import { course } from './arbitraries.js';
import { CONTEXT_FILES, loadContext, termProblems } from './jsonld-terms.js';

const raw = JSON.parse(readFileSync(profilePath(), 'utf8')) as Record<string, any>;
const profile = loadProfile();

/** A deep copy of the document to break on purpose. */
function broken(mutate: (doc: any) => void): unknown {
  const copy = structuredClone(raw);
  mutate(copy);
  return copy;
}

function problemsOf(document: unknown): string {
  try {
    parseProfile(document);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileError);
    return (error as Error).message;
  }
}

/** Every string in the document (keys excluded). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

describe('JSON-LD', () => {
  it('names the Profiles context, which resolves to the local copy', () => {
    expect(raw['@context']).toBe('https://w3id.org/xapi/profiles/context');
    expect(loadContext(raw['@context'])).toHaveProperty('StatementTemplate', 'profile:StatementTemplate');
  });

  it('resolves every nested @context to a local copy', () => {
    const contexts = new Set<string>();
    const collect = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '@context') [value].flat().forEach((iri) => contexts.add(iri as string));
          else collect(value);
        }
      }
    };
    collect(raw);
    expect([...contexts].sort()).toEqual(Object.keys(CONTEXT_FILES).sort());
    for (const iri of contexts) expect(() => loadContext(iri)).not.toThrow();
  });

  it('uses only terms its contexts define, with IRIs and language maps where they belong', () => {
    expect(termProblems(raw)).toEqual([]);
  });

  it('the term check catches an undefined property, an unknown type and a relative IRI', () => {
    const problems = termProblems(
      broken((doc) => {
        doc.concepts[0].skosNote = 'x';
        doc.concepts[1].type = 'Verbb';
        doc.templates[0].verb = 'verbs/experienced';
        doc.concepts.at(-1).activityDefinition.title = { en: 'x' };
      }),
    );
    expect(problems).toEqual([
      expect.stringContaining('$.concepts[0].skosNote'),
      expect.stringContaining('$.concepts[1].type'),
      expect.stringContaining('.activityDefinition.title'),
      expect.stringContaining('$.templates[0].verb'),
    ]);
  });

  it('has no context IRI without a local copy', () => {
    const problems = termProblems(broken((doc) => (doc['@context'] = 'https://example.org/other-context')));
    expect(problems[0]).toBe('$.@context: no local copy of the JSON-LD context https://example.org/other-context');
    // Without its context nothing in the profile expands.
    expect(problems).toContain('$.templates: "templates" is not a term of the context, so JSON-LD expansion would drop it');
  });
});

describe('Profiles spec structure', () => {
  it('parses with every required property and cross-reference', () => {
    expect(() => parseProfile(raw)).not.toThrow();
    expect(profile.id).toBe(PROFILE_ID);
    expect(profile.type).toBe('Profile');
    expect(profile.conformsTo).toBe('https://w3id.org/xapi/profiles#1.0');
    expect(Object.keys(profile.prefLabel).sort()).toEqual(['en', 'nl']);
    expect(Object.keys(profile.definition).sort()).toEqual(['en', 'nl']);
    expect(profile.versions.map((v) => v.id)).toEqual([PROFILE_VERSION_ID]);
    expect(profile.author.name).not.toBe('');
  });

  it('puts every concept, template and pattern in the current version with labels in nl and en', () => {
    const parts = [...(profile.concepts ?? []), ...(profile.templates ?? []), ...(profile.patterns ?? [])];
    expect(parts.length).toBeGreaterThan(20);
    for (const part of parts) {
      expect(part.inScheme, part.id).toBe(PROFILE_VERSION_ID);
      if (part.type !== 'Activity') {
        expect(Object.keys(part.prefLabel ?? {}).sort(), part.id).toEqual(['en', 'nl']);
        expect(Object.keys(part.definition ?? {}).sort(), part.id).toEqual(['en', 'nl']);
      }
    }
  });

  it.each([
    ['a template without inScheme', (doc: any) => delete doc.templates[0].inScheme, 'inScheme'],
    ['a concept without definition', (doc: any) => delete doc.concepts[0].definition, 'definition'],
    ['a profile without versions', (doc: any) => delete doc.versions, 'versions'],
    ['a profile without author', (doc: any) => delete doc.author, 'author'],
    ['a duplicate template id', (doc: any) => (doc.templates[1].id = doc.templates[0].id), 'duplicates the id'],
    ['an inScheme that is not a version', (doc: any) => (doc.patterns[0].inScheme = PROFILE_ID), 'is not a version of this profile'],
    ['a rule without presence, any, all or none', (doc: any) => (doc.templates[0].rules[0] = { location: '$.id' }), 'a rule needs at least one'],
    ['a JSONPath filter', (doc: any) => (doc.templates[0].rules[0].location = '$.context[?(@.registration)]'), 'filter and script expressions are not supported'],
    ['a pattern member that does not exist', (doc: any) => doc.patterns[0].sequence.push('https://introductie-pg.nl/xapi/patterns/nope'), 'is neither a template nor a pattern'],
    ['zeroOrMore directly inside alternates', (doc: any) => doc.patterns.find((p: any) => p.alternates).alternates.push('https://introductie-pg.nl/xapi/patterns/after-completion'), 'must not be directly inside alternates'],
    ['a pattern that includes itself', (doc: any) => doc.patterns.find((p: any) => p.alternates).alternates.push(doc.patterns.find((p: any) => p.alternates).id), 'includes itself'],
    ['an empty language map', (doc: any) => (doc.templates[0].prefLabel = {}), 'must not be empty'],
    ['a StatementRef template that does not exist', (doc: any) => (doc.templates.find((t: any) => t.contextStatementRefTemplate).contextStatementRefTemplate = ['https://introductie-pg.nl/xapi/templates/nope']), 'is not a statement template of this profile'],
  ])('rejects %s', (_name, mutate, message) => {
    expect(problemsOf(broken(mutate))).toContain(message);
  });

  it('has no empty values anywhere (strings, arrays, objects)', () => {
    const empties: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (value === null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value && Object.keys(value).length === 0)) empties.push(path);
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => walk(v, `${path}.${k}`));
    };
    walk(raw, '$');
    expect(empties).toEqual([]);
  });
});

describe('IRIs', () => {
  const ids = [profile.id, ...profile.versions.map((v) => v.id), ...(profile.concepts ?? []), ...(profile.templates ?? []), ...(profile.patterns ?? [])].map((x) =>
    typeof x === 'string' ? x : x.id,
  );

  it('are unique', () => {
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('mints only under https://introductie-pg.nl/xapi/ (reused vocabulary is referenced, never redefined)', () => {
    for (const id of ids) expect(id.startsWith(MINTED_BASE), id).toBe(true);
  });

  it('names every template and pattern the code knows, and no others', () => {
    expect((profile.templates ?? []).map((t) => t.id).sort()).toEqual(Object.values(TEMPLATES).sort());
    const patternIds = (profile.patterns ?? []).map((p) => p.id);
    for (const id of Object.values(PATTERNS)) expect(patternIds).toContain(id);
    expect((profile.patterns ?? []).filter((p) => p.primary).map((p) => p.id)).toEqual([PATTERNS.course]);
  });

  it('defines every minted verb, activity type and extension the builders use, and uses every reused one', () => {
    const conceptIds = new Set((profile.concepts ?? []).map((c) => c.id));
    const used = new Set(strings(raw.templates));
    for (const iri of [...Object.values(VERBS), ...Object.values(ACTIVITY_TYPES), ...Object.values(EXTENSIONS)]) {
      if (iri.startsWith(MINTED_BASE)) expect(conceptIds.has(iri), `${iri} is minted but not defined`).toBe(true);
      const inTemplates = [...used].some((s) => s === iri || s.includes(`'${iri}'`));
      if (iri !== ACTIVITY_TYPES.profile) expect(inTemplates, `${iri} is not used by any template`).toBe(true);
    }
    // The profile activity type only appears in category, checked by id, not as a determining property.
    expect(strings(raw.templates).some((s) => s === PROFILE_VERSION_ID)).toBe(true);
  });

  it('uses only verbs and activity types that are minted here or reused on purpose', () => {
    const known = new Set<string>([...Object.values(VERBS), ...Object.values(ACTIVITY_TYPES)]);
    for (const template of profile.templates ?? []) {
      const iris = [template.verb, template.objectActivityType, ...(template.contextGroupingActivityType ?? []), ...(template.contextParentActivityType ?? [])];
      for (const iri of iris.filter((x): x is string => x !== undefined)) expect(known.has(iri), `${template.id}: ${iri}`).toBe(true);
    }
  });
});

describe('in step with the course content', () => {
  const activities = new Map((profile.concepts ?? []).filter((c) => c.type === 'Activity').map((c) => [c.id, c]));
  const templateById = new Map((profile.templates ?? []).map((t) => [t.id, t]));
  const allValues = (templateId: string, location: string) => templateById.get(templateId)?.rules?.find((r) => r.location === location)?.all;

  it('defines the course and the contact moment as activities with their IRIs and types', () => {
    expect(activities.get(courseIri(course))?.type).toBe('Activity');
    expect((activities.get(courseIri(course)) as any).activityDefinition.type).toBe(ACTIVITY_TYPES.course);
    expect((activities.get(contactMomentIri(course)) as any).activityDefinition.type).toBe(ACTIVITY_TYPES.meeting);
  });

  it('requires the course IRI in grouping in every template', () => {
    for (const template of profile.templates ?? []) {
      const rule = template.rules?.find((r) => r.location === '$.context.contextActivities.grouping[*].id');
      expect(rule?.any, template.id).toEqual([courseIri(course)]);
    }
  });

  it('lists the follow-up routes and contact forms of the course schema', () => {
    expect(allValues(TEMPLATES.followUpChosen, '$.result.response')).toEqual(FollowUpRoute.options);
    expect(allValues(TEMPLATES.contactMomentAttended, `$.context.extensions['${EXTENSIONS.contactForm}']`)).toEqual(ContactForm.options);
  });

  it('describes the spinnenweb dimensions of the course schema', () => {
    const concept = (profile.concepts ?? []).find((c) => c.id === EXTENSIONS.spinnenwebScores) as { inlineSchema: string };
    expect(JSON.parse(concept.inlineSchema).required).toEqual(DimensionId.options);
  });

  it('marks the private templates as private in their definition', () => {
    for (const template of profile.templates ?? []) {
      expect(template.definition.en?.includes('GDPR art. 9'), template.id).toBe(PRIVATE_TEMPLATES.includes(template.id));
    }
  });
});
