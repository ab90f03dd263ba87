/**
 * The slot store's booking transactions on DynamoDB Local: capacity holds however many book at
 * once, a participant never holds two bookings, started slots refuse changes, and a slot with
 * bookings cannot be deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { createSlotStore } from '../../functions/adapters/dynamodb/slot-store.js';
import { BookingRejectedError, SlotHasBookingsError, type ParticipantBooking, type Slot, type SlotStore } from '../../functions/core/contact-moment/ports.js';

let table: TestTable;
let store: SlotStore;
const NOW = '2026-11-22T10:00:00.000Z';

beforeAll(async () => {
  table = await createTestTable();
  store = createSlotStore({ doc: table.doc, tableName: table.tableName });
});
afterAll(() => table?.drop());

function aSlot(overrides: Partial<Slot> = {}): Slot {
  return {
    slotId: randomUUID(),
    coachId: 'coach-a',
    courseId: 'https://introductie-pg.nl/xapi/course/introductie',
    form: 'inspiratiesessie',
    startsAt: '2026-11-25T18:00:00.000Z',
    endsAt: '2026-11-25T19:30:00.000Z',
    capacity: 5,
    booked: 0,
    location: { kind: 'online', url: 'https://meet.voorbeeld.nl/sessie' },
    note: null,
    createdAt: NOW,
    ...overrides,
  };
}

function aBooking(slot: Slot | null, overrides: Partial<ParticipantBooking> = {}): ParticipantBooking {
  const registration = overrides.registration ?? randomUUID();
  return {
    bookingId: randomUUID(),
    registration,
    userId: `user-${registration.slice(0, 8)}`,
    kind: slot ? 'slot' : 'contact-request',
    form: slot?.form ?? 'coaching',
    coachId: slot?.coachId ?? 'coach-a',
    slotId: slot?.slotId ?? null,
    startsAt: slot?.startsAt ?? null,
    endsAt: slot?.endsAt ?? null,
    bookedAt: NOW,
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BookingRejectedError);
  return (error as BookingRejectedError).reason;
}

describe('booking a place', () => {
  it('never gives more places than the capacity, however many book at once', async () => {
    const slot = aSlot({ capacity: 5 });
    await store.createSlot(slot);
    const attempts = Array.from({ length: 15 }, () => aBooking(slot));
    const results = await Promise.allSettled(attempts.map((next) => store.replaceBooking({ current: null, next, participantName: 'Deelnemer', now: NOW })));
    const won = results.filter((r) => r.status === 'fulfilled').length;
    const reasons = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as BookingRejectedError).reason] : []));
    expect(won).toBe(5);
    expect(reasons).toEqual(Array(10).fill('slot-full'));
    expect((await store.getSlot(slot.coachId, slot.slotId))?.booked).toBe(5);
    expect((await store.listSlotBookings(slot.coachId)).filter((b) => b.slotId === slot.slotId)).toHaveLength(5);
    const holders = await Promise.all(attempts.map((a) => store.getBooking(a.registration)));
    expect(holders.filter(Boolean)).toHaveLength(5);
  });

  it('keeps one booking per participant when two requests race', async () => {
    const slot = aSlot();
    await store.createSlot(slot);
    const registration = randomUUID();
    const results = await Promise.allSettled([
      store.replaceBooking({ current: null, next: aBooking(slot, { registration }), participantName: 'D', now: NOW }),
      store.replaceBooking({ current: null, next: aBooking(null, { registration }), participantName: 'D', now: NOW }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const booking = await store.getBooking(registration);
    expect((await store.getSlot(slot.coachId, slot.slotId))?.booked).toBe(booking?.kind === 'slot' ? 1 : 0);
  });

  it('refuses a slot that has started or does not exist', async () => {
    const started = aSlot({ startsAt: '2026-11-22T09:00:00.000Z' });
    await store.createSlot(started);
    expect(await rejection(store.replaceBooking({ current: null, next: aBooking(started), participantName: 'D', now: NOW }))).toBe('slot-started');
    expect(await rejection(store.replaceBooking({ current: null, next: aBooking(aSlot()), participantName: 'D', now: NOW }))).toBe('slot-gone');
  });
});

describe('rebooking and cancelling', () => {
  it('moves a place from one slot to another in one step', async () => {
    const first = aSlot();
    const second = aSlot();
    await Promise.all([store.createSlot(first), store.createSlot(second)]);
    const booking = aBooking(first);
    await store.replaceBooking({ current: null, next: booking, participantName: 'D', now: NOW });
    const moved = aBooking(second, { registration: booking.registration });
    await store.replaceBooking({ current: booking, next: moved, participantName: 'D', now: NOW });
    expect((await store.getSlot(first.coachId, first.slotId))?.booked).toBe(0);
    expect((await store.getSlot(second.coachId, second.slotId))?.booked).toBe(1);
    expect((await store.getBooking(booking.registration))?.slotId).toBe(second.slotId);
    // A change based on what was read before the move is refused.
    expect(await rejection(store.replaceBooking({ current: booking, next: aBooking(null, { registration: booking.registration }), participantName: 'D', now: NOW }))).toBe('booking-changed');
  });

  it('releases a place on cancel before the start, and refuses once it has started', async () => {
    const slot = aSlot();
    await store.createSlot(slot);
    const kept = aBooking(slot);
    const cancelled = aBooking(slot);
    await store.replaceBooking({ current: null, next: kept, participantName: 'A', now: NOW });
    await store.replaceBooking({ current: null, next: cancelled, participantName: 'B', now: NOW });
    await store.removeBooking({ current: cancelled, now: NOW, releaseOnlyBeforeStart: true });
    expect((await store.getSlot(slot.coachId, slot.slotId))?.booked).toBe(1);
    expect(await store.getBooking(cancelled.registration)).toBeUndefined();
    expect(await rejection(store.removeBooking({ current: kept, now: '2026-11-25T18:10:00.000Z', releaseOnlyBeforeStart: true }))).toBe('current-started');
    // Afterwards (a missed meeting) the booking goes, the place stays counted.
    await store.removeBooking({ current: kept, now: '2026-11-25T20:00:00.000Z', releaseOnlyBeforeStart: false });
    expect(await store.getBooking(kept.registration)).toBeUndefined();
    expect((await store.getSlot(slot.coachId, slot.slotId))?.booked).toBe(1);
  });
});

describe('deleting a slot', () => {
  it('deletes an empty slot, refuses one with bookings, and says when there is none', async () => {
    const empty = aSlot();
    const booked = aSlot();
    await Promise.all([store.createSlot(empty), store.createSlot(booked)]);
    await store.replaceBooking({ current: null, next: aBooking(booked), participantName: 'D', now: NOW });
    expect(await store.deleteSlot(empty.coachId, empty.slotId)).toBe(true);
    expect(await store.deleteSlot(empty.coachId, empty.slotId)).toBe(false);
    await expect(store.deleteSlot(booked.coachId, booked.slotId)).rejects.toBeInstanceOf(SlotHasBookingsError);
    // Another coach's slot is not found under their own name.
    expect(await store.deleteSlot('coach-b', booked.slotId)).toBe(false);
  });
});
