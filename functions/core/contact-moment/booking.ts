/**
 * The participant's side of the contact moment: what they see (the gate, their booking, their
 * coach's open slots, their consent, their certificate), booking a place or asking to be
 * contacted, rebooking and cancelling.
 *
 * Rules:
 * - nothing is booked before the gate is open (403 with the Dutch list of what is missing), and
 *   nothing after completion;
 * - a participant picks from the slots of the coach assigned to them; without a coach they can
 *   still ask to be contacted;
 * - booking, rebooking and cancelling a place are possible until the slot starts; capacity is
 *   enforced by the store's transaction;
 * - every change is reflected in the readiness record (`booking`, status `scheduled`); the booking
 *   item is the truth, and a retried request brings a record that missed a change in step.
 */
import { randomUUID } from 'node:crypto';
import type { CertificateStore } from '../certificate/ports.js';
import type { ContactForm, Course } from '../course/schema.js';
import type { Enrolment } from '../enrolment/ports.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { ReadinessStatus } from '../readiness/ports.js';
import { checkGate, gateClosedMessage } from './booking-gate.js';
import { BookingRejectedError, type BookingRejection, type ConsentStore, type ParticipantBooking, type Slot, type SlotLocation } from './ports.js';
import { bookingSummary, changeReadiness, type ReadinessSyncDeps } from './readiness-sync.js';

export interface ContactMomentDeps extends ReadinessSyncDeps {
  consents: ConsentStore;
  certificates: CertificateStore;
}

export type BookingRequest = { kind: 'slot'; slotId: string } | { kind: 'contact-request'; form: ContactForm };

export interface OpenSlotView {
  slotId: string;
  form: ContactForm;
  startsAt: string;
  endsAt: string;
  capacity: number;
  placesLeft: number;
  location: SlotLocation;
  note: string | null;
}

export interface BookingView {
  kind: 'slot' | 'contact-request';
  form: ContactForm;
  slotId: string | null;
  startsAt: string | null;
  endsAt: string | null;
  location: SlotLocation | null;
  bookedAt: string;
  /** Cancelling and rebooking are possible until the slot starts (a request: until completion). */
  canChange: boolean;
}

export interface ContactMomentView {
  status: ReadinessStatus;
  gate: { open: boolean; missing: string[] };
  contactMoment: { title: string; minutes: number; forms: ContactForm[]; groupMax: number };
  coach: { name: string } | null;
  booking: BookingView | null;
  /** The coach's slots with room that have not started (only once the gate is open). */
  slots: OpenSlotView[];
  consent: { shared: boolean; changedAt: string | null };
  certificate: { certificateId: string } | null;
}

const REJECTIONS: Record<BookingRejection, () => Error> = {
  'slot-full': () => new ConflictError('Dit moment is inmiddels vol. Kies een ander moment, of vraag of je coach contact met je opneemt.'),
  'slot-started': () => new ConflictError('Dit moment is al begonnen of voorbij. Kies een moment dat nog moet komen.'),
  'slot-gone': () => new NotFoundError('Dit moment bestaat niet (meer). Kies een ander moment uit de lijst.'),
  'current-started': () =>
    new ConflictError('Je afspraak is al begonnen; die kun je niet meer wijzigen of annuleren. Lukte het niet om erbij te zijn? Neem dan contact op met je coach.'),
  'booking-changed': () => new ConflictError('Je afspraak is net gewijzigd, misschien in een ander venster. Laad de pagina opnieuw en probeer het nog eens.'),
};

function rejected(error: unknown): never {
  if (error instanceof BookingRejectedError) throw REJECTIONS[error.reason]();
  throw error;
}

export function openSlots(slots: readonly Slot[], course: Course, now: Date): OpenSlotView[] {
  const nowIso = now.toISOString();
  return slots
    .filter((s) => s.startsAt > nowIso && s.booked < s.capacity && course.contactMoment.forms.includes(s.form))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .map((s) => ({ slotId: s.slotId, form: s.form, startsAt: s.startsAt, endsAt: s.endsAt, capacity: s.capacity, placesLeft: s.capacity - s.booked, location: s.location, note: s.note }));
}

function canChange(booking: ParticipantBooking, now: Date): boolean {
  return booking.kind === 'contact-request' || (booking.startsAt !== null && booking.startsAt > now.toISOString());
}

