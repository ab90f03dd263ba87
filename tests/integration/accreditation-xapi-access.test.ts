/**
 * An accreditation body's xAPI client tries every query filter combination to get at health data
 * (reflections, spinnenweb, assignment reports, the evaluation, the follow-up choice) and gets only
 * the allow-listed statements of its course, redacted, or 403/404: never health data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { loadCourse } from '../../functions/core/course/load.js';
import { courseItems } from '../../functions/core/course/schema.js';
import { ACCREDITATION_ALLOW_LIST } from '../../functions/core/accreditation/statement-access.js';
import { VERBS } from '../../functions/core/xapi/profile/vocabulary.js';
import { itemIri } from '../../functions/core/xapi/profile/builders.js';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';
import { accreditationCohort, HEALTH_MARKERS, type Cohort } from '../support/accreditation-cohort.js';

const course = loadCourse();
let app: LocalApp;
let cohort: Cohort;
let accreditor: string;
let voidedReflectionId: string;

async function store(statements: unknown[]): Promise<void> {
  for (let i = 0; i < statements.length; i += 100) {
    const response = await app.fetch('/xapi/statements', { method: 'POST', headers: { ...XAPI_HEADERS, authorization: app.basicAuth }, body: JSON.stringify(statements.slice(i, i + 100)) });
    expect(response.status, await response.clone().text()).toBe(200);
  }
}

beforeAll(async () => {
  app = await startLocalApp({ streams: false });
  cohort = accreditationCohort(3);
  await store(cohort.statements);
  // A voided reflection: readable by voidedStatementId for a normal reader.
  voidedReflectionId = cohort.healthIds[0]!;
  const member = cohort.members[0]!;
  await store([
    {
      id: randomUUID(),
      actor: { objectType: 'Agent', account: { homePage: 'https://introductie-pg.nl', name: member.participant.userId } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } },
      object: { objectType: 'StatementRef', id: voidedReflectionId },
    },
  ]);
  const created = await app.fetch('/api/admin/xapi-clients', {
    method: 'POST',
    headers: { authorization: `Bearer ${await app.tokenFor('admin')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Kwaliteitsregister', scopes: ['all'], accreditation: { courseIds: [course.id] } }),
  });
  expect(created.status).toBe(201);
  const { key, secret } = (await created.json()) as { key: string; secret: string };
  accreditor = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}, 120_000);
afterAll(() => app?.close());

function get(params: Record<string, string>, method: 'GET' | 'HEAD' = 'GET'): Promise<Response> {
  return app.fetch(`/xapi/statements?${new URLSearchParams(params).toString()}`, { method, headers: { ...XAPI_HEADERS, authorization: accreditor } });
}

/** Checks one answer: 403/404, or only allow-listed, redacted statements of the course. Returns the ids seen. */
async function expectNothingHealthRelated(response: Response): Promise<string[]> {
  const text = await response.text();
  if (response.status === 403 || response.status === 404) return [];
  expect(response.status, text).toBe(200);
  for (const marker of HEALTH_MARKERS) expect(text, `answer contains ${marker}`).not.toContain(marker);
  const jsonText = text.startsWith('--') ? text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1) : text;
  const body = JSON.parse(jsonText) as { statements?: { id: string; verb: { id: string } }[]; id?: string };
  const statements = body.statements ?? [body as { id: string; verb: { id: string } }];
  for (const statement of statements) {
    expect(cohort.healthIds).not.toContain(statement.id);
    expect(ACCREDITATION_ALLOW_LIST.map((a) => a.verb)).toContain(statement.verb.id);
  }
  return statements.map((s) => s.id);
}

/** What the body goes after: a health-related item, with the verb its statements use. */
const items = courseItems(course);
const firstOf = (kind: string) => itemIri(course, items.find((i) => i.kind === kind)!.id);
const targets = [
  { name: 'reflection', verb: VERBS.responded, activity: firstOf('reflection') },
  { name: 'spinnenweb', verb: VERBS.completed, activity: firstOf('spinnenweb') },
  { name: 'assignment', verb: VERBS.completed, activity: firstOf('assignment') },
  { name: 'evaluation', verb: VERBS.completed, activity: firstOf('evaluation') },
  { name: 'follow-up choice', verb: VERBS.preferred, activity: firstOf('choice') },
];

