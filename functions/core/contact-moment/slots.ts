/**
 * The coach's slots: moments they offer for the contact moment. A coaching conversation has one
 * place; an inspiration session has room for at least two and at most the course's groupMax.
 * Slots lie in the future when offered; one with bookings cannot be deleted (the participants
 * would silently lose their place), they cancel or the coach asks them to rebook first.
 */
import { randomUUID } from 'node:crypto';
import type { ContactForm, Course } from '../course/schema.js';
import { ConflictError, NotFoundError, ValidationError, type ErrorIssue } from '../errors.js';
import { SlotHasBookingsError, type Slot, type SlotBooking, type SlotLocation, type SlotStore } from './ports.js';

export interface NewSlotInput {
  form: ContactForm;
  startsAt: string;
  endsAt: string;
  /** Coaching: 1 (the default); inspiration session: 2 to groupMax (default groupMax). */
  capacity?: number;
  location: SlotLocation;
  note?: string;
}

/** Longest slot a coach can offer; the contact moment is planned at an hour or two. */
const MAX_SLOT_HOURS = 8;

export const createSlot =
  (deps: { slots: SlotStore; now: () => Date }) =>
  async (input: { coachId: string; course: Course; slot: NewSlotInput }): Promise<Slot> => {
    const { course, slot } = input;
    const issues: ErrorIssue[] = [];
    const groupMax = course.contactMoment.groupMax;
    if (!course.contactMoment.forms.includes(slot.form)) issues.push({ path: 'body.form', message: `kies ${course.contactMoment.forms.join(' of ')}` });
    const capacity = slot.capacity ?? (slot.form === 'coaching' ? 1 : groupMax);
    if (slot.form === 'coaching' && capacity !== 1) issues.push({ path: 'body.capacity', message: 'een coachingsgesprek heeft precies één plaats' });
    if (slot.form === 'inspiratiesessie' && (capacity < 2 || capacity > groupMax)) {
      issues.push({ path: 'body.capacity', message: `een inspiratiesessie heeft 2 tot ${groupMax} plaatsen` });
    }
    const start = Date.parse(slot.startsAt);
    const end = Date.parse(slot.endsAt);
    if (start <= deps.now().getTime()) issues.push({ path: 'body.startsAt', message: 'het begin ligt in het verleden; kies een moment dat nog moet komen' });
    if (end <= start) issues.push({ path: 'body.endsAt', message: 'het einde moet na het begin liggen' });
    else if (end - start > MAX_SLOT_HOURS * 3_600_000) issues.push({ path: 'body.endsAt', message: `een moment duurt hoogstens ${MAX_SLOT_HOURS} uur` });
    if (issues.length > 0) throw new ValidationError(`Dit moment kan zo niet: ${issues.map((i) => i.message).join('; ')}.`, { issues });

    const created: Slot = {
      slotId: randomUUID(),
      coachId: input.coachId,
      courseId: course.id,
      form: slot.form,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(end).toISOString(),
      capacity,
      booked: 0,
      location: slot.location,
      note: slot.note?.trim() ? slot.note.trim() : null,
      createdAt: deps.now().toISOString(),
    };
    await deps.slots.createSlot(created);
    return created;
  };

export const deleteSlot =
  (deps: { slots: SlotStore }) =>
  async (input: { coachId: string; slotId: string }): Promise<void> => {
    try {
      if (!(await deps.slots.deleteSlot(input.coachId, input.slotId))) {
        throw new NotFoundError('Dit moment bestaat niet, of het is niet van jou.');
      }
    } catch (error) {
      if (error instanceof SlotHasBookingsError) {
        throw new ConflictError('Er hebben zich al deelnemers voor dit moment aangemeld, dus je kunt het niet verwijderen. Vraag hen eerst een ander moment te kiezen.', { cause: error });
      }
      throw error;
    }
  };

export interface CoachSlotView extends Slot {
  placesLeft: number;
  bookings: Array<Pick<SlotBooking, 'registration' | 'participantName' | 'bookedAt'>>;
}

/** The coach's slots from `since` on (default: the last 30 days), with who booked them, soonest first. */
export const listCoachSlots =
  (deps: { slots: SlotStore; now: () => Date }) =>
  async (input: { coachId: string; since?: Date }): Promise<CoachSlotView[]> => {
    const since = (input.since ?? new Date(deps.now().getTime() - 30 * 86_400_000)).toISOString();
    const [slots, bookings] = await Promise.all([deps.slots.listSlots(input.coachId), deps.slots.listSlotBookings(input.coachId)]);
    return slots
      .filter((s) => s.endsAt >= since)
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
      .map((s) => ({
        ...s,
        placesLeft: Math.max(0, s.capacity - s.booked),
        bookings: bookings
          .filter((b) => b.slotId === s.slotId)
          .sort((a, b) => a.bookedAt.localeCompare(b.bookedAt))
          .map((b) => ({ registration: b.registration, participantName: b.participantName, bookedAt: b.bookedAt })),
      }));
  };
