import { describe, expect, it } from 'vitest';
import { agentKey, parseAgentParam } from '../../../functions/core/xapi/agents.js';
import { makeAccountAgent, makeAgent, makeGroup, makeIdentifiedGroup } from './fixtures.js';
import { issuesOf } from './helpers.js';

describe('agentKey', () => {
  it.each([
    [{ mbox: 'mailto:ann@example.nl' }, 'mbox:mailto:ann@example.nl'],
    [{ mbox: 'mailto:Ann.Smit@Example.NL' }, 'mbox:mailto:Ann.Smit@example.nl'],
    [{ mbox_sha1sum: 'CD9B00A5611F94EAA7B1661EDAB976068E364975' }, 'mbox_sha1sum:cd9b00a5611f94eaa7b1661edab976068e364975'],
    [{ openid: 'http://openid.example.org/12345' }, 'openid:http://openid.example.org/12345'],
    [{ account: { homePage: 'https://lms.example.nl', name: 'u-123' } }, 'account:https://lms.example.nl|u-123'],
  ])('keys %j as %s', (agent, key) => {
    expect(agentKey(agent)).toBe(key);
  });

  it('ignores name and objectType, so the same person gets the same key', () => {
    expect(agentKey(makeAgent({ name: 'Ann' }))).toBe(agentKey({ mbox: 'mailto:ann@example.nl' }));
  });

  it('keys an identified Group by its own IFI, not by its members', () => {
    expect(agentKey(makeIdentifiedGroup())).toBe('mbox:mailto:coaches@example.nl');
  });

  it('has no key for an anonymous Group', () => {
    expect(agentKey(makeGroup())).toBeUndefined();
  });
});

describe('parseAgentParam', () => {
  it('parses an Agent, with or without objectType', () => {
    expect(parseAgentParam(JSON.stringify(makeAccountAgent()))).toEqual(makeAccountAgent());
    expect(parseAgentParam('{"mbox":"mailto:ann@example.nl"}')).toEqual({ mbox: 'mailto:ann@example.nl' });
  });

  it('parses an identified Group', () => {
    expect(parseAgentParam(JSON.stringify(makeIdentifiedGroup()))).toEqual(makeIdentifiedGroup());
  });

  it.each([
    ['not JSON', 'wrong', 'query.agent', 'is not valid JSON'],
    ['a JSON string', '"mailto:ann@example.nl"', 'query.agent', 'must be an object'],
    ['an anonymous Group', JSON.stringify(makeGroup()), 'query.agent', 'exactly one of mbox'],
    ['an Agent without IFI', '{"name":"Ann"}', 'query.agent', 'exactly one of mbox'],
    ['an Agent with two IFIs', '{"mbox":"mailto:a@b.nl","openid":"http://o.example/1"}', 'query.agent', 'has mbox and openid'],
    ['a bad mbox', '{"mbox":"ann@example.nl"}', 'query.agent.mbox', 'must start with "mailto:"'],
    ['a miscased objectType', '{"objectType":"agent","mbox":"mailto:a@b.nl"}', 'query.agent.objectType', 'objectType must be one of'],
    ['an unknown property', '{"mbox":"mailto:a@b.nl","email":"a@b.nl"}', 'query.agent.email', 'is not a property'],
  ])('rejects %s with a 400 naming the problem', (_name, json, path, message) => {
    const issues = issuesOf(() => parseAgentParam(json));
    expect(issues[0]).toEqual({ path, message: expect.stringContaining(message) });
  });

  it('reports under the path it is given', () => {
    expect(issuesOf(() => parseAgentParam('wrong', 'agent'))[0]?.path).toBe('agent');
  });
});
