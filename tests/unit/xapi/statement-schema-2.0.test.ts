/**
 * xAPI 2.0 (IEEE 9274.1.1-2023) validation beside 1.0.3: the same statement is judged by the
 * rules of the request's version.
 */
import { describe, expect, it } from 'vitest';
import { normalizeStatement, parseStatement, parseStatements, toUtcTimestamp, type Statement } from '../../../functions/core/xapi/statement-schema.js';
import { formatStatement } from '../../../functions/core/xapi/formats.js';
import { indexKeysOf, queryKeysOf } from '../../../functions/core/xapi/index-keys.js';
import { issuesOf, pathsOf } from './helpers.js';
import { makeAgent, makeIdentifiedGroup, makeStatement, makeSubStatement } from './fixtures.js';

type Json = Record<string, unknown>;
const V2 = '2.0.0' as const;
const V1 = '1.0.3' as const;

const contextAgent = (overrides: Json = {}): Json => ({
  objectType: 'contextAgent',
  agent: makeAgent({ mbox: 'mailto:coach@example.nl' }),
  relevantTypes: ['https://example.nl/xapi/activity-types/coach'],
  ...overrides,
});
const contextGroup = (overrides: Json = {}): Json => ({
  objectType: 'contextGroup',
  group: makeIdentifiedGroup(),
  relevantTypes: ['https://example.nl/xapi/activity-types/team'],
  ...overrides,
});
const withContext = (context: Json): Json => makeStatement({ context });
const inSubStatement = (context: Json): Json => makeStatement({ object: makeSubStatement({ context }) });

describe('context agents and context groups (2.0)', () => {
  it('accepts them in a statement and in a SubStatement, relevantTypes optional, anonymous groups too', () => {
    const context = {
      contextAgents: [contextAgent(), contextAgent({ relevantTypes: undefined })],
      contextGroups: [contextGroup(), contextGroup({ group: { objectType: 'Group', member: [makeAgent()] } })],
    };
    expect(() => parseStatements(withContext(context), V2)).not.toThrow();
    expect(() => parseStatements(inSubStatement(context), V2)).not.toThrow();
  });

  it('are unknown properties to xAPI 1.0.3, and the message says which version was applied', () => {
    const [issue] = issuesOf(() => parseStatements(withContext({ contextAgents: [contextAgent()] }), V1));
    expect(issue).toEqual({ path: 'statement.context.contextAgents', message: 'is not a property xAPI 1.0.3 allows here (property names are case-sensitive)' });
    const [in2] = issuesOf(() => parseStatements(withContext({ contextAgent: [contextAgent()] }), V2));
    expect(in2!.message).toMatch(/xAPI 2\.0\.0 allows/);
  });

  it.each([
    ['an objectType other than "contextAgent"', { contextAgents: [contextAgent({ objectType: 'Agent' })] }, 'context.contextAgents[0].objectType'],
    ['no objectType', { contextAgents: [contextAgent({ objectType: undefined })] }, 'context.contextAgents[0].objectType'],
    ['an invalid agent', { contextAgents: [contextAgent({ agent: { key: 'x' } })] }, 'context.contextAgents[0].agent'],
    ['a Group as agent', { contextAgents: [contextAgent({ agent: makeIdentifiedGroup() })] }, 'context.contextAgents[0].agent.objectType'],
    ['empty relevantTypes', { contextAgents: [contextAgent({ relevantTypes: [] })] }, 'context.contextAgents[0].relevantTypes'],
    ['a relevantType that is no IRI', { contextAgents: [contextAgent({ relevantTypes: ['abc'] })] }, 'context.contextAgents[0].relevantTypes[0]'],
    ['contextAgents that is no array', { contextAgents: contextAgent() }, 'context.contextAgents'],
    ['an objectType other than "contextGroup"', { contextGroups: [contextGroup({ objectType: 'Should fail' })] }, 'context.contextGroups[0].objectType'],
    ['an invalid group', { contextGroups: [contextGroup({ group: { key: 'x' } })] }, 'context.contextGroups[0].group'],
    ['an Agent as group', { contextGroups: [contextGroup({ group: makeAgent() })] }, 'context.contextGroups[0].group.objectType'],
    ['empty relevantTypes in a group', { contextGroups: [contextGroup({ relevantTypes: [] })] }, 'context.contextGroups[0].relevantTypes'],
    ['an unknown property', { contextGroups: [contextGroup({ member: [makeAgent()] })] }, 'context.contextGroups[0].member'],
  ])('rejects %s, naming the path, in a statement and in a SubStatement', (_name, context, path) => {
    expect(pathsOf(() => parseStatements(withContext(context), V2))[0]).toMatch(new RegExp(`^statement\\.${escape(path)}`));
    expect(pathsOf(() => parseStatements(inSubStatement(context), V2))[0]).toMatch(new RegExp(`^statement\\.object\\.${escape(path)}`));
  });
});

function escape(path: string): string {
  return path.replace(/[.[\]]/g, (c) => `\\${c}`);
}

