import { describe, expect, it } from 'vitest';
import { parseStatementQuery } from '../../../functions/core/xapi/query-params.js';
import { REGISTRATION } from './fixtures.js';
import { issuesOf, validationErrorOf } from './helpers.js';

const ID = '3f1f4a2e-5b7c-4d8e-9f01-23456789abcd';
const AGENT = JSON.stringify({ objectType: 'Agent', name: 'xAPI mbox', mbox: 'mailto:xapi@adlnet.gov' });

describe('parseStatementQuery', () => {
  it('fills in the defaults of the spec', () => {
    expect(parseStatementQuery({})).toEqual({
      related_activities: false,
      related_agents: false,
      limit: 0,
      format: 'exact',
      attachments: false,
      ascending: false,
    });
  });

  it('parses every filter', () => {
    const query = parseStatementQuery({
      agent: AGENT,
      verb: 'http://adlnet.gov/expapi/verbs/attended',
      activity: 'http://www.example.com/meetings/occurances/34534',
      registration: REGISTRATION,
      related_activities: 'true',
      related_agents: 'false',
      since: '2012-06-01T19:09:13.245Z',
      until: '2012-06-01T21:09:13.245+02:00',
      limit: '10',
      format: 'canonical',
      attachments: 'true',
      ascending: 'true',
    });
    expect(query).toEqual({
      agent: { objectType: 'Agent', name: 'xAPI mbox', mbox: 'mailto:xapi@adlnet.gov' },
      verb: 'http://adlnet.gov/expapi/verbs/attended',
      activity: 'http://www.example.com/meetings/occurances/34534',
      registration: REGISTRATION,
      related_activities: true,
      related_agents: false,
      since: '2012-06-01T19:09:13.245Z',
      until: '2012-06-01T19:09:13.245Z',
      limit: 10,
      format: 'canonical',
      attachments: true,
      ascending: true,
    });
  });

  it('reads a timestamp without zone as UTC', () => {
    expect(parseStatementQuery({ since: '2012-06-01T19:09:13' }).since).toBe('2012-06-01T19:09:13.000Z');
  });

  it('ignores parameters whose value is undefined', () => {
    expect(parseStatementQuery({ verb: undefined, statementId: ID, limit: undefined }).statementId).toBe(ID);
  });

  it('accepts statementId or voidedStatementId with format and attachments (XAPI-00150, XAPI-00151)', () => {
    expect(parseStatementQuery({ statementId: ID, format: 'ids', attachments: 'true' })).toMatchObject({ statementId: ID, format: 'ids', attachments: true });
    expect(parseStatementQuery({ voidedStatementId: ID, format: 'exact' })).toMatchObject({ voidedStatementId: ID });
  });

  it.each(['agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents', 'since', 'until', 'limit', 'ascending'])(
    'rejects statementId and voidedStatementId together with %s',
    (name) => {
      const value = name === 'agent' ? AGENT : 'x';
      expect(issuesOf(() => parseStatementQuery({ statementId: ID, [name]: value }))).toEqual([{ path: `query.${name}`, message: 'cannot be combined with statementId' }]);
      expect(issuesOf(() => parseStatementQuery({ voidedStatementId: ID, [name]: value }))[0]?.path).toBe(`query.${name}`);
    },
  );

  it('rejects statementId together with voidedStatementId', () => {
    expect(issuesOf(() => parseStatementQuery({ statementId: ID, voidedStatementId: ID }))[0]?.path).toBe('query.voidedStatementId');
  });

  it.each(['foo', 'StatementId', 'VoidedStatementId', 'Agent', 'Verb', 'Activity', 'Registration', 'Related_Activities', 'Related_Agents', 'Since', 'Until', 'Limit', 'Format', 'Attachments', 'Ascending'])(
    'rejects the unknown or miscased parameter %s, naming it (XAPI-00324, XAPI-00325)',
    (name) => {
      const error = validationErrorOf(() => parseStatementQuery({ [name]: 'x' }));
      expect(error.message).toContain(`"${name}"`);
      expect(error.issues).toEqual([{ path: `query.${name}`, message: expect.stringContaining('case-sensitive') }]);
    },
  );

  it.each([
    ['statementId', 'wrong'],
    ['voidedStatementId', 'wrong'],
    ['agent', 'wrong'],
    ['verb', 'not.a.valid.iri.com/verb'],
    ['activity', 'not.a.valid.iri.com/activity'],
    ['registration', 'wrong'],
    ['since', 'not a timestamp'],
    ['until', '2012-06-01T19:09:13.245-00:00'],
    ['limit', '-1'],
    ['limit', '1.5'],
    ['limit', 'ten'],
    ['format', 'IDS'],
    ['ascending', 'TRUE'],
    ['attachments', '1'],
    ['related_agents', 'yes'],
    ['more', ''],
  ])('rejects %s=%s like the same type in a statement (XAPI-00012)', (name, value) => {
    expect(issuesOf(() => parseStatementQuery({ [name]: value }))[0]?.path).toBe(`query.${name}`);
  });

  it('points into the agent JSON', () => {
    expect(issuesOf(() => parseStatementQuery({ agent: '{"mbox":"xapi@adlnet.gov"}' }))).toEqual([{ path: 'query.agent.mbox', message: 'must start with "mailto:"' }]);
  });

  it('reports every bad value at once', () => {
    expect(issuesOf(() => parseStatementQuery({ verb: 'x', limit: 'y', format: 'z' })).map((issue) => issue.path)).toEqual(['query.verb', 'query.limit', 'query.format']);
  });

  it('keeps the more cursor as an opaque string', () => {
    expect(parseStatementQuery({ more: 'eyJhZnRlciI6IjEifQ' }).more).toBe('eyJhZnRlciI6IjEifQ');
  });
});