export const contactMomentView =
  (deps: ContactMomentDeps) =>
  async (input: { enrolment: Enrolment; course: Course }): Promise<ContactMomentView> => {
    const { enrolment, course } = input;
    const [gate, assignment, booking, consent, certificate] = await Promise.all([
      checkGate(deps)(input),
      deps.coachAssignments.get(enrolment.userId, course.id),
      deps.slots.getBooking(enrolment.registration),
      deps.consents.get(enrolment.registration),
      deps.certificates.getByRegistration(enrolment.registration),
    ]);
    const now = deps.now();
    const coachId = assignment?.coachId ?? null;
    const [coach, slots, bookedSlot] = await Promise.all([
      coachId ? deps.users.getById(coachId) : undefined,
      coachId && gate.open && !gate.completed ? deps.slots.listSlots(coachId) : [],
      booking?.kind === 'slot' ? deps.slots.getSlot(booking.coachId!, booking.slotId!) : undefined,
    ]);
    const status: ReadinessStatus = gate.completed ? 'completed' : booking ? 'scheduled' : gate.open ? 'ready' : 'in_progress';
    return {
      status,
      gate: { open: gate.open, missing: gate.missing },
      contactMoment: { title: course.contactMoment.title, minutes: course.contactMoment.minutes, forms: [...course.contactMoment.forms], groupMax: course.contactMoment.groupMax },
      coach: coach ? { name: coach.name } : null,
      booking: booking
        ? {
            kind: booking.kind,
            form: booking.form,
            slotId: booking.slotId,
            startsAt: booking.startsAt,
            endsAt: booking.endsAt,
            location: bookedSlot?.location ?? null,
            bookedAt: booking.bookedAt,
            canChange: !gate.completed && canChange(booking, now),
          }
        : null,
      slots: openSlots(slots, course, now).filter((s) => s.slotId !== booking?.slotId),
      consent: { shared: consent?.shared ?? false, changedAt: consent?.changedAt ?? null },
      certificate: certificate ? { certificateId: certificate.certificateId } : null,
    };
  };

export const bookContactMoment =
  (deps: ContactMomentDeps) =>
  async (input: { enrolment: Enrolment; course: Course; participantName: string; request: BookingRequest }): Promise<ParticipantBooking> => {
    const { enrolment, course, request } = input;
    const gate = await checkGate(deps)(input);
    if (gate.completed) throw new ConflictError('Je hebt de Introductie al afgerond; een contactmoment plannen is niet meer nodig.');
    if (!gate.open) throw new ForbiddenError(gateClosedMessage(gate.missing), { issues: gate.missing.map((message) => ({ path: 'gate', message })) });

    const [assignment, current] = await Promise.all([deps.coachAssignments.get(enrolment.userId, course.id), deps.slots.getBooking(enrolment.registration)]);
    const coachId = assignment?.coachId ?? null;
    const now = deps.now();
    const base = { bookingId: randomUUID(), registration: enrolment.registration, userId: enrolment.userId, bookedAt: now.toISOString() };

    let next: ParticipantBooking;
    if (request.kind === 'slot') {
      if (!coachId) {
        throw new ConflictError('Er is nog geen coach aan je gekoppeld, dus er zijn nog geen momenten om uit te kiezen. Vraag of je benaderd wilt worden: dan neemt een coach contact met je op.');
      }
      if (current?.kind === 'slot' && current.slotId === request.slotId) return synced(deps, input, current, coachId);
      const slot = await deps.slots.getSlot(coachId, request.slotId);
      if (!slot) throw REJECTIONS['slot-gone']();
      next = { ...base, kind: 'slot', form: slot.form, coachId, slotId: slot.slotId, startsAt: slot.startsAt, endsAt: slot.endsAt };
    } else {
      if (!course.contactMoment.forms.includes(request.form)) {
        throw new ValidationError(`Kies een vorm die de cursus aanbiedt: ${course.contactMoment.forms.join(' of ')}.`, { issues: [{ path: 'body.form', message: 'onbekende vorm' }] });
      }
      if (current?.kind === 'contact-request' && current.form === request.form) return synced(deps, input, current, coachId);
      next = { ...base, kind: 'contact-request', form: request.form, coachId, slotId: null, startsAt: null, endsAt: null };
    }
    if (current && !canChange(current, now)) throw REJECTIONS['current-started']();

    await deps.slots.replaceBooking({ current: current ?? null, next, participantName: input.participantName, now: now.toISOString() }).catch(rejected);
    return synced(deps, input, next, coachId);
  };

export const cancelContactMoment =
  (deps: ContactMomentDeps) =>
  async (input: { enrolment: Enrolment; course: Course }): Promise<void> => {
    const { enrolment } = input;
    const current = await deps.slots.getBooking(enrolment.registration);
    if (!current) {
      // A retry after the booking was removed but before the readiness record followed: finish the job.
      const record = await deps.readiness.get(enrolment.registration);
      if (record?.booking && record.status !== 'completed') {
        await changeReadiness(deps)({ ...input, change: () => ({ booking: null }) });
        return;
      }
      throw new NotFoundError('Je hebt geen contactmoment gepland, dus er is niets te annuleren.');
    }
    const gate = await checkGate(deps)(input);
    if (gate.completed) throw new ConflictError('Je hebt de Introductie al afgerond; je afspraak hoort daar nu bij en kan niet meer geannuleerd worden.');
    const now = deps.now();
    if (!canChange(current, now)) throw REJECTIONS['current-started']();
    await deps.slots.removeBooking({ current, now: now.toISOString(), releaseOnlyBeforeStart: true }).catch(rejected);
    await changeReadiness(deps)({ ...input, change: () => ({ booking: null }) });
  };

/** Reflects the booking in the readiness record; the booking itself is stored already. */
async function synced(deps: ContactMomentDeps, input: { enrolment: Enrolment; course: Course }, booking: ParticipantBooking, coachId: string | null): Promise<ParticipantBooking> {
  await changeReadiness(deps)({ ...input, change: () => ({ booking: bookingSummary(booking), ...(coachId ? { coachId } : {}) }) });
  return booking;
}
