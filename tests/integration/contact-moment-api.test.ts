/**
 * The contact moment, the coach's workspace, completion and the certificate, through the local
 * server and the real handlers on DynamoDB Local. Four participants work through the course side
 * by side (the server's clock follows their statements: one shared timeline, posted in parallel);
 * one of them leaves out one reflection. Then: the gate refuses who is not ready, the admin assigns
 * coaches, a coach offers slots, ready participants book a group session at the same moment and
 * its capacity holds, a coach sees only their own participants, consent shows and hides the
 * private work, recording the meeting completes the course, and the certificate downloads and
 * verifies, showing nothing it should not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { loadCourse } from '../../functions/core/course/load.js';
import * as build from '../../functions/core/xapi/profile/builders.js';
import { VERBS } from '../../functions/core/xapi/profile/vocabulary.js';
import { createUserStore } from '../../functions/adapters/dynamodb/user-store.js';
import { hashSecret } from '../../functions/core/auth/password-hash.js';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';
import { courseWalkthrough, longText, type TimedStatement } from '../support/course-walkthrough.js';

const course = loadCourse();
const SKIPPED_REFLECTION = 'wm3-reflectie-wat-raakt-jou';
const OUTCOME_OF_SKIPPED = course.outcomes.find((o) => o.evidence.some((e) => e.itemId === SKIPPED_REFLECTION))!;

interface Person {
  userId: string;
  name: string;
  email: string;
  token: string;
  registration: string;
}

let app: LocalApp;
let admin: string;
let anna: string;
let bram: string;
const people: Record<'carla' | 'daan' | 'eva' | 'fenna' | 'gijs', Person> = {} as never;

beforeAll(async () => {
  process.env.LOCAL_TEST_CLOCK = '1';
  app = await startLocalApp();
  // Two more participants, so three can race for a group session of two.
  const users = createUserStore({ doc: app.table.doc, tableName: app.table.tableName });
  const passwordHash = await hashSecret(app.demo.password);
  for (const [userId, name, email] of [
    ['test-participant-fenna', 'Fenna Visser', 'fenna@voorbeeld.nl'],
    ['test-participant-gijs', 'Gijs Smit', 'gijs@voorbeeld.nl'],
  ] as const) {
    await users.put({ userId, name, email, roles: ['participant'], passwordHash, createdAt: new Date().toISOString() });
  }
  admin = await app.tokenFor('admin');
  anna = await loginAs('anna.coach@voorbeeld.nl');
  bram = await loginAs('bram.coach@voorbeeld.nl');
}, 180_000);
afterAll(() => app?.close());

async function loginAs(email: string): Promise<string> {
  const response = await app.fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: app.demo.password }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function participant(key: keyof typeof people, email: string): Promise<Person> {
  const token = await loginAs(email);
  const me = (await (await api('GET', '/api/me', undefined, token)).json()) as { userId: string; name: string };
  const { registration } = (await (await api('GET', '/api/enrolment', undefined, token)).json()) as { registration: string };
  people[key] = { userId: me.userId, name: me.name, email, token, registration };
  return people[key];
}

function api(method: string, path: string, body: unknown, token: string, headers: Record<string, string> = {}): Promise<Response> {
  return app.fetch(path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function ok<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return (text ? JSON.parse(text) : undefined) as T;
}

let serverNow = Date.now();
async function setServerTime(at: number): Promise<void> {
  serverNow = at;
  const response = await app.fetch('/__test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: at - Date.now() }) });
  expect(response.status).toBe(200);
}

interface ContactMomentView {
  status: string;
  gate: { open: boolean; missing: string[] };
  coach: { name: string } | null;
  booking: { kind: string; form: string; slotId: string | null; canChange: boolean } | null;
  slots: Array<{ slotId: string; form: string; placesLeft: number }>;
  consent: { shared: boolean; changedAt: string | null };
  certificate: { certificateId: string } | null;
}

interface CoachParticipant {
  registration: string;
  name: string;
  status: string;
  creditedMinutes: number;
  thresholdMinutes: number;
  outcomesMet: number;
  missing: string[];
  booking: { kind: string; slotId: string | null } | null;
}

const contactMoment = (who: Person) => api('GET', '/api/contact-moment', undefined, who.token).then((r) => ok<ContactMomentView>(r));
const coachList = (token: string, status?: string) =>
  api('GET', `/api/coach/participants${status ? `?status=${status}` : ''}`, undefined, token).then((r) => ok<{ participants: CoachParticipant[] }>(r)).then((b) => b.participants);

const correctAnswers = () => Object.fromEntries(course.finalTest.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));

describe('the admin assigns participants to coaches', () => {
  it('lists participants with their coach and assigns one (the assignment reaches the coach)', async () => {
    await participant('carla', 'carla@voorbeeld.nl');
    await participant('daan', 'daan@voorbeeld.nl');
    await participant('eva', 'eva@voorbeeld.nl');
    const before = await ok<{ participants: Array<{ userId: string; coach: { userId: string } | null }>; coaches: Array<{ userId: string }> }>(
      await api('GET', '/api/admin/participants', undefined, admin),
    );
    expect(before.participants.find((p) => p.userId === 'demo-participant-carla')?.coach?.userId).toBe('demo-coach-anna');
    expect(before.participants.find((p) => p.userId === 'demo-participant-eva')?.coach?.userId).toBe('demo-coach-bram');
    expect(before.participants.find((p) => p.userId === 'test-participant-fenna')?.coach).toBeNull();
    expect(before.coaches.map((c) => c.userId).sort()).toEqual(['demo-coach-anna', 'demo-coach-bram']);

    for (const userId of ['test-participant-fenna', 'test-participant-gijs']) {
      const assigned = await ok<{ coach: { userId: string }; registration: string; status: string }>(
        await api('PUT', `/api/admin/participants/${userId}/coach`, { coachId: 'demo-coach-anna' }, admin),
      );
      expect(assigned.coach.userId).toBe('demo-coach-anna');
      expect(assigned.status).toBe('in_progress');
    }
    const fenna = await participant('fenna', 'fenna@voorbeeld.nl');
    await participant('gijs', 'gijs@voorbeeld.nl');
    // Assigning enrolled Fenna: her first visit finds that enrolment.
    const after = await ok<{ participants: Array<{ userId: string; registration: string | null }> }>(await api('GET', '/api/admin/participants', undefined, admin));
    expect(after.participants.find((p) => p.userId === fenna.userId)?.registration).toBe(fenna.registration);
    expect((await coachList(anna)).map((p) => p.name)).toEqual(expect.arrayContaining(['Carla Jansen', 'Daan de Vries', 'Fenna Visser', 'Gijs Smit']));
  });

  it('refuses a coach who is not a coach (400) and an unknown participant (404), in Dutch', async () => {
    const notACoach = await api('PUT', '/api/admin/participants/test-participant-fenna/coach', { coachId: 'demo-participant-carla' }, admin);
    expect(notACoach.status).toBe(400);
    expect(((await notACoach.json()) as { error: string }).error).toMatch(/is geen coach/);
    const unknown = await api('PUT', '/api/admin/participants/bestaat-niet/coach', { coachId: 'demo-coach-anna' }, admin);
    expect(unknown.status).toBe(404);
    expect((await api('PUT', '/api/admin/participants/test-participant-fenna/coach', {}, admin)).status).toBe(400);
  });
});

describe('before the gate opens', () => {
  it('shows what is missing and books nothing (403 with the Dutch list)', async () => {
    const eva = people.eva;
    const view = await contactMoment(eva);
    expect(view).toMatchObject({ status: 'in_progress', gate: { open: false }, coach: { name: 'Bram de Coach' }, booking: null, slots: [] });
    expect(view.gate.missing).toContain(`nog ${course.gateThresholdMinutes} minuten studietijd`);

    const request = await api('POST', '/api/contact-moment/booking', { kind: 'contact-request', form: 'coaching' }, eva.token);
    expect(request.status).toBe(403);
    const body = (await request.json()) as { error: string; issues: { message: string }[] };
    expect(body.error).toMatch(/^Je kunt het contactmoment nog niet plannen\. Dit ontbreekt nog: /);
    expect(body.issues.map((i) => i.message)).toEqual(view.gate.missing);

    const bramSlot = ((await ok<{ slots: { slotId: string }[] }>(await api('GET', '/api/coach/slots', undefined, bram))).slots)[0]!;
    expect((await api('POST', '/api/contact-moment/booking', { kind: 'slot', slotId: bramSlot.slotId }, eva.token)).status).toBe(403);
  });

  it('validates a booking request at the edge (400)', async () => {
    expect((await api('POST', '/api/contact-moment/booking', { kind: 'slot', slotId: 'geen-uuid' }, people.eva.token)).status).toBe(400);
    expect((await api('POST', '/api/contact-moment/booking', { kind: 'bellen' }, people.eva.token)).status).toBe(400);
  });
});

describe('four participants work through the course', () => {
  it('opens the gate for three; the one without a reflection still cannot book', { timeout: 300_000 }, async () => {
    const start = Date.now() - 12 * 86_400_000;
    const walkers = (['carla', 'fenna', 'gijs', 'daan'] as const).map((key) => {
      const who = people[key];
      const sitting = courseWalkthrough({ participant: { userId: who.userId, name: who.name }, registration: who.registration, startMs: start });
      return { who, sitting: key === 'daan' ? withoutReflection(sitting, SKIPPED_REFLECTION) : sitting };
    });
    // One timeline: the same moments for everyone (Daan only sends less at some of them).
    const moments = [...new Set(walkers.flatMap((w) => w.sitting.map((s) => s.at)))].sort((a, b) => a - b);
    for (const at of moments) {
      await setServerTime(at);
      await Promise.all(
        walkers.flatMap(({ who, sitting }) =>
          sitting.filter((s) => s.at === at).map(async ({ statement }) => ok(await api('POST', '/api/statements', [statement], who.token))),
        ),
      );
    }
    // The final test: a minute of active time at a time, then the answers.
    let at = moments.at(-1)! + 60_000;
    for (let minute = 0; minute < course.finalTest.nominalMinutes; minute++, at += 61_000) {
      await setServerTime(at + 60_000);
      await Promise.all(
        walkers.map(async ({ who }) => {
          const flush = build.itemExperienced({
            course,
            participant: { userId: who.userId },
            registration: who.registration,
            itemId: course.finalTest.id,
            timestamp: new Date(at + 60_000).toISOString(),
            activeIntervals: [[new Date(at).toISOString(), new Date(at + 60_000).toISOString()]],
          });
          return ok(await api('POST', '/api/statements', [flush], who.token));
        }),
      );
    }
    await setServerTime(at + 60_000);
    for (const { who } of walkers) {
      const result = await ok<{ passed: boolean }>(await api('POST', '/api/final-test', { attemptId: randomUUID(), answers: correctAnswers() }, who.token));
      expect(result.passed).toBe(true);
    }

    for (const key of ['carla', 'fenna', 'gijs'] as const) {
      expect(await contactMoment(people[key])).toMatchObject({ status: 'ready', gate: { open: true, missing: [] }, coach: { name: 'Anna de Coach' } });
    }
    const daan = await api('POST', '/api/contact-moment/booking', { kind: 'contact-request', form: 'coaching' }, people.daan.token);
    expect(daan.status).toBe(403);
    const missing = ((await daan.json()) as { issues: { message: string }[] }).issues.map((i) => i.message);
    expect(missing).toEqual([expect.stringMatching(new RegExp(`^leeruitkomst ${OUTCOME_OF_SKIPPED.number}: .* ontbreekt nog$`))]);
  });

  it('shows the coach who is ready, with credited time, outcomes met and what is missing', async () => {
    const ready = await coachList(anna, 'ready');
    expect(ready.map((p) => p.name).sort()).toEqual(['Carla Jansen', 'Fenna Visser', 'Gijs Smit']);
    for (const p of ready) {
      expect(p.creditedMinutes).toBeGreaterThanOrEqual(p.thresholdMinutes);
      expect(p.outcomesMet).toBe(course.outcomes.length);
      expect(p.missing).toEqual([]);
    }
    const daan = (await coachList(anna, 'in_progress')).find((p) => p.name === 'Daan de Vries')!;
    expect(daan.missing).toEqual([expect.stringMatching(/^leeruitkomst \d: .* ontbreekt nog$/)]);
    expect(daan.outcomesMet).toBe(course.outcomes.length - 1);
    expect((await api('GET', '/api/coach/participants?status=klaar', undefined, anna)).status).toBe(400);
  });
});

let sessionId: string;
let coachingId: string;

describe('the coach offers slots', () => {
  it('refuses slots that do not fit the form (400, in Dutch)', async () => {
    const base = { startsAt: new Date(serverNow + 2 * 86_400_000).toISOString(), endsAt: new Date(serverNow + 2 * 86_400_000 + 90 * 60_000).toISOString(), location: { kind: 'online', url: 'https://meet.voorbeeld.nl/x' } };
    const tooMany = await api('POST', '/api/coach/slots', { ...base, form: 'coaching', capacity: 3 }, anna);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: string }).error).toMatch(/precies één plaats/);
    expect((await api('POST', '/api/coach/slots', { ...base, form: 'inspiratiesessie', capacity: course.contactMoment.groupMax + 1 }, anna)).status).toBe(400);
    expect((await api('POST', '/api/coach/slots', { ...base, form: 'coaching', startsAt: new Date(serverNow - 3_600_000).toISOString() }, anna)).status).toBe(400);
    expect((await api('POST', '/api/coach/slots', { ...base, form: 'coaching', location: { kind: 'online', url: 'http://onveilig.nl' } }, anna)).status).toBe(400);
  });

  it('creates a group session of two places and a coaching conversation; the participant sees them', async () => {
    const startsAt = serverNow + 2 * 86_400_000;
    const session = await ok<{ slotId: string; capacity: number; booked: number }>(
      await api('POST', '/api/coach/slots', { form: 'inspiratiesessie', capacity: 2, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 90 * 60_000).toISOString(), location: { kind: 'place', address: 'Buurthuis De Brug, Utrecht' } }, anna),
      201,
    );
    expect(session).toMatchObject({ capacity: 2, booked: 0 });
    sessionId = session.slotId;
    const coaching = await ok<{ slotId: string; capacity: number }>(
      await api('POST', '/api/coach/slots', { form: 'coaching', startsAt: new Date(startsAt + 86_400_000).toISOString(), endsAt: new Date(startsAt + 86_400_000 + 3_600_000).toISOString(), location: { kind: 'online', url: 'https://meet.voorbeeld.nl/anna' } }, anna),
      201,
    );
    expect(coaching.capacity).toBe(1);
    coachingId = coaching.slotId;

    const view = await contactMoment(people.carla);
    expect(view.slots.find((s) => s.slotId === sessionId)).toMatchObject({ form: 'inspiratiesessie', placesLeft: 2 });
    expect(view.slots.find((s) => s.slotId === coachingId)).toMatchObject({ form: 'coaching', placesLeft: 1 });
    // Another coach's slots are not theirs to touch.
    const bramsSlots = await ok<{ slots: { slotId: string }[] }>(await api('GET', '/api/coach/slots', undefined, bram));
    expect(bramsSlots.slots.map((s) => s.slotId)).not.toContain(sessionId);
    expect((await api('DELETE', `/api/coach/slots/${sessionId}`, undefined, bram)).status).toBe(404);
  });
});

let winners: Person[];
let loser: Person;

describe('booking', () => {
  it('holds the capacity of a group session when three ready participants book at once', async () => {
    const racers = [people.carla, people.fenna, people.gijs];
    const responses = await Promise.all(racers.map((who) => api('POST', '/api/contact-moment/booking', { kind: 'slot', slotId: sessionId }, who.token)));
    const statuses = responses.map((r) => r.status);
    const texts = await Promise.all(responses.map((r) => r.clone().text()));
    expect(statuses.filter((s) => s === 200), texts.join(' | ')).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(1);
    const refused = responses[statuses.indexOf(409)]!;
    expect(((await refused.json()) as { error: string }).error).toMatch(/^Dit moment is inmiddels vol/);
    winners = racers.filter((_, i) => statuses[i] === 200);
    loser = racers[statuses.indexOf(409)]!;

    const { slots } = await ok<{ slots: Array<{ slotId: string; booked: number; placesLeft: number; bookings: { registration: string }[] }> }>(await api('GET', '/api/coach/slots', undefined, anna));
    const session = slots.find((s) => s.slotId === sessionId)!;
    expect(session).toMatchObject({ booked: 2, placesLeft: 0 });
    expect(session.bookings.map((b) => b.registration).sort()).toEqual(winners.map((w) => w.registration).sort());

    // The one who missed out takes the coaching conversation instead.
    await ok(await api('POST', '/api/contact-moment/booking', { kind: 'slot', slotId: coachingId }, loser.token));
    expect((await contactMoment(loser)).booking).toMatchObject({ kind: 'slot', form: 'coaching', slotId: coachingId, canChange: true });
  });

  it('shows the coach the booked participants as scheduled', async () => {
    const scheduled = await coachList(anna, 'scheduled');
    expect(scheduled.map((p) => p.registration).sort()).toEqual([people.carla, people.fenna, people.gijs].map((p) => p.registration).sort());
    expect(scheduled.find((p) => p.registration === winners[0]!.registration)?.booking).toMatchObject({ kind: 'slot', slotId: sessionId });
    expect(await coachList(anna, 'ready')).toEqual([]);
    expect((await contactMoment(winners[0]!)).status).toBe('scheduled');
  });

  it('lets a participant switch to a request to be contacted, cancel, and book again; the places follow', async () => {
    const who = winners[0]!;
    await ok(await api('POST', '/api/contact-moment/booking', { kind: 'contact-request', form: 'coaching' }, who.token));
    const placesLeft = async () => (await contactMoment(loser)).slots.find((s) => s.slotId === sessionId)?.placesLeft;
    expect(await placesLeft()).toBe(1);
    expect((await contactMoment(who)).booking).toMatchObject({ kind: 'contact-request', form: 'coaching', slotId: null });

    expect((await api('DELETE', '/api/contact-moment/booking', undefined, who.token)).status).toBe(204);
    expect(await contactMoment(who)).toMatchObject({ status: 'ready', booking: null });
    expect((await coachList(anna, 'ready')).map((p) => p.registration)).toEqual([who.registration]);
    const again = await api('DELETE', '/api/contact-moment/booking', undefined, who.token);
    expect(again.status).toBe(404);

    await ok(await api('POST', '/api/contact-moment/booking', { kind: 'slot', slotId: sessionId }, who.token));
    expect(await placesLeft()).toBeUndefined(); // full again: no longer offered
    // Booking the same slot twice changes nothing.
    await ok(await api('POST', '/api/contact-moment/booking', { kind: 'slot', slotId: sessionId }, who.token));
    const session = (await ok<{ slots: Array<{ slotId: string; booked: number }> }>(await api('GET', '/api/coach/slots', undefined, anna))).slots.find((s) => s.slotId === sessionId);
    expect(session?.booked).toBe(2);
  });

  it('keeps a slot with bookings from being deleted, and deletes an empty one', async () => {
    const refused = await api('DELETE', `/api/coach/slots/${sessionId}`, undefined, anna);
    expect(refused.status).toBe(409);
    const spare = await ok<{ slotId: string }>(
      await api('POST', '/api/coach/slots', { form: 'coaching', startsAt: new Date(serverNow + 5 * 86_400_000).toISOString(), endsAt: new Date(serverNow + 5 * 86_400_000 + 3_600_000).toISOString(), location: { kind: 'place', address: 'Kantoor' } }, anna),
      201,
    );
    expect((await api('DELETE', `/api/coach/slots/${spare.slotId}`, undefined, anna)).status).toBe(204);
    expect((await api('DELETE', `/api/coach/slots/${spare.slotId}`, undefined, anna)).status).toBe(404);
  });
});

describe("a coach and another coach's participants", () => {
  it('is 403 for the detail and for recording, and they are not on the list', async () => {
    const detail = await api('GET', `/api/coach/participants/${people.carla.registration}`, undefined, bram);
    expect(detail.status).toBe(403);
    expect(((await detail.json()) as { error: string }).error).toMatch(/niet aan jou gekoppeld/);
    const record = await api('POST', '/api/coach/contact-moments', { registration: people.carla.registration, attended: true, answers: {} }, bram);
    expect(record.status).toBe(403);
    expect((await coachList(bram)).map((p) => p.registration)).not.toContain(people.carla.registration);
    expect((await api('GET', `/api/coach/participants/${people.eva.registration}`, undefined, anna)).status).toBe(403);
    expect((await api('GET', `/api/coach/participants/${randomUUID()}`, undefined, anna)).status).toBe(404);
  });
});

interface Detail {
  status: string;
  consent: { shared: boolean; changedAt: string | null };
  shared: { spinnenweb: { scores: Record<string, number> }[]; reflections: { itemId: string; promptId: string; text: string }[] } | null;
  outcomes: { number: number; met: boolean }[];
}

describe('consent', () => {
  const detail = () => api('GET', `/api/coach/participants/${people.carla.registration}`, undefined, anna).then((r) => ok<Detail>(r));
  const reflectionPrompts = course.workMoments.flatMap((m) => m.items.flatMap((i) => (i.kind === 'reflection' ? i.prompts : [])));

  it('hides the spinnenweb and the reflections by default', async () => {
    const view = await detail();
    expect(view.consent).toEqual({ shared: false, changedAt: null });
    expect(view.shared).toBeNull();
    expect(view.outcomes.every((o) => o.met)).toBe(true);
    expect((await contactMoment(people.carla)).consent.shared).toBe(false);
  });

  it('shows them while the participant shares them, and hides them again when withdrawn', async () => {
    const given = await ok<{ shareWithCoach: boolean; changedAt: string }>(await api('PUT', '/api/consent', { shareWithCoach: true }, people.carla.token));
    expect(given.shareWithCoach).toBe(true);
    const shared = await detail();
    expect(shared.consent).toEqual({ shared: true, changedAt: given.changedAt });
    expect(shared.shared!.spinnenweb).toHaveLength(1);
    expect(Object.keys(shared.shared!.spinnenweb[0]!.scores).sort()).toEqual(course.spinnenweb.dimensions.map((d) => d.id).sort());
    expect(shared.shared!.reflections.map((r) => r.promptId)).toEqual(reflectionPrompts.map((p) => p.id));
    expect(shared.shared!.reflections[0]!.text).toBe(longText(reflectionPrompts[0]!.minWords + 5));

    await ok(await api('PUT', '/api/consent', { shareWithCoach: false }, people.carla.token));
    const withdrawn = await detail();
    expect(withdrawn.shared).toBeNull();
    expect(JSON.stringify(withdrawn)).not.toContain(reflectionPrompts[0]!.question);
    expect((await api('PUT', '/api/consent', { shareWithCoach: 'ja' }, people.carla.token)).status).toBe(400);
  });
});

const coachRecord = (date: string, overrides: Record<string, string | number> = {}) => ({
  vorm: 'inspiratiesessie',
  datum: date,
  'betekenis-persoonlijk': 'Ze vertelde dat ze beter naar haar eigen grenzen luistert en vaker vraagt wat er echt toe doet.',
  'betekenis-beroepsmatig': 'In haar werk laat ze de cliënt meer zelf de regie nemen en stelt ze eerst de vraag wat voor hem belangrijk is.',
  ...overrides,
});
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

let certificateId: string;

describe('recording the contact moment', () => {
  it('cannot be cancelled or changed once the session has started', async () => {
    await setServerTime(serverNow + 2 * 86_400_000 + 30 * 60_000); // half an hour into the session
    const cancel = await api('DELETE', '/api/contact-moment/booking', undefined, winners[1]!.token);
    expect(cancel.status).toBe(409);
    expect(((await cancel.json()) as { error: string }).error).toMatch(/al begonnen/);
    expect((await contactMoment(winners[1]!)).booking?.canChange).toBe(false);
  });

  it('says what the record lacks (400, in Dutch), and refuses to complete someone who is not ready (409)', async () => {
    const today = dayOf(serverNow);
    const incomplete = await api('POST', '/api/coach/contact-moments', { registration: people.carla.registration, attended: true, answers: { vorm: 'coaching', datum: today } }, anna);
    expect(incomplete.status).toBe(400);
    const body = (await incomplete.json()) as { error: string; issues: { path: string }[] };
    expect(body.error).toMatch(/^Het verslag is nog niet compleet/);
    expect(body.issues.map((i) => i.path)).toEqual(['answers.betekenis-persoonlijk', 'answers.betekenis-beroepsmatig']);
    const future = await api('POST', '/api/coach/contact-moments', { registration: people.carla.registration, attended: true, answers: coachRecord(dayOf(serverNow + 3 * 86_400_000)) }, anna);
    expect(future.status).toBe(400);
    expect(((await future.json()) as { error: string }).error).toMatch(/in de toekomst/);
    const notReady = await api('POST', '/api/coach/contact-moments', { registration: people.daan.registration, attended: true, answers: coachRecord(today) }, anna);
    expect(notReady.status).toBe(409);
    expect(((await notReady.json()) as { error: string }).error).toMatch(/nog niet klaar voor het contactmoment/);
  });

  it('completes the Introductie when attended: statements stored, readiness completed, certificate issued', async () => {
    const carla = people.carla;
    const today = dayOf(serverNow);
    const result = await ok<{ status: string; certificateId: string; record: { attended: boolean; date: string } }>(
      await api('POST', '/api/coach/contact-moments', { registration: carla.registration, attended: true, answers: coachRecord(today) }, anna),
      201,
    );
    expect(result).toMatchObject({ status: 'completed', record: { attended: true, date: today } });
    certificateId = result.certificateId;
    expect(certificateId).toMatch(/^[A-Z2-7]{26}$/);

    const statements = await xapiStatements(carla.registration);
    const attended = statements.filter((s) => s.verb.id === VERBS.attended);
    const completed = statements.filter((s) => s.verb.id === VERBS.completed && s.object.id === course.id);
    expect(attended).toHaveLength(1);
    expect(attended[0]!.context.instructor?.account?.name).toBe('demo-coach-anna');
    expect(completed).toHaveLength(1);
    expect(Object.values(completed[0]!.result?.extensions ?? {})).toContain(course.accreditationHours);
    // The coach's notes stay in the module.
    expect(JSON.stringify(statements)).not.toContain('eigen grenzen');

    expect((await coachList(anna, 'completed')).map((p) => p.registration)).toEqual([carla.registration]);
    expect(await contactMoment(carla)).toMatchObject({ status: 'completed', certificate: { certificateId } });

    const twice = await api('POST', '/api/coach/contact-moments', { registration: carla.registration, attended: true, answers: coachRecord(today) }, anna);
    expect(twice.status).toBe(409);
    expect((await api('DELETE', '/api/contact-moment/booking', undefined, carla.token)).status).toBe(409);
  });

  it('records a missed meeting and frees the participant to book again', async () => {
    const missed = winners.find((w) => w !== people.carla) ?? loser;
    const result = await ok<{ status: string; certificateId: string | null }>(
      await api('POST', '/api/coach/contact-moments', { registration: missed.registration, attended: false, answers: { vorm: 'inspiratiesessie', datum: dayOf(serverNow) } }, anna),
      201,
    );
    expect(result).toEqual(expect.objectContaining({ status: 'ready', certificateId: null }));
    expect(await contactMoment(missed)).toMatchObject({ status: 'ready', booking: null });
  });

  it('still accepts the follow-up choice after completion', async () => {
    const carla = people.carla;
    const choice = build.followUpChosen({ course, participant: { userId: carla.userId, name: carla.name }, registration: carla.registration, route: 'werken-met-groepen' });
    const { ids } = await ok<{ ids: string[] }>(await api('POST', '/api/statements', [choice], carla.token));
    expect(ids).toEqual([choice.id]);
    expect((await contactMoment(carla)).status).toBe('completed');
  });
});

interface VerifiedJson {
  valid: boolean;
  certificateId: string;
  name: string;
  course: { title: string; version: string };
  studyHours: number;
  completedOn: string;
}

describe('the certificate', () => {
  it('downloads as a PDF with the certificate id, the same certificate every time', async () => {
    const download = async () => {
      const response = await api('GET', '/api/certificate', undefined, people.carla.token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      return { id: response.headers.get('x-certificate-id'), bytes: Buffer.from(await response.arrayBuffer()) };
    };
    const first = await download();
    expect(first.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(first.bytes.toString('latin1')).toContain(certificateId);
    expect(first.bytes.toString('latin1')).toContain(`/verify/${certificateId}`);
    const second = await download();
    expect(second.id).toBe(certificateId);
  });

  it('is not there before completion (404, in Dutch)', async () => {
    const response = await api('GET', '/api/certificate', undefined, people.daan.token);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/^Je hebt nog geen certificaat/);
  });

  it('is confirmed by the public verification route, which shows name, course, hours and date only (and whether the name was erased)', async () => {
    const response = await app.fetch(`/verify/${certificateId}`, { headers: { accept: 'application/json' } });
    const verified = await ok<VerifiedJson>(response);
    expect(verified).toEqual({
      valid: true,
      certificateId,
      name: 'Carla Jansen',
      course: { title: course.title, version: course.versionId },
      studyHours: course.accreditationHours,
      completedOn: dayOf(serverNow),
      nameErased: false,
    });

    const page = await app.fetch(`/verify/${certificateId.toLowerCase().replace(/(.{5})/g, '$1-')}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('Dit certificaat is echt');
    expect(html).toContain('Carla Jansen');
    for (const text of [JSON.stringify(verified), html]) {
      expect(text).not.toContain('@');
      expect(text).not.toContain(people.carla.registration);
      expect(text).not.toContain(people.carla.userId);
      expect(text.toLowerCase()).not.toContain('score');
      expect(text).not.toContain('Anna');
    }
  });

  it('answers an unknown id with 404 and a clear message, as a page or as JSON', async () => {
    const unknownId = 'A'.repeat(26);
    const json = await app.fetch(`/verify/${unknownId}`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    expect(((await json.json()) as { error: string }).error).toMatch(/^Dit certificaatnummer is bij ons niet bekend/);
    const page = await app.fetch('/verify/niet-echt');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Dit certificaatnummer is bij ons niet bekend');
  });
});

/** Walkthrough statements without the answers to one reflection (its active time stays). */
function withoutReflection(sitting: TimedStatement[], itemId: string): TimedStatement[] {
  const prompts = new Set(course.workMoments.flatMap((m) => m.items).flatMap((i) => (i.id === itemId && i.kind === 'reflection' ? i.prompts.map((p) => build.promptIri(course, i.id, p.id)) : [])));
  return sitting.filter(({ statement }) => !prompts.has((statement.object as { id?: string }).id ?? ''));
}

interface XapiStatement {
  verb: { id: string };
  object: { id: string };
  context: { instructor?: { account?: { name: string } } };
  result?: { extensions?: Record<string, unknown> };
}

async function xapiStatements(registration: string): Promise<XapiStatement[]> {
  const out: XapiStatement[] = [];
  let path: string | undefined = `/xapi/statements?registration=${registration}&limit=100`;
  while (path) {
    const response = await app.fetch(path, { headers: { ...XAPI_HEADERS, authorization: app.basicAuth } });
    const body = (await ok<{ statements: XapiStatement[]; more?: string }>(response)) as { statements: XapiStatement[]; more?: string };
    out.push(...body.statements);
    path = body.more ? body.more.replace(/^https?:\/\/[^/]+/, '') : undefined;
  }
  return out;
}
