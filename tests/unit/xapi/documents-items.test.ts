/**
 * The DynamoDB mapping of documents and activity definitions (pure functions of the adapter): keys
 * within DynamoDB's limits and never ambiguous, conditions as expressions, definitions flattened
 * into attributes and back.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { documentItemKey, documentSetQuery, itemBytes, toDocumentItem } from '../../../functions/adapters/dynamodb/document-items.js';
import { conditionExpression } from '../../../functions/adapters/dynamodb/document-store.js';
import { activityDefinitionKey, definitionAttributes, toActivityDefinition } from '../../../functions/adapters/dynamodb/activity-definition-items.js';
import { mergeActivityDefinitions } from '../../../functions/core/xapi/documents/activity-definitions.js';
import type { ActivityDefinition } from '../../../functions/core/xapi/statement-schema.js';

const ACTIVITY = 'https://introductie-pg.nl/xapi/activities/werkmoment-1';
const AGENT = 'account:https://lms.nl|c|1';
const REGISTRATION = 'ec531277-b57b-4c15-8d91-d292c5b2b8f7';

describe('document keys', () => {
  it('are readable for ordinary ids', () => {
    expect(documentItemKey({ resource: 'state', activityId: ACTIVITY, agent: AGENT, registration: null, id: 'bookmark' })).toEqual({
      pk: `STATE#${ACTIVITY}|${AGENT}`,
      sk: '-|bookmark',
    });
    expect(documentItemKey({ resource: 'state', activityId: ACTIVITY, agent: AGENT, registration: REGISTRATION, id: 'b' }).sk).toBe(`${REGISTRATION}|b`);
    expect(documentItemKey({ resource: 'activityProfile', activityId: ACTIVITY, id: 'p' })).toEqual({ pk: `ACTIVITY#${ACTIVITY}`, sk: 'PROFILE|p' });
    expect(documentItemKey({ resource: 'agentProfile', agent: AGENT, id: 'p' })).toEqual({ pk: `AGENT#${AGENT}`, sk: 'PROFILE|p' });
    expect(activityDefinitionKey(ACTIVITY)).toEqual({ pk: `ACTIVITY#${ACTIVITY}`, sk: 'DEFINITION' });
  });

  it('hash values too long for DynamoDB under prefixes of their own', () => {
    const longActivity = `https://a.nl/${'x'.repeat(3000)}`;
    const key = documentItemKey({ resource: 'state', activityId: longActivity, agent: AGENT, registration: null, id: 'y'.repeat(2000) });
    expect(key.pk).toMatch(/^STATEH#[0-9a-f]{64}$/);
    expect(key.sk).toMatch(/^-#[0-9a-f]{64}$/);
    expect(documentItemKey({ resource: 'activityProfile', activityId: longActivity, id: 'p' }).pk).toMatch(/^ACTIVITYH#[0-9a-f]{64}$/);
  });

  it('the set of a registration matches its documents only; without registration the whole context', () => {
    const set = documentSetQuery({ resource: 'state', activityId: ACTIVITY, agent: AGENT, registration: REGISTRATION });
    const own = documentItemKey({ resource: 'state', activityId: ACTIVITY, agent: AGENT, registration: REGISTRATION, id: 'a' });
    const none = documentItemKey({ resource: 'state', activityId: ACTIVITY, agent: AGENT, registration: null, id: `${REGISTRATION}|a` });
    expect(set.pk).toBe(own.pk);
    expect(own.sk.startsWith(set.skPrefix!)).toBe(true);
    expect(none.sk.startsWith(set.skPrefix!)).toBe(false);
    expect(documentSetQuery({ resource: 'state', activityId: ACTIVITY, agent: AGENT }).skPrefix).toBeUndefined();
    // Profiles and the definition share the Activity's partition; the profile prefix leaves the definition out.
    expect('DEFINITION'.startsWith(documentSetQuery({ resource: 'activityProfile', activityId: ACTIVITY }).skPrefix!)).toBe(false);
  });

  it('never maps two different documents to one key', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (a1, a2, id1, id2) => {
        fc.pre(a1 !== a2 || id1 !== id2);
        const k1 = documentItemKey({ resource: 'agentProfile', agent: a1, id: id1 });
        const k2 = documentItemKey({ resource: 'agentProfile', agent: a2, id: id2 });
        expect(`${k1.pk}\u0000${k1.sk}`).not.toBe(`${k2.pk}\u0000${k2.sk}`);
      }),
    );
  });

  it('counts an item as DynamoDB does: names plus values, binary raw', () => {
    const item = toDocumentItem(
      { resource: 'activityProfile', activityId: ACTIVITY, id: 'p' },
      { contentType: 'text/plain', content: new Uint8Array(1000), etag: 'e', updated: '2024-05-01T12:00:00.000Z' },
    );
    expect(itemBytes(item)).toBeGreaterThan(1000);
    expect(itemBytes(item)).toBeLessThan(1300);
  });
});

describe('condition expressions', () => {
  it('none: an unconditional write', () => {
    expect(conditionExpression([])).toEqual({});
  });

  it('joins the conditions with AND, with a placeholder per ETag', () => {
    expect(conditionExpression([{ kind: 'etagIn', etags: ['aa', 'bb'] }, { kind: 'absentOrEtagNotIn', etags: ['cc'] }])).toEqual({
      ConditionExpression: '#etag IN (:etag0, :etag1) AND (attribute_not_exists(#pk) OR NOT (#etag IN (:etag2)))',
      ExpressionAttributeNames: { '#etag': 'etag', '#pk': 'pk' },
      ExpressionAttributeValues: { ':etag0': 'aa', ':etag1': 'bb', ':etag2': 'cc' },
    });
    expect(conditionExpression([{ kind: 'absent' }])).toEqual({ ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': 'pk' } });
  });
});

describe('activity definition attributes', () => {
  const definition: ActivityDefinition = {
    name: { 'en-US': 'meeting', 'nl-NL': 'bijeenkomst' },
    description: { 'en-US': 'a meeting' },
    type: 'http://adlnet.gov/expapi/activities/meeting',
    moreInfo: 'http://a.nl/info',
    interactionType: 'choice',
    correctResponsesPattern: ['a[,]b'],
    choices: [{ id: 'a', description: { 'en-US': 'A' } }],
    extensions: { 'http://a.nl/ext/location': 'X:\\meetings', 'http://a.nl/ext.reporter': { name: 'Thomas', n: 1.5 } },
  };

  it('flatten one attribute per language, per extension and per other property, and read back', () => {
    const attributes = definitionAttributes(definition);
    expect([...attributes.keys()]).toEqual(
      expect.arrayContaining(['def.name.en-US', 'def.name.nl-NL', 'def.extensions.http://a.nl/ext.reporter', 'def.type', 'def.choices']),
    );
    expect(toActivityDefinition({ pk: 'x', sk: 'DEFINITION', ...Object.fromEntries(attributes) })).toEqual(definition);
    expect(toActivityDefinition({ pk: 'x', sk: 'DEFINITION', activityId: ACTIVITY })).toBeUndefined();
  });

  it('setting a newer definition over the stored attributes is the canonical merge', () => {
    const newer: ActivityDefinition = { name: { 'fr-FR': 'réunion' }, type: 'http://a.nl/other', extensions: { 'http://a.nl/ext/location': 'Y:' } };
    const item = { ...Object.fromEntries(definitionAttributes(definition)), ...Object.fromEntries(definitionAttributes(newer)) };
    expect(toActivityDefinition(item)).toEqual(mergeActivityDefinitions(definition, newer));
  });
});
