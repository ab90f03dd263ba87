/**
 * The contact moment's storage ports: the coach's slots and who booked them, the participant's
 * booking, the coach assignment, the participant's consent to share with their coach, and the
 * coach's record of the meeting. Adapters: functions/adapters/dynamodb/. The readiness record
 * (functions/core/readiness/ports.ts) is a projection; these items are the source of truth for
 * everything the statements do not carry.
 */
import type { ContactForm } from '../course/schema.js';

// ---------------------------------------------------------------------------------------------
// Slots and bookings

export type SlotLocation = { kind: 'place'; address: string } | { kind: 'online'; url: string };

/** A moment a coach offers: one coaching conversation (capacity 1) or a group inspiration session. */
export interface Slot {
  slotId: string;
  coachId: string;
  courseId: string;
  form: ContactForm;
  startsAt: string;
  endsAt: string;
  capacity: number;
  /** Places taken; kept in the slot item and changed only inside the booking transactions. */
  booked: number;
  location: SlotLocation;
  note: string | null;
  createdAt: string;
}

/** One participant's place in a slot, as the coach sees it. */
export interface SlotBooking {
  coachId: string;
  slotId: string;
  registration: string;
  userId: string;
  participantName: string;
  bookedAt: string;
}

/** The participant's current booking: a place in a slot, or a request to be contacted. */
export interface ParticipantBooking {
  /** Random per booking; a change is conditional on the id read (optimistic check). */
  bookingId: string;
  registration: string;
  userId: string;
  kind: 'slot' | 'contact-request';
  form: ContactForm;
  /** The coach of the slot, or the coach assigned when the request was made (null: none yet). */
  coachId: string | null;
  slotId: string | null;
  startsAt: string | null;
  endsAt: string | null;
  bookedAt: string;
}

/** Why the store refused a booking change; the service turns it into a message for people. */
export type BookingRejection =
  /** The slot is full. */
  | 'slot-full'
  /** The slot has started (or ended): no booking, cancelling or rebooking any more. */
  | 'slot-started'
  /** The slot does not exist (any more). */
  | 'slot-gone'
  /** The current booking has started: it cannot be changed any more. */
  | 'current-started'
  /** The booking changed between read and write (another tab, a double click): read again. */
  | 'booking-changed';

export class BookingRejectedError extends Error {
  override readonly name = 'BookingRejectedError';
  constructor(
    readonly reason: BookingRejection,
    options: { cause?: unknown } = {},
  ) {
    super(`booking rejected: ${reason}`, options);
  }
}

/** The slot still has bookings, so the coach cannot delete it. */
export class SlotHasBookingsError extends Error {
  override readonly name = 'SlotHasBookingsError';
}

export interface SlotStore {
  createSlot(slot: Slot): Promise<void>;
  getSlot(coachId: string, slotId: string): Promise<Slot | undefined>;
  /** Deletes the coach's slot if nobody booked it; false if there is no such slot; SlotHasBookingsError if booked. */
  deleteSlot(coachId: string, slotId: string): Promise<boolean>;
  /** Every slot of the coach (a Query on the coach's partition), unsorted. */
  listSlots(coachId: string): Promise<Slot[]>;
  /** Every booking in the coach's slots. */
  listSlotBookings(coachId: string): Promise<SlotBooking[]>;

  getBooking(registration: string): Promise<ParticipantBooking | undefined>;
  /**
   * Stores `next` as the participant's booking, replacing `current` (null: there is none), in one
   * transaction: a place in a slot is taken only while the slot has room and has not started, and
   * a replaced slot booking is released only while it has not started (`now`). Throws
   * BookingRejectedError.
   */
  replaceBooking(input: { current: ParticipantBooking | null; next: ParticipantBooking; participantName: string; now: string }): Promise<void>;
  /**
   * Removes the participant's booking `current`, releasing its place. With `releaseOnlyBeforeStart`
   * a slot booking is removed only before its slot starts (the participant cancelling); without,
   * the place is left as taken (the coach recording a missed meeting afterwards).
   */
  removeBooking(input: { current: ParticipantBooking; now: string; releaseOnlyBeforeStart: boolean }): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Coach assignment

export interface CoachAssignment {
  userId: string;
  courseId: string;
  coachId: string;
  assignedAt: string;
  /** The admin who assigned. */
  assignedBy: string;
}

export interface CoachAssignmentStore {
  get(userId: string, courseId: string): Promise<CoachAssignment | undefined>;
  /** Several participants at once (the admin's list). */
  getMany(userIds: readonly string[], courseId: string): Promise<Map<string, CoachAssignment>>;
  put(assignment: CoachAssignment): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Consent

/** Whether the participant lets their coach see their spinnenweb and reflections. Default: no. */
export interface CoachConsent {
  registration: string;
  shared: boolean;
  /** When the participant last gave or withdrew it. */
  changedAt: string;
}

export interface ConsentStore {
  get(registration: string): Promise<CoachConsent | undefined>;
  put(consent: CoachConsent): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// The coach's record of a contact moment

export interface ContactMomentRecord {
  registration: string;
  coachId: string;
  /** The day it took place (YYYY-MM-DD) or was planned, as the coach recorded it. */
  date: string;
  form: ContactForm;
  attended: boolean;
  /** The coach's record form (course.contactMoment.coachRecord), field id → value. */
  answers: Record<string, string | number>;
  recordedAt: string;
}

export interface ContactMomentRecordStore {
  add(record: ContactMomentRecord): Promise<void>;
  /** Oldest first. */
  list(registration: string): Promise<ContactMomentRecord[]>;
}

// ---------------------------------------------------------------------------------------------
// People (the admin's lists)

export interface PersonSummary {
  userId: string;
  name: string;
  email: string;
  roles: string[];
}

export interface PeopleDirectory {
  /** Every user with this role (a Query on the users' index, never a Scan). */
  listByRole(role: 'participant' | 'coach'): Promise<PersonSummary[]>;
}
