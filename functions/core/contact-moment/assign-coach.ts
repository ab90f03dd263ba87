/**
 * The admin's side: the participants with their coach, and assigning a participant to a coach.
 * The assignment is the source of truth for who may see a participant; it is also written into the
 * participant's readiness record (coachId), which puts them on the coach's list. Assigning enrols
 * the participant if they have not started yet, so the record (and the coach's list) has them.
 */
import type { UserStore } from '../auth/ports.js';
import type { Course } from '../course/schema.js';
import { enrol } from '../enrolment/enrol.js';
import type { EnrolmentStore } from '../enrolment/ports.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { ReadinessStatus } from '../readiness/ports.js';
import type { CoachAssignmentStore, PeopleDirectory } from './ports.js';
import { changeReadiness, type ReadinessSyncDeps } from './readiness-sync.js';

export interface AdminParticipant {
  userId: string;
  name: string;
  email: string;
  registration: string | null;
  status: ReadinessStatus | null;
  coach: { userId: string; name: string } | null;
}

export interface AdminParticipantsDeps {
  people: PeopleDirectory;
  coachAssignments: CoachAssignmentStore;
  enrolments: EnrolmentStore;
  readiness: ReadinessSyncDeps['readiness'];
}

export const listParticipantsWithCoach =
  (deps: AdminParticipantsDeps) =>
  async (input: { course: Course }): Promise<{ participants: AdminParticipant[]; coaches: Array<{ userId: string; name: string; email: string }> }> => {
    const [participants, coaches] = await Promise.all([deps.people.listByRole('participant'), deps.people.listByRole('coach')]);
    const assignments = await deps.coachAssignments.getMany(participants.map((p) => p.userId), input.course.id);
    const coachNames = new Map(coaches.map((c) => [c.userId, c.name]));
    const rows = await Promise.all(
      participants.map(async (p): Promise<AdminParticipant> => {
        const enrolment = await deps.enrolments.getForUser(p.userId, input.course.id);
        const readiness = enrolment ? await deps.readiness.get(enrolment.registration) : undefined;
        const coachId = assignments.get(p.userId)?.coachId;
        return {
          userId: p.userId,
          name: p.name,
          email: p.email,
          registration: enrolment?.registration ?? null,
          status: readiness?.status ?? null,
          coach: coachId ? { userId: coachId, name: coachNames.get(coachId) ?? coachId } : null,
        };
      }),
    );
    return {
      participants: rows.sort((a, b) => a.name.localeCompare(b.name, 'nl')),
      coaches: coaches.map((c) => ({ userId: c.userId, name: c.name, email: c.email })).sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    };
  };

export interface AssignCoachDeps extends ReadinessSyncDeps {
  users: UserStore;
  enrolments: EnrolmentStore;
}

export const assignCoach =
  (deps: AssignCoachDeps) =>
  async (input: { adminId: string; userId: string; coachId: string; course: Course }): Promise<AdminParticipant> => {
    const { course } = input;
    const [participant, coach] = await Promise.all([deps.users.getById(input.userId), deps.users.getById(input.coachId)]);
    if (!participant || !participant.roles.includes('participant')) throw new NotFoundError(`Er is geen deelnemer met id "${input.userId}". Kies een deelnemer uit de lijst.`);
    if (!coach || !coach.roles.includes('coach')) {
      throw new ValidationError(`"${input.coachId}" is geen coach. Kies een van de coaches uit de lijst.`, { issues: [{ path: 'body.coachId', message: 'geen coach' }] });
    }
    const enrolment = await enrol(deps)({ userId: participant.userId, courseId: course.id, courseVersion: course.versionId });
    const booking = await deps.slots.getBooking(enrolment.registration);
    const now = deps.now();
    if (booking?.kind === 'slot' && booking.coachId !== coach.userId && booking.startsAt !== null && booking.startsAt > now.toISOString()) {
      throw new ConflictError(
        `${participant.name} heeft al een afspraak bij de huidige coach. Laat die eerst annuleren (of wacht tot na het contactmoment) en wijs dan een andere coach toe.`,
      );
    }
    await deps.coachAssignments.put({ userId: participant.userId, courseId: course.id, coachId: coach.userId, assignedAt: now.toISOString(), assignedBy: input.adminId });
    const readiness = await changeReadiness(deps)({ enrolment, course, change: () => ({ coachId: coach.userId, participantName: participant.name }) });
    return {
      userId: participant.userId,
      name: participant.name,
      email: participant.email,
      registration: enrolment.registration,
      status: readiness.status,
      coach: { userId: coach.userId, name: coach.name },
    };
  };
