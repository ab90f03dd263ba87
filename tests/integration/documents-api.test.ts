/**
 * The document resources (State, Activity Profile, Agent Profile) and the Activities and Agents
 * resources through the local server and the real handlers on DynamoDB Local: byte-exact round
 * trips, ETags and preconditions under real races, merge, since, delete-all, HEAD, and the 400 /
 * 409 / 412 / 413 answers.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp, type LocalApp } from '../support/local-app.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp({ streams: false });
});
afterAll(() => app?.close());

const VERSION = { 'x-experience-api-version': '1.0.3' };
const AGENT = { objectType: 'Agent', name: 'Carla Jansen', mbox: 'mailto:carla@voorbeeld.nl' };
const activity = () => `https://introductie-pg.nl/xapi/activities/${randomUUID()}`;
const sha1 = (bytes: Uint8Array | string) => createHash('sha1').update(bytes).digest('hex');

function query(params: Record<string, unknown>): string {
  return Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))}`)
    .join('&');
}

interface Sent {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  json: () => unknown;
}

async function call(method: string, path: string, params: Record<string, unknown>, options: { body?: Buffer | string | object; headers?: Record<string, string> } = {}): Promise<Sent> {
  const isObject = typeof options.body === 'object' && !(options.body instanceof Buffer);
  const response = await app.fetch(`${path}?${query(params)}`, {
    method,
    headers: { ...VERSION, authorization: app.basicAuth, ...(isObject ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(options.body === undefined ? {} : { body: isObject ? JSON.stringify(options.body) : typeof options.body === 'string' ? options.body : new Uint8Array(options.body as Buffer) }),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8'), json: () => JSON.parse(bytes.toString('utf8')) as unknown };
}

const STATE = '/xapi/activities/state';
const ACTIVITY_PROFILE = '/xapi/activities/profile';
const AGENT_PROFILE = '/xapi/agents/profile';
const stateParams = (overrides: Record<string, unknown> = {}) => ({ activityId: activity(), agent: AGENT, stateId: randomUUID(), ...overrides });

describe('State', () => {
  it('PUT then GET: the JSON back, a quoted SHA-1 ETag of the bytes, Last-Modified and the content type', async () => {
    const params = stateParams();
    const body = JSON.stringify({ bookmark: 'werkmoment-2/pagina-3', score: 0.5 });
    expect((await call('PUT', STATE, params, { body, headers: { 'content-type': 'application/json' } })).status).toBe(204);
    const got = await call('GET', STATE, params);
    expect(got.status).toBe(200);
    expect(got.text).toBe(body);
    expect(got.headers.get('etag')).toBe(`"${sha1(body)}"`);
    expect(got.headers.get('content-type')).toBe('application/json');
    expect(Date.parse(got.headers.get('last-modified')!)).toBeGreaterThan(Date.now() - 60_000);
    expect(got.headers.get('x-experience-api-version')).toBe('1.0.3');
  });

  it('stores any content type byte-exact (binary, base64 in the event) and returns it with its type', async () => {
    const params = stateParams();
    const bytes = Buffer.concat([Buffer.from([0, 255, 254, 0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), randomBytes(64 * 1024)]);
    expect((await call('PUT', STATE, params, { body: bytes, headers: { 'content-type': 'image/png' } })).status).toBe(204);
    const got = await call('GET', STATE, params);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(got.headers.get('etag')).toBe(`"${sha1(bytes)}"`);
  });

  it('HEAD answers like GET without the body', async () => {
    const params = stateParams();
    await call('PUT', STATE, params, { body: { a: 1 } });
    const got = await call('GET', STATE, params);
    const head = await call('HEAD', STATE, params);
    expect(head.status).toBe(200);
    expect(head.bytes.length).toBe(0);
    expect(head.headers.get('etag')).toBe(got.headers.get('etag'));
    expect(head.headers.get('content-type')).toBe(got.headers.get('content-type'));
    expect((await call('HEAD', STATE, stateParams())).status).toBe(404);
  });

  it('POST merges top-level properties of JSON Objects', async () => {
    const params = stateParams();
    await call('POST', STATE, params, { body: { car: { make: 'Ford', model: 'Escape' }, driver: 'Dale' } });
    expect((await call('POST', STATE, params, { body: { car: { make: 'Dodge' }, series: 'nextel' } })).status).toBe(204);
    expect((await call('GET', STATE, params)).json()).toEqual({ car: { make: 'Dodge' }, driver: 'Dale', series: 'nextel' });
  });

  it('POST of a non-JSON document onto a JSON one is 400 and changes nothing; so is invalid JSON', async () => {
    const params = stateParams();
    await call('POST', STATE, params, { body: { a: 1 } });
    const notJson = await call('POST', STATE, params, { body: 'abcdefg', headers: { 'content-type': 'text/plain' } });
    expect(notJson.status).toBe(400);
    expect(notJson.text).toMatch(/application\/json/);
    expect((await call('POST', STATE, params, { body: '{"b":1}{', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await call('GET', STATE, params)).json()).toEqual({ a: 1 });
  });

  it('lists ids of the context, since a time (exclusive), per registration or all; deletes all or one registration', async () => {
    const base = { activityId: activity(), agent: AGENT };
    const registration = randomUUID();
    await call('PUT', STATE, { ...base, stateId: 'a' }, { body: { n: 1 } });
    await call('PUT', STATE, { ...base, stateId: 'b', registration }, { body: { n: 2 } });
    const list = await call('GET', STATE, base);
    expect((list.json() as string[]).sort()).toEqual(['a', 'b']);
    expect(list.headers.get('last-modified')).toBeTruthy();
    expect((await call('GET', STATE, { ...base, registration })).json()).toEqual(['b']);

    // The server runs in this process's clock: everything stored so far is at or before `since`.
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await call('PUT', STATE, { ...base, stateId: 'c' }, { body: { n: 3 } });
    expect((await call('GET', STATE, { ...base, since })).json()).toEqual(['c']);
    expect((await call('GET', STATE, { ...base, since: new Date(Date.now() + 60_000).toISOString() })).json()).toEqual([]);

    expect((await call('DELETE', STATE, { ...base, registration })).status).toBe(204);
    expect(((await call('GET', STATE, base)).json() as string[]).sort()).toEqual(['a', 'c']);
    expect((await call('DELETE', STATE, base)).status).toBe(204);
    expect((await call('GET', STATE, base)).json()).toEqual([]);
  });

  it('a document without registration and one with a registration are different documents', async () => {
    const params = stateParams();
    const registration = randomUUID();
    await call('PUT', STATE, params, { body: { which: 'none' } });
    await call('PUT', STATE, { ...params, registration }, { body: { which: 'registered' } });
    expect((await call('GET', STATE, params)).json()).toEqual({ which: 'none' });
    expect((await call('GET', STATE, { ...params, registration })).json()).toEqual({ which: 'registered' });
  });

  it('DELETE of one document; deleting what is not there is 204', async () => {
    const params = stateParams();
    await call('PUT', STATE, params, { body: { a: 1 } });
    expect((await call('DELETE', STATE, params)).status).toBe(204);
    expect((await call('GET', STATE, params)).status).toBe(404);
    expect((await call('DELETE', STATE, params)).status).toBe(204);
  });

  it.each([
    ['activityId', { activityId: undefined }, 'query.activityId'],
    ['activityId that is no IRI', { activityId: 'werkmoment' }, 'query.activityId'],
    ['agent', { agent: undefined }, 'query.agent'],
    ['agent that is no JSON', { agent: 'carla' }, 'query.agent'],
    ['agent with two IFIs', { agent: { mbox: 'mailto:a@b.nl', openid: 'http://id.nl/a' } }, 'query.agent'],
    ['registration that is no UUID', { registration: 'true' }, 'query.registration'],
    ['stateId', { stateId: undefined }, 'query.stateId'],
    ['unknown parameter', { cachebuster: '1' }, 'query.cachebuster'],
  ])('400 naming the parameter: %s', async (_name, overrides, path) => {
    const response = await call('PUT', STATE, stateParams(overrides), { body: { a: 1 } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json())).toContain(path);
  });

  it('400 for since that is not a timestamp', async () => {
    const response = await call('GET', STATE, { activityId: activity(), agent: AGENT, since: 'gisteren' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('query.since');
  });

  it('413 for a document larger than 384 KB, saying the limit; nothing stored', async () => {
    const params = stateParams();
    const response = await call('PUT', STATE, params, { body: randomBytes(384 * 1024 + 1), headers: { 'content-type': 'application/octet-stream' } });
    expect(response.status).toBe(413);
    expect(response.text).toContain('384 KB');
    expect((await call('GET', STATE, params)).status).toBe(404);
    const fits = randomBytes(384 * 1024);
    expect((await call('PUT', STATE, params, { body: fits, headers: { 'content-type': 'application/octet-stream' } })).status).toBe(204);
    expect((await call('GET', STATE, params)).bytes.equals(fits)).toBe(true);
  });
});

describe('versions and the Alternate Request Syntax', () => {
  it('xAPI 2.0: a State PUT without If-Match creates, but does not replace (409)', async () => {
    const params = stateParams();
    const v2 = { 'x-experience-api-version': '2.0.0' };
    expect((await call('PUT', STATE, params, { body: { a: 1 }, headers: v2 })).status).toBe(204);
    expect((await call('PUT', STATE, params, { body: { a: 2 }, headers: v2 })).status).toBe(409);
    expect((await call('PUT', STATE, params, { body: { a: 3 } })).status).toBe(204);
    expect((await call('GET', STATE, params)).json()).toEqual({ a: 3 });
  });

  it('1.0.3 Alternate Request Syntax: PUT, GET and DELETE through POST ?method=', async () => {
    const params = stateParams();
    const form = (method: string, extra: Record<string, string> = {}) =>
      app.fetch(`${STATE}?method=${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          Authorization: app.basicAuth,
          'X-Experience-API-Version': '1.0.3',
          activityId: params.activityId,
          agent: JSON.stringify(params.agent),
          stateId: params.stateId,
          ...extra,
        }).toString(),
      });
    expect((await form('PUT', { 'Content-Type': 'application/json', content: '{"via":"form"}' })).status).toBe(204);
    const got = await form('GET');
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual({ via: 'form' });
    expect((await form('DELETE')).status).toBe(204);
    expect((await call('GET', STATE, params)).status).toBe(404);
  });
});

describe('concurrency', () => {
  it('PUTs racing with the same If-Match: exactly one wins, the others get 412', async () => {
    const params = { activityId: activity(), profileId: randomUUID() };
    await call('PUT', ACTIVITY_PROFILE, params, { body: { v: 0 }, headers: { 'if-none-match': '*' } });
    const etag = (await call('GET', ACTIVITY_PROFILE, params)).headers.get('etag')!;
    const racers = await Promise.all(Array.from({ length: 8 }, (_, i) => call('PUT', ACTIVITY_PROFILE, params, { body: { v: i + 1 }, headers: { 'if-match': etag } })));
    const statuses = racers.map((r) => r.status).sort();
    expect(statuses).toEqual([204, 412, 412, 412, 412, 412, 412, 412]);
    const winner = racers.findIndex((r) => r.status === 204) + 1;
    expect((await call('GET', ACTIVITY_PROFILE, params)).json()).toEqual({ v: winner });
  });

  it('PUTs racing with If-None-Match: * to create: exactly one wins', async () => {
    const params = { agent: AGENT, profileId: randomUUID() };
    const racers = await Promise.all(Array.from({ length: 6 }, (_, i) => call('PUT', AGENT_PROFILE, params, { body: { v: i }, headers: { 'if-none-match': '*' } })));
    expect(racers.filter((r) => r.status === 204)).toHaveLength(1);
    expect(racers.filter((r) => r.status === 412)).toHaveLength(5);
  });

  it('concurrent POSTs merge without losing a property', async () => {
    const params = stateParams();
    const posts = await Promise.all(Array.from({ length: 6 }, (_, i) => call('POST', STATE, params, { body: { [`k${i}`]: i } })));
    expect(posts.map((p) => p.status)).toEqual([204, 204, 204, 204, 204, 204]);
    expect((await call('GET', STATE, params)).json()).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5 });
  });
});

describe('Activity Profile and Agent Profile', () => {
  it.each([
    ['activity profile', ACTIVITY_PROFILE, () => ({ activityId: activity() })],
    ['agent profile', AGENT_PROFILE, () => ({ agent: { mbox: `mailto:${randomUUID()}@voorbeeld.nl` } })],
  ])('%s: PUT needs a concurrency header (400 new, 409 existing), If-Match replaces, stale If-Match is 412', async (_name, path, context) => {
    const params = { ...context(), profileId: 'instellingen' };
    expect((await call('PUT', path, params, { body: { a: 1 } })).status).toBe(400);
    expect((await call('PUT', path, params, { body: { a: 1 }, headers: { 'if-none-match': '*' } })).status).toBe(204);
    const conflict = await call('PUT', path, params, { body: { a: 2 } });
    expect(conflict.status).toBe(409);
    expect(conflict.text).toMatch(/If-Match/);
    const etag = (await call('GET', path, params)).headers.get('etag')!;
    expect((await call('PUT', path, params, { body: { a: 3 }, headers: { 'if-match': etag } })).status).toBe(204);
    expect((await call('PUT', path, params, { body: { a: 4 }, headers: { 'if-match': etag } })).status).toBe(412);
    expect((await call('DELETE', path, params, { headers: { 'if-match': etag } })).status).toBe(412);
    expect((await call('GET', path, params)).json()).toEqual({ a: 3 });

    expect((await call('POST', path, params, { body: { b: 1 } })).status).toBe(204);
    expect((await call('GET', path, params)).json()).toEqual({ a: 3, b: 1 });
    const { profileId: _id, ...listParams } = params;
    expect((await call('GET', path, listParams)).json()).toEqual(['instellingen']);
    expect((await call('GET', path, { ...listParams, since: new Date(Date.now() + 60_000).toISOString() })).json()).toEqual([]);
    expect((await call('HEAD', path, params)).status).toBe(200);
    expect((await call('DELETE', path, params)).status).toBe(204);
    expect((await call('GET', path, params)).status).toBe(404);
  });

  it('agent profiles take an Agent, not a Group', async () => {
    const response = await call('GET', AGENT_PROFILE, { agent: { objectType: 'Group', mbox: 'mailto:team@voorbeeld.nl' }, profileId: 'p' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('query.agent');
  });
});

describe('Activities and Agents', () => {
  const statement = (object: unknown, extra: Record<string, unknown> = {}) => ({
    actor: AGENT,
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
    object,
    ...extra,
  });
  const postStatements = (statements: unknown) =>
    call('POST', '/xapi/statements', {}, { body: statements as object }).then((r) => {
      if (r.status !== 200) throw new Error(`POST statements: ${r.status} ${r.text}`);
    });

  it('returns the canonical definition: languages from several statements merged, the newest wins otherwise', async () => {
    const id = activity();
    await postStatements([
      statement({ objectType: 'Activity', id, definition: { name: { 'nl-NL': 'Werkmoment' }, type: 'http://a.nl/type/1', extensions: { 'http://a.nl/ext': { x: 1 } } } }),
      statement({ objectType: 'Activity', id, definition: { name: { 'en-US': 'Work moment' } } }),
    ]);
    await postStatements(statement({ objectType: 'Activity', id, definition: { type: 'http://a.nl/type/2', description: { 'nl-NL': 'Eerste' } } }));
    const got = await call('GET', '/xapi/activities', { activityId: id });
    expect(got.status).toBe(200);
    expect(got.json()).toEqual({
      objectType: 'Activity',
      id,
      definition: {
        name: { 'nl-NL': 'Werkmoment', 'en-US': 'Work moment' },
        description: { 'nl-NL': 'Eerste' },
        type: 'http://a.nl/type/2',
        extensions: { 'http://a.nl/ext': { x: 1 } },
      },
    });
    expect((await call('HEAD', '/xapi/activities', { activityId: id })).status).toBe(200);
  });

  it('learns definitions from context activities and SubStatements too; a rejected batch defines nothing', async () => {
    const [parent, sub, rejected] = [activity(), activity(), activity()];
    await postStatements(
      statement(
        { objectType: 'SubStatement', actor: AGENT, verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' }, object: { id: sub, definition: { name: { 'nl-NL': 'Sub' } } } },
        { context: { contextActivities: { parent: { id: parent, definition: { name: { 'nl-NL': 'Cursus' } } } } } },
      ),
    );
    expect((await call('GET', '/xapi/activities', { activityId: parent })).json()).toMatchObject({ definition: { name: { 'nl-NL': 'Cursus' } } });
    expect((await call('GET', '/xapi/activities', { activityId: sub })).json()).toMatchObject({ definition: { name: { 'nl-NL': 'Sub' } } });

    const bad = await call('POST', '/xapi/statements', {}, { body: [statement({ id: rejected, definition: { name: { 'nl-NL': 'Nee' } } }), statement({ id: 'no iri' })] });
    expect(bad.status).toBe(400);
    expect((await call('GET', '/xapi/activities', { activityId: rejected })).json()).toEqual({ objectType: 'Activity', id: rejected });
  });

  it('an unknown Activity is an Activity Object with its id; no activityId is 400', async () => {
    const id = activity();
    expect((await call('GET', '/xapi/activities', { activityId: id })).json()).toEqual({ objectType: 'Activity', id });
    expect((await call('GET', '/xapi/activities', {})).status).toBe(400);
  });

  it('Agents: a Person with array properties from the given Agent; an Agent without IFI is 400', async () => {
    const got = await call('GET', '/xapi/agents', { agent: AGENT });
    expect(got.status).toBe(200);
    expect(got.json()).toEqual({ objectType: 'Person', name: ['Carla Jansen'], mbox: ['mailto:carla@voorbeeld.nl'] });
    expect((await call('GET', '/xapi/agents', { agent: { name: 'Carla' } })).status).toBe(400);
    expect((await call('HEAD', '/xapi/agents', { agent: AGENT })).status).toBe(200);
  });
});
