import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentKey } from '../../../functions/core/xapi/agents.js';
import { chooseDrivingKey, indexKeysOf, queryKeysOf } from '../../../functions/core/xapi/index-keys.js';
import { normalizeStatement, parseStatement, type Statement } from '../../../functions/core/xapi/statement-schema.js';
import { statement as anyStatement } from './arbitraries.js';
import {
  COURSE_ID,
  makeAccountAgent,
  makeActivity,
  makeAgent,
  makeGroup,
  makeIdentifiedGroup,
  makeStatement,
  makeStatementRef,
  makeSubStatement,
  REGISTRATION,
} from './fixtures.js';

const keysOf = (overrides: Record<string, unknown>) => indexKeysOf(parseStatement(makeStatement(overrides)));

const ANN = 'mbox:mailto:ann@example.nl';
const BOB = 'mbox:mailto:bob@example.nl';
const COACH = 'mbox:mailto:coach@example.nl';
const COMPLETED = 'verb|http://adlnet.gov/expapi/verbs/completed';

describe('indexKeysOf', () => {
  it('indexes the course hot path: one participant in one enrolment', () => {
    expect(keysOf({ context: { registration: REGISTRATION.toUpperCase() } }).sort()).toEqual(
      [
        `agent|${ANN}`,
        `ragent|${ANN}`,
        COMPLETED,
        `activity|${COURSE_ID}`,
        `ractivity|${COURSE_ID}`,
        `registration|${REGISTRATION}`,
        `agentreg|${ANN}|${REGISTRATION}`,
      ].sort(),
    );
  });

  it('indexes the members of a Group actor under agent, since the agent filter matches them', () => {
    const keys = keysOf({ actor: makeGroup(), context: { registration: REGISTRATION } });
    expect(keys).toEqual(expect.arrayContaining([`agent|${ANN}`, `agent|${BOB}`, `agentreg|${BOB}|${REGISTRATION}`]));
    expect(keys.filter((key) => key.startsWith('agent|'))).toHaveLength(2);
  });

  it('indexes an identified Group under its own key and its members', () => {
    const keys = keysOf({ actor: makeIdentifiedGroup() });
    expect(keys).toEqual(expect.arrayContaining(['agent|mbox:mailto:coaches@example.nl', `agent|${ANN}`]));
  });

  it('indexes an Agent object under agent and not under activity', () => {
    const keys = keysOf({ object: makeAgent({ mbox: 'mailto:bob@example.nl' }) });
    expect(keys).toEqual(expect.arrayContaining([`agent|${ANN}`, `agent|${BOB}`, `ragent|${BOB}`]));
    expect(keys.some((key) => key.startsWith('activity|') || key.startsWith('ractivity|'))).toBe(false);
  });

  it('indexes instructor, team and authority only as related agents', () => {
    const keys = keysOf({
      context: { instructor: makeAgent({ mbox: 'mailto:coach@example.nl' }), team: makeGroup({ member: [makeAgent({ mbox: 'mailto:bob@example.nl' })] }) },
      authority: { objectType: 'Group', member: [makeAccountAgent(), makeAgent({ mbox: 'mailto:bob@example.nl' })] },
    });
    expect(keys).toEqual(expect.arrayContaining([`ragent|${COACH}`, `ragent|${BOB}`, 'ragent|account:https://lms.example.nl|u-123', `authority|${BOB}`]));
    expect(keys).not.toContain(`agent|${COACH}`);
    expect(keys).not.toContain(`agent|${BOB}`);
  });

  it('indexes context activities only as related activities, single or in an array', () => {
    const keys = keysOf({
      context: { contextActivities: { parent: makeActivity({ id: 'https://x.example/parent' }), category: [makeActivity({ id: 'https://x.example/cat' })] } },
    });
    expect(keys).toEqual(expect.arrayContaining(['ractivity|https://x.example/parent', 'ractivity|https://x.example/cat']));
    expect(keys).not.toContain('activity|https://x.example/parent');
  });

  it('indexes what a SubStatement mentions as related only', () => {
    const keys = keysOf({
      object: makeSubStatement({
        actor: makeAgent({ mbox: 'mailto:bob@example.nl' }),
        context: { instructor: makeAgent({ mbox: 'mailto:coach@example.nl' }), contextActivities: { other: [makeActivity({ id: 'https://x.example/o' })] } },
      }),
    });
    expect(keys).toEqual(expect.arrayContaining([`ragent|${BOB}`, `ragent|${COACH}`, 'ractivity|https://lms.example.nl/xapi/activities/sub', 'ractivity|https://x.example/o']));
    expect(keys).not.toContain(`agent|${BOB}`);
    expect(keys).not.toContain('activity|https://lms.example.nl/xapi/activities/sub');
  });

  it('gives a StatementRef object no activity key', () => {
    const keys = keysOf({ object: makeStatementRef() });
    expect(keys.some((key) => key.includes('activity|'))).toBe(false);
  });

  it('has no registration keys without a registration', () => {
    expect(keysOf({}).some((key) => key.startsWith('registration|') || key.startsWith('agentreg|'))).toBe(false);
  });

  it('lists each key once', () => {
    const keys = keysOf({ context: { instructor: makeAgent() }, authority: makeAgent() });
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((key) => key === `ragent|${ANN}`)).toHaveLength(1);
  });
});

