/**
 * The admin's forwarding routes through the local server: create (secret never shown again),
 * refuse health-data filters, update, disable, dead letters and replay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp, type LocalApp } from '../support/local-app.js';
import { getForwardingDeps } from '../../functions/composition/forwarding.js';
import { ACTIVITY_TYPES, VERBS } from '../../functions/core/xapi/profile/vocabulary.js';

let app: LocalApp;
let admin: Record<string, string>;

beforeAll(async () => {
  app = await startLocalApp({ streams: false });
  admin = { authorization: `Bearer ${await app.tokenFor('admin')}`, 'content-type': 'application/json' };
});
afterAll(async () => {
  await app?.close();
});

const SECRET = 'very-secret-value-123';
const valid = { accreditationBody: 'Kwaliteitsregister V&VN', endpoint: 'https://lrs.example.nl/xapi/', key: 'ipg', secret: SECRET };

async function create(body: unknown): Promise<Response> {
  return app.fetch('/api/admin/forwarding-targets', { method: 'POST', headers: admin, body: JSON.stringify(body) });
}

describe('forwarding targets', () => {
  it('creates a target with the accreditation default filter and never shows the secret again', async () => {
    const response = await create(valid);
    expect(response.status).toBe(201);
    const created = (await response.json()) as Record<string, unknown>;
    expect(created).toMatchObject({ accreditationBody: valid.accreditationBody, endpoint: 'https://lrs.example.nl/xapi', key: 'ipg', enabled: true, secretSet: true, filter: { verbs: [], activityTypes: [] } });
    expect(JSON.stringify(created)).not.toContain(SECRET);
    const listed = await (await app.fetch('/api/admin/forwarding-targets', { headers: admin })).text();
    expect(listed).toContain(String(created.targetId));
    expect(listed).not.toContain(SECRET);
  });

  it('refuses a filter that names anything beyond the accreditation-relevant verbs and types', async () => {
    const health = await create({ ...valid, filter: { verbs: [VERBS.answered], activityTypes: [] } });
    expect(health.status).toBe(400);
    expect(await health.text()).toContain('accreditation-relevant');
    expect((await create({ ...valid, filter: { verbs: [], activityTypes: [ACTIVITY_TYPES.spinnenweb] } })).status).toBe(400);
    expect((await create({ ...valid, endpoint: 'ftp://lrs.example.nl' })).status).toBe(400);
    expect((await create({ ...valid, secret: '' })).status).toBe(400);
  });

  it('updates and disables a target; unknown ids are 404', async () => {
    const { targetId } = (await (await create(valid)).json()) as { targetId: string };
    const updated = await app.fetch(`/api/admin/forwarding-targets/${targetId}`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ filter: { verbs: [VERBS.completed], activityTypes: [ACTIVITY_TYPES.course] }, secret: 'another-secret-456' }),
    });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ filter: { verbs: [VERBS.completed], activityTypes: [ACTIVITY_TYPES.course] }, endpoint: 'https://lrs.example.nl/xapi' });
    expect((await getForwardingDeps().targets.get(targetId))?.secret).toBe('another-secret-456');
    const disabled = await app.fetch(`/api/admin/forwarding-targets/${targetId}`, { method: 'DELETE', headers: admin });
    expect(await disabled.json()).toMatchObject({ enabled: false });
    expect((await app.fetch('/api/admin/forwarding-targets/nope', { method: 'PUT', headers: admin, body: '{}' })).status).toBe(404);
    expect((await app.fetch('/api/admin/forwarding-targets/nope/dead-letters', { headers: admin })).status).toBe(404);
  });

  it('lists dead letters and replays them into the queue', async () => {
    const { targetId } = (await (await create(valid)).json()) as { targetId: string };
    const deps = getForwardingDeps();
    const message = { targetId, statementId: '6a1f7c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', seq: '000001', groupId: 'g' };
    await deps.deliveries.claim(message, { now: new Date(), leaseMs: 60_000 });
    await deps.deliveries.markDead(message, { now: new Date(), attempts: 1, error: 'the target answered 400' });
    const listed = await app.fetch(`/api/admin/forwarding-targets/${targetId}/dead-letters`, { headers: admin });
    expect(await listed.json()).toEqual({ deadLetters: [expect.objectContaining({ statementId: message.statementId, attempts: 1, lastError: 'the target answered 400' })] });
    const replay = await app.fetch(`/api/admin/forwarding-targets/${targetId}/dead-letters/replay`, { method: 'POST', headers: admin, body: '{}' });
    expect(await replay.json()).toEqual({ replayed: [message.statementId] });
    expect(await deps.localQueue!.receiveHeads(new Date(Date.now() + 1000))).toEqual([expect.objectContaining({ message: expect.objectContaining({ statementId: message.statementId, targetId }) })]);
    expect(await (await app.fetch(`/api/admin/forwarding-targets/${targetId}/dead-letters`, { headers: admin })).json()).toEqual({ deadLetters: [] });
  });
});