const FILTERS = ['agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents'] as const;
const MODIFIERS: Record<string, string>[] = [
  {},
  { ascending: 'true' },
  { format: 'ids' },
  { format: 'canonical' },
  { attachments: 'true' },
  { since: new Date(Date.now() - 400 * 86_400_000).toISOString(), until: new Date(Date.now() + 86_400_000).toISOString() },
  { limit: '1' },
];

describe('an accreditation body tries to read health data through the LRS', () => {
  it('every combination of filters (x modifiers) gives only allow-listed, redacted statements', { timeout: 600_000 }, async () => {
    const member = cohort.members[0]!;
    const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://introductie-pg.nl', name: member.participant.userId } });
    let requests = 0;
    for (const [t, target] of targets.entries()) {
      for (let mask = 0; mask < 1 << FILTERS.length; mask++) {
        const params: Record<string, string> = {};
        const on = (f: (typeof FILTERS)[number]) => (mask & (1 << FILTERS.indexOf(f))) !== 0;
        if (on('agent')) params.agent = agent;
        if (on('verb')) params.verb = target.verb;
        if (on('activity')) params.activity = target.activity;
        if (on('registration')) params.registration = member.registration;
        if (on('related_activities')) params.related_activities = 'true';
        if (on('related_agents')) params.related_agents = 'true';
        Object.assign(params, MODIFIERS[(mask + t) % MODIFIERS.length]);
        await expectNothingHealthRelated(await get(params));
        requests++;
      }
    }
    expect(requests).toBe(targets.length * 64);
  });

  it('sees health statements neither by statementId nor by voidedStatementId (404), GET or HEAD', async () => {
    for (const id of cohort.healthIds.slice(1, 12)) {
      expect((await get({ statementId: id })).status).toBe(404);
      expect((await get({ statementId: id, attachments: 'true' })).status).toBe(404);
      expect((await get({ statementId: id }, 'HEAD')).status).toBe(404);
    }
    expect((await get({ voidedStatementId: voidedReflectionId })).status).toBe(404);
    // The demo client (scope all) does see it: the 404 is the allow-list, not a missing statement.
    const normal = await app.fetch(`/xapi/statements?voidedStatementId=${voidedReflectionId}`, { headers: { ...XAPI_HEADERS, authorization: app.basicAuth } });
    expect(normal.status).toBe(200);
  });

  it('reads the hostile completion only without its health data, and pages to exactly the allow-listed statements', async () => {
    const hostile = await get({ statementId: cohort.hostileId, attachments: 'true' });
    expect(await expectNothingHealthRelated(hostile)).toEqual([cohort.hostileId]);
    const plain = (await (await get({ statementId: cohort.hostileId })).json()) as { result: unknown; context: { extensions: object } };
    expect(plain.result).toEqual({ completion: true, duration: 'PT5H', extensions: { 'https://introductie-pg.nl/xapi/extensions/study-hours': course.accreditationHours } });

    const seen: string[] = [];
    let response = await get({ limit: '2', ascending: 'true' });
    for (;;) {
      const body = JSON.parse(await response.clone().text()) as { more: string };
      seen.push(...(await expectNothingHealthRelated(response)));
      if (!body.more) break;
      response = await app.fetch(body.more, { headers: { ...XAPI_HEADERS, authorization: accreditor } });
    }
    expect([...seen].sort()).toEqual([...cohort.accreditationIds].sort());
  });

  it('cannot write statements or reach any other resource (403)', async () => {
    const post = await app.fetch('/xapi/statements', { method: 'POST', headers: { ...XAPI_HEADERS, authorization: accreditor }, body: '[]' });
    expect(post.status).toBe(403);
    const agent = encodeURIComponent(JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://introductie-pg.nl', name: cohort.members[0]!.participant.userId } }));
    for (const path of [
      `/xapi/activities/state?activityId=${encodeURIComponent(course.id)}&agent=${agent}`,
      `/xapi/activities/profile?activityId=${encodeURIComponent(course.id)}`,
      `/xapi/agents/profile?agent=${agent}`,
      `/xapi/agents?agent=${agent}`,
      `/xapi/activities?activityId=${encodeURIComponent(course.id)}`,
    ]) {
      expect((await app.fetch(path, { headers: { ...XAPI_HEADERS, authorization: accreditor } })).status, path).toBe(403);
    }
  });
});
