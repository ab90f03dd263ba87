/**
 * "Done when" (issue 5): @xapi/xapi as an accreditation body's client reads the completion
 * statements of its course, pages through them, and gets 403 or nothing on attempts at health data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import xapiModule from '@xapi/xapi';
import { loadCourse } from '../../functions/core/course/load.js';
import { VERBS } from '../../functions/core/xapi/profile/vocabulary.js';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';
import { accreditationCohort, HEALTH_MARKERS, type Cohort } from '../support/accreditation-cohort.js';

const XAPI = xapiModule.default;
const course = loadCourse();

let app: LocalApp;
let cohort: Cohort;
let body: InstanceType<typeof XAPI>;

beforeAll(async () => {
  app = await startLocalApp({ streams: false });
  cohort = accreditationCohort(4);
  for (let i = 0; i < cohort.statements.length; i += 100) {
    const response = await app.fetch('/xapi/statements', { method: 'POST', headers: { ...XAPI_HEADERS, authorization: app.basicAuth }, body: JSON.stringify(cohort.statements.slice(i, i + 100)) });
    expect(response.status).toBe(200);
  }
  const created = await app.fetch('/api/admin/xapi-clients', {
    method: 'POST',
    headers: { authorization: `Bearer ${await app.tokenFor('admin')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Register Vaktherapie', scopes: ['statements/read'], accreditation: { courseIds: [course.id] } }),
  });
  const { key, secret } = (await created.json()) as { key: string; secret: string };
  body = new XAPI({ endpoint: `${app.xapiEndpoint}/`, auth: XAPI.toBasicAuth(key, secret), version: '1.0.3' });
}, 120_000);
afterAll(() => app?.close());

describe('an accreditation body with @xapi/xapi', () => {
  it('reads the completion statements of its course, paging through them', async () => {
    const seen: string[] = [];
    let response = await body.getStatements({ verb: VERBS.completed, activity: course.id, limit: 1, ascending: true });
    let pages = 0;
    for (;;) {
      pages++;
      seen.push(...response.data.statements.map((s) => s.id!));
      for (const statement of response.data.statements) {
        expect(statement.result?.extensions?.['https://introductie-pg.nl/xapi/extensions/study-hours']).toBe(course.accreditationHours);
        expect(statement.result?.response).toBeUndefined();
      }
      if (!response.data.more) break;
      response = (await body.getMoreStatements({ more: response.data.more })) as typeof response;
    }
    const completions = cohort.statements.filter((s) => s.verb.id === VERBS.completed && s.object && 'id' in s.object && s.object.id === course.id);
    expect(seen.sort()).toEqual(completions.map((s) => s.id!).sort());
    expect(pages).toBeGreaterThan(2);
    expect(JSON.stringify(response.data)).not.toContain('GEHEIM');
  });

  it('gets 403 or nothing health-related on every attempt at health data', async () => {
    const member = cohort.members[0]!;
    const agent = { objectType: 'Agent' as const, account: { homePage: 'https://introductie-pg.nl', name: member.participant.userId } };
    const attempts = [
      body.getStatements({ agent, registration: member.registration, related_activities: true, related_agents: true }),
      body.getStatements({ verb: VERBS.responded }),
      body.getStatements({ activity: `${course.id}/item/evaluatie`, related_activities: true }),
      body.getStatements({ registration: member.registration, format: 'exact', attachments: true }),
    ];
    for (const attempt of attempts) {
      const text = JSON.stringify((await attempt).data);
      for (const marker of HEALTH_MARKERS) expect(text).not.toContain(marker);
    }
    for (const id of cohort.healthIds.slice(0, 5)) {
      await expect(body.getStatement({ statementId: id })).rejects.toMatchObject({ response: { status: 404 } });
    }
    await expect(body.getState({ agent, activityId: course.id, stateId: 'x' })).rejects.toMatchObject({ response: { status: 403 } });
    await expect(body.getAgentProfile({ agent, profileId: 'x' })).rejects.toMatchObject({ response: { status: 403 } });
    await expect(body.getActivity({ activityId: course.id })).rejects.toMatchObject({ response: { status: 403 } });
    await expect(body.sendStatement({ statement: { actor: agent, verb: { id: VERBS.completed }, object: { objectType: 'Activity', id: course.id } } })).rejects.toMatchObject({
      response: { status: 403 },
    });
  });
});
