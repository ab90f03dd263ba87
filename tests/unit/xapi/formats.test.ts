import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentKey } from '../../../functions/core/xapi/agents.js';
import { formatStatement, parseAcceptLanguage, pickLanguage } from '../../../functions/core/xapi/formats.js';
import { normalizeStatement, parseStatement, type Statement } from '../../../functions/core/xapi/statement-schema.js';
import { statement as anyStatement } from './arbitraries.js';
import {
  makeAccountAgent,
  makeActivity,
  makeAgent,
  makeChoiceActivity,
  makeContext,
  makeGroup,
  makeIdentifiedGroup,
  makeStatement,
  makeStatementRef,
  makeSubStatement,
  makeVerb,
} from './fixtures.js';

type Json = Record<string, unknown>;
const stored = (overrides: Json = {}): Statement => normalizeStatement(parseStatement(makeStatement(overrides)));

describe('format=exact', () => {
  it('returns the statement as stored', () => {
    const statement = stored({ context: makeContext() });
    expect(formatStatement(statement, 'exact', ['en'])).toBe(statement);
  });
});

describe('format=ids', () => {
  it('reduces agents, groups, verbs and activities to what identifies them (XAPI-00171)', () => {
    const statement = stored({
      object: makeSubStatement({ actor: makeIdentifiedGroup(), object: makeChoiceActivity() }),
      authority: makeAccountAgent({ name: 'LMS' }),
      result: { success: true },
    });
    expect(formatStatement(statement, 'ids', [])).toEqual({
      id: statement.id,
      actor: { objectType: 'Agent', mbox: 'mailto:ann@example.nl' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: {
        objectType: 'SubStatement',
        actor: { objectType: 'Group', mbox: 'mailto:coaches@example.nl' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' },
        object: { id: 'https://lms.example.nl/xapi/activities/question-1' },
      },
      authority: { objectType: 'Agent', account: { homePage: 'https://lms.example.nl', name: 'u-123' } },
      result: { success: true },
    });
  });

  it('keeps only the members of an anonymous Group, each by its IFI', () => {
    const formatted = formatStatement(stored({ actor: makeGroup({ name: 'Team' }) }), 'ids', []);
    expect(formatted.actor).toEqual({ objectType: 'Group', member: [{ objectType: 'Agent', mbox: 'mailto:ann@example.nl' }, { objectType: 'Agent', mbox: 'mailto:bob@example.nl' }] });
  });

  it('leaves objectType out where the statement left it out', () => {
    const formatted = formatStatement(stored({ actor: { name: 'Ann', mbox: 'mailto:ann@example.nl' } }), 'ids', []);
    expect(formatted.actor).toEqual({ mbox: 'mailto:ann@example.nl' });
  });

  it('reduces the agents and activities of the context too', () => {
    const formatted = formatStatement(stored({ context: makeContext({ team: makeGroup() }) }), 'ids', []);
    expect(formatted.context).toEqual({
      ...makeContext(),
      instructor: { objectType: 'Agent', mbox: 'mailto:coach@example.nl' },
      team: { objectType: 'Group', member: [{ objectType: 'Agent', mbox: 'mailto:ann@example.nl' }, { objectType: 'Agent', mbox: 'mailto:bob@example.nl' }] },
      contextActivities: { parent: [{ id: 'https://lms.example.nl/xapi/activities/module-1' }] },
    });
  });

  it('keeps a StatementRef as it is', () => {
    expect(formatStatement(stored({ object: makeStatementRef() }), 'ids', []).object).toEqual(makeStatementRef());
  });
});

describe('format=canonical', () => {
  const statement = stored({
    verb: makeVerb({ display: { 'en-US': 'completed', 'en-GB': 'completed (GB)', nl: 'voltooide' } }),
    object: makeChoiceActivity(),
    context: makeContext({ contextActivities: { category: makeActivity({ id: 'https://x.example/cat' }) } }),
  });

  it('keeps one language per map of verbs and activities, chosen by Accept-Language (XAPI-00172)', () => {
    const formatted = formatStatement(statement, 'canonical', ['nl', 'en']);
    expect(formatted.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/completed', display: { nl: 'voltooide' } });
    const object = formatted.object as Json & { definition: { choices: Json[] } };
    expect(object.definition.choices[0]).toEqual({ id: 'a', description: { nl: 'A' } });
    expect(object.definition.choices[1]).toEqual({ id: 'b', description: { 'en-US': 'B' } });
    const category = formatted.context?.contextActivities?.category as Json[];
    expect(category[0]?.definition).toMatchObject({ name: { nl: 'Introductie' }, description: { nl: 'De cursus' } });
  });

  it('leaves agents, result and everything else exactly as stored', () => {
    const formatted = formatStatement(statement, 'canonical', ['en-GB']);
    expect(formatted.actor).toEqual(statement.actor);
    expect(formatted.context?.instructor).toEqual(statement.context?.instructor);
    expect(formatted.context?.extensions).toEqual(statement.context?.extensions);
    expect(formatted.verb.display).toEqual({ 'en-GB': 'completed (GB)' });
  });

  it('applies inside a SubStatement', () => {
    const formatted = formatStatement(stored({ object: makeSubStatement() }), 'canonical', ['en-US']);
    expect(formatted.object).toMatchObject({ verb: { display: { 'en-US': 'completed' } }, object: { definition: { name: { 'en-US': 'Introduction' } } } });
  });

  it('does not change the statement it was given', () => {
    const before = structuredClone(statement);
    formatStatement(statement, 'canonical', ['nl']);
    formatStatement(statement, 'ids', []);
    expect(statement).toEqual(before);
  });
});

describe('pickLanguage', () => {
  const map = { 'en-US': 'color', 'en-GB': 'colour', nl: 'kleur', und: '?' };

  it.each<[string[], Record<string, string>]>([
    [['en-GB'], { 'en-GB': 'colour' }],
    [['EN-gb'], { 'en-GB': 'colour' }],
    [['de', 'nl'], { nl: 'kleur' }],
    [['en'], { 'en-US': 'color' }],
    [['en-AU'], { 'en-US': 'color' }],
    [['de'], { und: '?' }],
    [[], { und: '?' }],
    [['*'], { 'en-US': 'color' }],
  ])('for %j picks %j', (languages, expected) => {
    expect(pickLanguage(map, languages)).toEqual(expected);
  });

  it('falls back to the first entry without und', () => {
    expect(pickLanguage({ fr: 'couleur', de: 'Farbe' }, ['nl'])).toEqual({ fr: 'couleur' });
  });
});

describe('parseAcceptLanguage', () => {
  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['en-GB', ['en-GB']],
    ['da, en-gb;q=0.8, en;q=0.7', ['da', 'en-gb', 'en']],
    ['en;q=0.5, nl', ['nl', 'en']],
    ['nl;q=0.8, de;q=0.8, fr;q=0.9', ['fr', 'nl', 'de']],
    ['en;q=0, nl', ['nl']],
    ['*;q=0.1, nl', ['nl', '*']],
    ['n l, en;q=abc, nl-NL', ['nl-NL']],
  ])('parses %j', (header, expected) => {
    expect(parseAcceptLanguage(header)).toEqual(expected);
  });
});

describe('format properties', () => {
  const agentsOf = (s: Statement) => [s.actor, s.object.objectType === 'Agent' || s.object.objectType === 'Group' ? s.object : undefined, s.authority, s.context?.instructor, s.context?.team];

  it('ids never loses an IFI and stays a valid statement', () => {
    fc.assert(
      fc.property(anyStatement, (input) => {
        const statement = normalizeStatement(parseStatement(input));
        const formatted = formatStatement(statement, 'ids', []);
        expect(agentsOf(formatted).map((a) => a && agentKey(a))).toEqual(agentsOf(statement).map((a) => a && agentKey(a)));
        expect(parseStatement(formatted)).toEqual(formatted);
      }),
      { numRuns: 200 },
    );
  });

  it('canonical leaves one language of the original per verb display and activity name', () => {
    fc.assert(
      fc.property(anyStatement, fc.array(fc.constantFrom('en', 'nl-NL', 'de', '*', 'zh-Hant'), { maxLength: 3 }), (input, languages) => {
        const statement = normalizeStatement(parseStatement(input));
        const formatted = formatStatement(statement, 'canonical', languages);
        const display = formatted.verb.display;
        if (display) {
          expect(Object.keys(display)).toHaveLength(1);
          expect(statement.verb.display).toMatchObject(display);
        }
        if (formatted.object.objectType === 'Activity' && formatted.object.definition?.name) {
          expect(Object.keys(formatted.object.definition.name)).toHaveLength(1);
        }
        expect(formatted.actor).toEqual(statement.actor);
        expect(parseStatement(formatted)).toEqual(formatted);
      }),
      { numRuns: 200 },
    );
  });
});
