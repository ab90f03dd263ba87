/**
 * A real xAPI client (@xapi/xapi) against the module's LRS through the local server: post one and
 * a batch, read back, filter, page through `more` links, void.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import xapiModule from '@xapi/xapi';
import { randomUUID } from 'node:crypto';
import { startLocalApp, type LocalApp } from '../support/local-app.js';

const XAPI = xapiModule.default;

let app: LocalApp;
let xapi: InstanceType<typeof XAPI>;

beforeAll(async () => {
  app = await startLocalApp();
  xapi = new XAPI({ endpoint: `${app.xapiEndpoint}/`, auth: XAPI.toBasicAuth(app.demo.lrsKey, app.demo.lrsSecret), version: '1.0.3' });
});
afterAll(() => app?.close());

const learner = (n: number) => ({ objectType: 'Agent' as const, name: `Deelnemer ${n}`, mbox: `mailto:deelnemer${n}@voorbeeld.nl` });
const experienced = { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'nl-NL': 'heeft bekeken' } };
const page = (n: number) => ({ objectType: 'Activity' as const, id: `https://introductie-pg.nl/xapi/activities/page-${n}` });

describe('the LRS with @xapi/xapi as client', () => {
  it('stores one statement and returns it by id with id, stored, authority and version filled in', async () => {
    const sent = await xapi.sendStatement({ statement: { actor: learner(1), verb: experienced, object: page(1) } });
    const id = sent.data[0]!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const { data: statement } = await xapi.getStatement({ statementId: id });
    expect(statement.id).toBe(id);
    expect(statement.stored).toBeTruthy();
    expect(statement.timestamp).toBeTruthy();
    expect(statement.version).toBe('1.0.0');
    expect(statement.authority).toMatchObject({ objectType: 'Agent', account: { name: app.demo.lrsKey } });
  });

  it('stores a batch, filters it by agent and verb, and pages through it with more links', async () => {
    const registration = randomUUID();
    const statements = Array.from({ length: 25 }, (_, i) => ({
      id: randomUUID(),
      actor: learner(2),
      verb: experienced,
      object: page(i),
      context: { registration },
    }));
    const sent = await xapi.sendStatements({ statements });
    expect(sent.data).toEqual(statements.map((s) => s.id));

    const seen: string[] = [];
    let response = await xapi.getStatements({ agent: learner(2), verb: experienced.id, registration, limit: 10, ascending: true });
    for (;;) {
      seen.push(...response.data.statements.map((s) => s.id!));
      if (!response.data.more) break;
      response = (await xapi.getMoreStatements({ more: response.data.more })) as typeof response;
    }
    expect(seen).toEqual(statements.map((s) => s.id));

    const otherAgent = await xapi.getStatements({ agent: learner(3), registration });
    expect(otherAgent.data.statements).toEqual([]);
  });

  it('voids a statement: it drops out of queries and is found only by voidedStatementId', async () => {
    const activity = page(900);
    const [id] = (await xapi.sendStatement({ statement: { actor: learner(4), verb: experienced, object: activity } })).data;
    await xapi.voidStatement({ actor: learner(4), statementId: id! });
    const list = await xapi.getStatements({ activity: activity.id });
    expect(list.data.statements.map((s) => s.id)).not.toContain(id);
    const voided = await xapi.getVoidedStatement({ voidedStatementId: id! });
    expect(voided.data.id).toBe(id);
    await expect(xapi.getStatement({ statementId: id! })).rejects.toMatchObject({ response: { status: 404 } });
  });
});
