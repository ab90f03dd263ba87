/**
 * A real xAPI client (@xapi/xapi) resuming a learner's place through the State API of the module's
 * LRS: save a bookmark, read it back on "another device", add to it with a merge, list and clear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import xapiModule from '@xapi/xapi';
import { randomUUID } from 'node:crypto';
import { startLocalApp, type LocalApp } from '../support/local-app.js';

const XAPI = xapiModule.default;

let app: LocalApp;
let xapi: InstanceType<typeof XAPI>;

beforeAll(async () => {
  app = await startLocalApp({ streams: false });
  xapi = new XAPI({ endpoint: `${app.xapiEndpoint}/`, auth: XAPI.toBasicAuth(app.demo.lrsKey, app.demo.lrsSecret), version: '1.0.3' });
});
afterAll(() => app?.close());

const agent = { objectType: 'Agent' as const, name: 'Deelnemer', mbox: `mailto:${randomUUID()}@voorbeeld.nl` };
const activityId = 'https://introductie-pg.nl/xapi/activities/introductie-pg/werkmoment-2';

describe('resuming with the State API through @xapi/xapi', () => {
  it('saves the place, finds it again, merges progress into it, lists and clears the states', async () => {
    const registration = randomUUID();
    const where = { agent, activityId, registration };

    // Device 1 saves where the learner is.
    await xapi.setState({ ...where, stateId: 'bookmark', state: { page: 'werkmoment-2/pagina-3', scroll: 0.4 } });
    await xapi.setState({ ...where, stateId: 'suspend_data', state: 'cmi-style opaque text', contentType: 'text/plain' });

    // Device 2 resumes: the same state, with an ETag of its bytes.
    const bookmark = await xapi.getState({ ...where, stateId: 'bookmark' });
    expect(bookmark.data).toEqual({ page: 'werkmoment-2/pagina-3', scroll: 0.4 });
    expect(String(bookmark.headers.etag)).toMatch(/^"[0-9a-f]{40}"$/);
    const suspend = await xapi.getState({ ...where, stateId: 'suspend_data' });
    expect(suspend.data).toBe('cmi-style opaque text');

    // Progress is merged into the bookmark (POST), keeping the page.
    await xapi.createState({ ...where, stateId: 'bookmark', state: { scroll: 0.9, completed: ['werkmoment-1'] } });
    expect((await xapi.getState({ ...where, stateId: 'bookmark' })).data).toEqual({ page: 'werkmoment-2/pagina-3', scroll: 0.9, completed: ['werkmoment-1'] });

    // A replace guarded by the ETag succeeds once; the stale ETag is refused.
    const etag = String((await xapi.getState({ ...where, stateId: 'bookmark' })).headers.etag);
    await xapi.setState({ ...where, stateId: 'bookmark', state: { page: 'werkmoment-3/pagina-1' }, etag, matchHeader: 'If-Match' });
    await expect(xapi.setState({ ...where, stateId: 'bookmark', state: { page: 'oud' }, etag, matchHeader: 'If-Match' })).rejects.toMatchObject({
      response: { status: 412 },
    });

    const ids = (await xapi.getStates({ agent, activityId, registration })).data;
    expect([...ids].sort()).toEqual(['bookmark', 'suspend_data']);
    const since = (await xapi.getStates({ agent, activityId, registration, since: new Date(Date.now() + 60_000).toISOString() })).data;
    expect(since).toEqual([]);

    // Another enrolment's state is untouched by clearing this one.
    await xapi.setState({ agent, activityId, registration: randomUUID(), stateId: 'bookmark', state: { page: 'elders' } });
    await xapi.deleteState({ ...where, stateId: 'suspend_data' });
    expect((await xapi.getStates({ agent, activityId, registration })).data).toEqual(['bookmark']);
    await xapi.deleteStates({ agent, activityId, registration });
    expect((await xapi.getStates({ agent, activityId, registration })).data).toEqual([]);
    expect((await xapi.getStates({ agent, activityId })).data).toEqual(['bookmark']);
    await expect(xapi.getState({ ...where, stateId: 'bookmark' })).rejects.toMatchObject({ response: { status: 404 } });
  });
});
