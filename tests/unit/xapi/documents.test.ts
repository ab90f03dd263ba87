/**
 * The pure rules of the document resources and of the Activities and Agents resources: parameters,
 * ETags and preconditions, the JSON merge, the size limit, canonical activity definitions, Person.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PayloadTooLargeError } from '../../../functions/core/errors.js';
import { parseActivityParams, parseAgentsParams, parseDocumentParams } from '../../../functions/core/xapi/documents/document-params.js';
import {
  etagOf,
  parsePreconditions,
  preconditionsHold,
  quoteEtag,
  writeConditionsFor,
} from '../../../functions/core/xapi/documents/preconditions.js';
import { assertPostableJson, isJsonContentType, mergeJsonDocuments } from '../../../functions/core/xapi/documents/json-documents.js';
import { assertDocumentSize, MAX_DOCUMENT_BYTES } from '../../../functions/core/xapi/documents/limits.js';
import { activityDefinitionsOf, activityObject, mergeActivityDefinitions } from '../../../functions/core/xapi/documents/activity-definitions.js';
import { personOf } from '../../../functions/core/xapi/documents/person.js';
import type { StatementJson } from '../../../functions/core/xapi/statement-store.js';
import { REGISTRATION } from './fixtures.js';
import { issuesOf, pathsOf, validationErrorOf } from './helpers.js';

const ACTIVITY = 'https://introductie-pg.nl/xapi/activities/werkmoment-1';
const AGENT = { objectType: 'Agent', mbox: 'mailto:Carla@Voorbeeld.NL' };
const AGENT_KEY = 'mbox:mailto:Carla@voorbeeld.nl';
const stateQuery = (overrides: Record<string, string | undefined> = {}): Record<string, string> =>
  Object.fromEntries(
    Object.entries({ activityId: ACTIVITY, agent: JSON.stringify(AGENT), stateId: 'bookmark', ...overrides }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
const json = (value: unknown) => ({ contentType: 'application/json', content: Buffer.from(JSON.stringify(value)) });

describe('document parameters', () => {
  it('reads one state document: the agent by its IFI, no registration as null', () => {
    expect(parseDocumentParams('state', 'GET', stateQuery())).toEqual({
      kind: 'one',
      key: { resource: 'state', activityId: ACTIVITY, agent: AGENT_KEY, registration: null, id: 'bookmark' },
    });
  });

  it('lowercases the registration', () => {
    const target = parseDocumentParams('state', 'PUT', stateQuery({ registration: REGISTRATION.toUpperCase() }));
    expect(target).toMatchObject({ kind: 'one', key: { registration: REGISTRATION } });
  });

  it('without stateId, GET lists the context (every registration unless one is given) and normalizes since', () => {
    expect(parseDocumentParams('state', 'GET', stateQuery({ stateId: undefined, since: '2024-05-01T14:30:00+02:00' }))).toEqual({
      kind: 'set',
      set: { resource: 'state', activityId: ACTIVITY, agent: AGENT_KEY },
      since: '2024-05-01T12:30:00.000Z',
    });
    expect(parseDocumentParams('state', 'DELETE', stateQuery({ stateId: undefined, registration: REGISTRATION }))).toEqual({
      kind: 'set',
      set: { resource: 'state', activityId: ACTIVITY, agent: AGENT_KEY, registration: REGISTRATION },
    });
  });

  it.each(['PUT', 'POST'] as const)('%s needs the stateId', (method) => {
    expect(pathsOf(() => parseDocumentParams('state', method, stateQuery({ stateId: undefined })))).toEqual(['query.stateId']);
  });

  it('profiles: DELETE needs the profileId (there is no delete-all), GET without it lists', () => {
    expect(pathsOf(() => parseDocumentParams('activityProfile', 'DELETE', { activityId: ACTIVITY }))).toEqual(['query.profileId']);
    expect(parseDocumentParams('activityProfile', 'GET', { activityId: ACTIVITY })).toEqual({ kind: 'set', set: { resource: 'activityProfile', activityId: ACTIVITY } });
    expect(parseDocumentParams('agentProfile', 'PUT', { agent: JSON.stringify(AGENT), profileId: 'p' })).toEqual({
      kind: 'one',
      key: { resource: 'agentProfile', agent: AGENT_KEY, id: 'p' },
    });
  });

  it.each([
    ['missing activityId', stateQuery({ activityId: undefined }), 'query.activityId', /activityId/],
    ['activityId not an IRI', stateQuery({ activityId: 'werkmoment-1' }), 'query.activityId', /IRI/],
    ['missing agent', stateQuery({ agent: undefined }), 'query.agent', /agent/],
    ['agent not JSON', stateQuery({ agent: 'not JSON' }), 'query.agent', /JSON/],
    ['agent JSON but not an object', stateQuery({ agent: 'true' }), 'query.agent', /agent/],
    ['agent without IFI', stateQuery({ agent: '{"name":"Carla"}' }), 'query.agent', /exactly one/],
    ['agent with two IFIs', stateQuery({ agent: '{"mbox":"mailto:a@b.nl","openid":"http://id.nl/a"}' }), 'query.agent', /exactly one/],
    ['a Group as agent', stateQuery({ agent: '{"objectType":"Group","mbox":"mailto:team@b.nl"}' }), 'query.agent.objectType', /Agent/],
    ['registration not a UUID', stateQuery({ registration: 'true' }), 'query.registration', /UUID/],
    ['unknown parameter', stateQuery({ stateid: 'x' }), 'query.stateid', /Unknown query parameter "stateid"/],
    ['since with stateId', stateQuery({ since: '2024-05-01T12:00:00Z' }), 'query.since', /since/],
  ])('400 for %s, naming the parameter', (_name, query, path, message) => {
    const error = validationErrorOf(() => parseDocumentParams('state', 'GET', query));
    expect(error.issues.map((issue) => issue.path)).toContain(path);
    expect(`${error.message} ${JSON.stringify(error.issues)}`).toMatch(message);
  });

  it('400 for since that is not a timestamp', () => {
    expect(pathsOf(() => parseDocumentParams('agentProfile', 'GET', { agent: JSON.stringify(AGENT), since: 'yesterday' }))).toEqual(['query.since']);
  });

  it('400 for since on a write (only GET lists)', () => {
    expect(issuesOf(() => parseDocumentParams('state', 'DELETE', stateQuery({ stateId: undefined, since: '2024-05-01T12:00:00Z' })))[0]!.path).toBe('query.since');
  });

  it('the Activities and Agents resources take exactly their one parameter', () => {
    expect(parseActivityParams({ activityId: ACTIVITY })).toEqual({ activityId: ACTIVITY });
    expect(pathsOf(() => parseActivityParams({}))).toEqual(['query.activityId']);
    expect(pathsOf(() => parseActivityParams({ activityId: ACTIVITY, agent: '{}' }))).toEqual(['query.agent']);
    expect(parseAgentsParams({ agent: JSON.stringify(AGENT) })).toEqual({ agent: AGENT });
    expect(pathsOf(() => parseAgentsParams({ agent: '{"objectType":"Agent"}' }))).toEqual(['query.agent']);
  });
});

describe('ETags and preconditions', () => {
  it('the ETag is the lowercase hex SHA-1 of the bytes, sent in quotes', () => {
    expect(etagOf(Buffer.from('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(quoteEtag('a9993e')).toBe('"a9993e"');
  });

  it('parses *, quoted lists, bare tags; drops weak tags from If-Match only', () => {
    expect(parsePreconditions({ ifMatch: '*' })).toEqual({ ifMatch: '*' });
    expect(parsePreconditions({ ifMatch: '"AB12", W/"cd34" , ef56' })).toEqual({ ifMatch: ['ab12', 'ef56'] });
    expect(parsePreconditions({ ifNoneMatch: 'W/"cd34"' })).toEqual({ ifNoneMatch: ['cd34'] });
    expect(parsePreconditions({})).toEqual({});
  });

  it('400 for a malformed header', () => {
    expect(pathsOf(() => parsePreconditions({ ifMatch: '"unterminated' }))).toEqual(['headers.if-match']);
  });

  it.each([
    [{ ifMatch: '*' as const }, undefined, false],
    [{ ifMatch: '*' as const }, 'aa', true],
    [{ ifMatch: ['aa'] }, 'aa', true],
    [{ ifMatch: ['aa'] }, 'bb', false],
    [{ ifMatch: ['aa'] }, undefined, false],
    [{ ifNoneMatch: '*' as const }, undefined, true],
    [{ ifNoneMatch: '*' as const }, 'aa', false],
    [{ ifNoneMatch: ['aa'] }, 'bb', true],
    [{ ifNoneMatch: ['aa'] }, 'aa', false],
    [{}, 'aa', true],
  ])('%j with stored etag %s holds: %s', (preconditions, etag, expected) => {
    expect(preconditionsHold(preconditions, etag === undefined ? undefined : { etag })).toBe(expected);
  });

  it('become write conditions; an If-Match of only weak tags can never hold', () => {
    expect(writeConditionsFor({ ifMatch: ['aa'], ifNoneMatch: '*' })).toEqual([{ kind: 'etagIn', etags: ['aa'] }, { kind: 'absent' }]);
    expect(writeConditionsFor({ ifMatch: '*' })).toEqual([{ kind: 'present' }]);
    expect(writeConditionsFor({ ifNoneMatch: ['aa'] })).toEqual([{ kind: 'absentOrEtagNotIn', etags: ['aa'] }]);
    expect(writeConditionsFor(parsePreconditions({ ifMatch: 'W/"aa"' }))).toBe('never');
    expect(writeConditionsFor({})).toEqual([]);
  });
});

describe('JSON merge', () => {
  it('sets each top-level property of the posted Object; nested Objects are replaced whole', () => {
    const merged = mergeJsonDocuments(json({ x: 'foo', y: 'bar', car: { make: 'Ford', model: 'Escape' } }), json({ x: 'bash', z: 'faz', car: { make: 'Dodge' } }));
    expect(merged.contentType).toBe('application/json');
    expect(JSON.parse(Buffer.from(merged.content).toString())).toEqual({ x: 'bash', y: 'bar', z: 'faz', car: { make: 'Dodge' } });
  });

  it('is {...stored, ...posted} for any JSON Objects', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()), (stored, posted) => {
        const merged = JSON.parse(Buffer.from(mergeJsonDocuments(json(stored), json(posted)).content).toString()) as unknown;
        expect(merged).toEqual(JSON.parse(JSON.stringify({ ...stored, ...posted })));
      }),
    );
  });

  it('accepts application/json with parameters and any case', () => {
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/jsonx')).toBe(false);
  });

  it.each([
    ['the posted document is not JSON', json({ a: 1 }), { contentType: 'text/plain', content: Buffer.from('abc') }, /this request sent of type "text\/plain"/],
    ['the posted JSON is an array', json({ a: 1 }), json([1, 2]), /not a JSON Object/],
    ['the stored document is not JSON', { contentType: 'application/octet-stream', content: Buffer.from('/ asdf') }, json({ a: 1 }), /stored document is of type/],
    ['the stored JSON is no Object', { contentType: 'application/json', content: Buffer.from('"text"') }, json({ a: 1 }), /stored document is application\/json but not a JSON Object/],
  ])('400 when %s', (_name, stored, posted, message) => {
    expect(validationErrorOf(() => mergeJsonDocuments(stored, posted)).message).toMatch(message);
  });

  it('a POST with content type application/json must hold a JSON Object even when nothing is stored', () => {
    expect(() => assertPostableJson({ contentType: 'application/json', content: Buffer.from('{"a":1}[') })).toThrow(/not a JSON Object/);
    expect(() => assertPostableJson({ contentType: 'text/plain', content: Buffer.from('{') })).not.toThrow();
  });
});

describe('document size', () => {
  it(`accepts ${MAX_DOCUMENT_BYTES} bytes and refuses one more with a 413 that says the limit`, () => {
    expect(() => assertDocumentSize(new Uint8Array(MAX_DOCUMENT_BYTES))).not.toThrow();
    try {
      assertDocumentSize(new Uint8Array(MAX_DOCUMENT_BYTES + 1));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PayloadTooLargeError);
      expect((error as Error).message).toContain('384 KB');
    }
  });
});

describe('canonical activity definitions', () => {
  const statement = (body: Record<string, unknown>, stored = '2024-05-01T12:00:00.000Z'): StatementJson => ({ id: crypto.randomUUID(), stored, ...body });

  it('merges language maps and extensions key by key; other properties: the newer wins', () => {
    expect(
      mergeActivityDefinitions(
        { name: { 'en-US': 'meeting' }, type: 'http://a.nl/t1', moreInfo: 'http://a.nl/info', extensions: { 'http://a.nl/x': 1 } },
        { name: { 'fr-FR': 'réunion' }, type: 'http://a.nl/t2', extensions: { 'http://a.nl/y': 2 } },
      ),
    ).toEqual({
      name: { 'en-US': 'meeting', 'fr-FR': 'réunion' },
      type: 'http://a.nl/t2',
      moreInfo: 'http://a.nl/info',
      extensions: { 'http://a.nl/x': 1, 'http://a.nl/y': 2 },
    });
  });

  it('collects the object, context activities and a SubStatement, folding a batch in order', () => {
    const definitions = activityDefinitionsOf([
      statement({ object: { id: ACTIVITY, definition: { name: { 'nl-NL': 'Werkmoment 1' } } } }),
      statement({
        object: { objectType: 'SubStatement', object: { objectType: 'Activity', id: 'http://a.nl/sub', definition: { type: 'http://a.nl/type' } } },
        context: { contextActivities: { parent: [{ id: 'http://a.nl/course', definition: { name: { 'nl-NL': 'Cursus' } } }] } },
      }),
      statement({ object: { id: ACTIVITY, definition: { name: { 'en-US': 'Work moment 1' } } } }),
      statement({ object: { objectType: 'Agent', mbox: 'mailto:a@b.nl' } }),
      statement({ object: { id: 'http://a.nl/bare' } }),
    ]);
    expect(Object.fromEntries(definitions)).toEqual({
      [ACTIVITY]: { name: { 'nl-NL': 'Werkmoment 1', 'en-US': 'Work moment 1' } },
      'http://a.nl/sub': { type: 'http://a.nl/type' },
      'http://a.nl/course': { name: { 'nl-NL': 'Cursus' } },
    });
  });

  it('an unknown Activity is still an Activity Object, with its id only', () => {
    expect(activityObject(ACTIVITY, undefined)).toEqual({ objectType: 'Activity', id: ACTIVITY });
    expect(activityObject(ACTIVITY, { type: 'http://a.nl/t' })).toEqual({ objectType: 'Activity', id: ACTIVITY, definition: { type: 'http://a.nl/t' } });
  });
});

describe('Person', () => {
  it('holds each property of the Agent as an array, and nothing else', () => {
    expect(personOf({ objectType: 'Agent', name: 'Carla', mbox: 'mailto:carla@voorbeeld.nl' })).toEqual({
      objectType: 'Person',
      name: ['Carla'],
      mbox: ['mailto:carla@voorbeeld.nl'],
    });
    expect(personOf({ account: { homePage: 'https://lms.nl', name: 'c1' } })).toEqual({ objectType: 'Person', account: [{ homePage: 'https://lms.nl', name: 'c1' }] });
  });
});