describe('queryKeysOf', () => {
  const agent = { mbox: 'mailto:Ann@Example.NL' };

  it('uses the direct keys by default and adds the enrolment key for agent + registration', () => {
    expect(queryKeysOf({ agent, registration: REGISTRATION.toUpperCase(), verb: 'http://v.example/x', activity: COURSE_ID }).required).toEqual([
      'agent|mbox:mailto:Ann@example.nl',
      `activity|${COURSE_ID}`,
      'verb|http://v.example/x',
      `registration|${REGISTRATION}`,
      `agentreg|mbox:mailto:Ann@example.nl|${REGISTRATION}`,
    ]);
  });

  it('uses the related keys for related_agents and related_activities', () => {
    expect(queryKeysOf({ agent, activity: COURSE_ID, registration: REGISTRATION, related_agents: true, related_activities: true }).required).toEqual([
      'ragent|mbox:mailto:Ann@example.nl',
      `ractivity|${COURSE_ID}`,
      `registration|${REGISTRATION}`,
    ]);
  });

  it('requires nothing without filters', () => {
    expect(queryKeysOf({}).required).toEqual([]);
  });
});

describe('chooseDrivingKey', () => {
  it.each([
    [['verb|v', 'ragent|a', 'ractivity|x', 'agent|a', 'activity|x', 'registration|r', 'agentreg|a|r'], 'agentreg|a|r'],
    [['verb|v', 'agent|a', 'registration|r'], 'registration|r'],
    [['verb|v', 'agent|a', 'activity|x'], 'activity|x'],
    [['verb|v', 'ractivity|x', 'agent|a'], 'agent|a'],
    [['verb|v', 'ragent|a', 'ractivity|x'], 'ractivity|x'],
    [['verb|v', 'ragent|a'], 'ragent|a'],
    [['verb|v'], 'verb|v'],
    [[], 'all'],
  ])('picks the most selective of %j', (required, expected) => {
    expect(chooseDrivingKey(required)).toBe(expected);
  });
});

describe('index and query keys agree', () => {
  function hasIdentifiedActor(statement: Statement): boolean {
    return agentKey(statement.actor) !== undefined;
  }

  it('a statement carries every key a query built from its own actor, verb, object and registration requires', () => {
    fc.assert(
      fc.property(anyStatement, fc.boolean(), fc.boolean(), (input, relatedAgents, relatedActivities) => {
        const statement = normalizeStatement(parseStatement(input));
        fc.pre(hasIdentifiedActor(statement));
        const object = statement.object;
        const activity = object.objectType === undefined || object.objectType === 'Activity' ? object.id : undefined;
        const { required } = queryKeysOf({
          agent: statement.actor,
          verb: statement.verb.id,
          activity,
          registration: statement.context?.registration,
          related_agents: relatedAgents,
          related_activities: relatedActivities,
        });
        const keys = new Set(indexKeysOf(statement));
        expect(required.filter((key) => !keys.has(key))).toEqual([]);
        expect(keys.has(chooseDrivingKey(required))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('every direct agent or activity key also has its related twin', () => {
    fc.assert(
      fc.property(anyStatement, (input) => {
        const keys = indexKeysOf(parseStatement(input));
        for (const key of keys) {
          if (key.startsWith('agent|')) expect(keys).toContain(`r${key}`);
          if (key.startsWith('activity|')) expect(keys).toContain(`r${key}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