describe('version (2.0)', () => {
  it('takes 2.0.x and 1.0.x statements, and only those', () => {
    for (const version of ['2.0.0', '2.0', '2.0.1', '1.0.0', '1.0', '1.0.9']) expect(() => parseStatement(makeStatement({ version }), V2)).not.toThrow();
    for (const version of ['2.1.0', '1.1.0', '0.9.9', '3.0.0', 'should fail']) expect(pathsOf(() => parseStatement(makeStatement({ version }), V2))).toEqual(['statement.version']);
  });

  it('leaves 1.0.3 refusing 2.0.0 statements', () => {
    expect(pathsOf(() => parseStatement(makeStatement({ version: '2.0.0' }), V1))).toEqual(['statement.version']);
  });
});

describe('timestamps (2.0: RFC 3339)', () => {
  it.each(['2008-09-15T15:53:00.601+00:00', '2008-09-15T15:53:00Z', '2008-09-15 15:53:00.6-05:00', '2008-09-15t15:53:00.123456789z', '2016-12-31T23:59:60Z'])(
    'accepts %s',
    (timestamp) => {
      expect(() => parseStatement(makeStatement({ timestamp, stored: timestamp }), V2)).not.toThrow();
    },
  );

  it.each([
    ['no zone offset', '2008-09-15T15:53:00.601'],
    ['an unknown offset (-00:00)', '2008-09-15T15:53:00.601-00:00'],
    ['an offset without colon', '2008-09-15T15:53:00+0530'],
    ['no seconds', '2008-09-15T15:53Z'],
    ['the basic format', '20080915T155300Z'],
    ['an impossible date', '2008-02-30T15:53:00Z'],
    ['a date only', '2008-09-15'],
  ])('rejects %s (%s), in a SubStatement too', (_name, timestamp) => {
    expect(pathsOf(() => parseStatement(makeStatement({ timestamp }), V2))).toEqual(['statement.timestamp']);
    expect(pathsOf(() => parseStatement(makeStatement({ object: makeSubStatement({ timestamp }) }), V2))).toEqual(['statement.object.timestamp']);
  });

  it('leaves 1.0.3 taking ISO 8601 timestamps without a zone', () => {
    expect(() => parseStatement(makeStatement({ timestamp: '2008-09-15T15:53:00.601' }), V1)).not.toThrow();
  });
});

describe('normalizeStatement by version', () => {
  it('stores 2.0 timestamps in UTC, keeping the fraction as sent, in a SubStatement too', () => {
    const statement = parseStatement(makeStatement({ timestamp: '2023-05-04T12:00:00.123456-05:00', object: makeSubStatement({ timestamp: '2023-05-04 19:30:00+02:30' }) }), V2);
    const normalized = normalizeStatement(statement, V2);
    expect(normalized.timestamp).toBe('2023-05-04T17:00:00.123456Z');
    expect((normalized.object as Statement).timestamp).toBe('2023-05-04T17:00:00Z');
  });

  it('changes no timestamp of a 1.0.3 statement', () => {
    const statement = parseStatement(makeStatement({ timestamp: '2023-05-04T12:00:00-05:00' }), V1);
    expect(normalizeStatement(statement, V1).timestamp).toBe('2023-05-04T12:00:00-05:00');
  });
});

describe('toUtcTimestamp', () => {
  it.each([
    ['2023-05-04T17:00:00.5Z', '2023-05-04T17:00:00.5Z'],
    ['2023-05-04T17:00:00+00:00', '2023-05-04T17:00:00Z'],
    ['2023-05-04t17:00:00z', '2023-05-04T17:00:00Z'],
    ['2023-05-05T01:00:00.25+08:00', '2023-05-04T17:00:00.25Z'],
    ['2023-05-04T23:30:00-06:30', '2023-05-05T06:00:00Z'],
    ['2016-12-31T18:59:60-05:00', '2016-12-31T23:59:59.999Z'],
    ['not a timestamp', 'not a timestamp'],
  ])('%s → %s', (input, expected) => {
    expect(toUtcTimestamp(input)).toBe(expected);
  });
});

describe('2.0 context agents and groups in queries and formats', () => {
  const statement = parseStatement(
    makeStatement({
      context: {
        contextAgents: [contextAgent()],
        contextGroups: [contextGroup({ group: { objectType: 'Group', name: 'Team', member: [makeAgent({ mbox: 'mailto:member@example.nl', name: 'Member' })] } })],
      },
    }),
    V2,
  );

  it('are related agents: related_agents finds them and the members of a context group', () => {
    const keys = indexKeysOf(statement);
    for (const mbox of ['mailto:coach@example.nl', 'mailto:member@example.nl']) {
      const { required } = queryKeysOf({ agent: { mbox }, related_agents: true });
      expect(keys).toEqual(expect.arrayContaining(required));
      // ... but not the plain agent filter, which is about actor and object only.
      expect(keys).not.toEqual(expect.arrayContaining(queryKeysOf({ agent: { mbox } }).required));
    }
  });

  it('are reduced to their IFIs by format=ids', () => {
    const ids = formatStatement(statement, 'ids', []) as Statement;
    expect(ids.context?.contextAgents?.[0]).toEqual({ objectType: 'contextAgent', agent: { objectType: 'Agent', mbox: 'mailto:coach@example.nl' }, relevantTypes: ['https://example.nl/xapi/activity-types/coach'] });
    expect(ids.context?.contextGroups?.[0]?.group).toEqual({ objectType: 'Group', member: [{ objectType: 'Agent', mbox: 'mailto:member@example.nl' }] });
  });
});
