/**
 * A participant's right to erasure (GDPR art. 17). Everything the module keeps about them goes:
 * the account, every xAPI statement they appear in (spinnenweb scores and reflections included),
 * their State and Agent Profile documents, drafts, readiness, booking, consent, the coach's
 * records and notes, and the registration number. What stays is what accreditation requires:
 * the certificate as the completion record (course, version, hours, points, completion date and
 * the contact moment's date and form), its name replaced by a pseudonym; plus a record of the
 * erasure itself, which holds only the random user id and dates.
 *
 * An erasure touches more items than one transaction can hold, so it is a sequence of idempotent
 * steps behind a record that is written first: from then on the participant's write routes refuse
 * (route-handler.ts), and a retry resumes where a failed attempt stopped. The sign-in goes last, so
 * whoever was interrupted can still sign in and try again.
 */
import type { UserStore } from '../auth/ports.js';
import { attendedMoment } from '../accreditation/report.js';
import type { CertificateStore } from '../certificate/ports.js';
import { BookingRejectedError, type ContactMomentRecordStore, type SlotStore } from '../contact-moment/ports.js';
import type { Course } from '../course/schema.js';
import type { EnrolmentStore } from '../enrolment/ports.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { Role } from '../auth/principal.js';
import { participantAgentKey } from '../progress/participant.js';
import { agentKey } from '../xapi/agents.js';
import type { ErasureRecord, ErasureStore, SignInAccounts } from './ports.js';
import { createHash } from 'node:crypto';

/** What the participant types to confirm: erasure cannot be undone. */
export const ERASURE_CONFIRMATION = 'VERWIJDER';
const ROLE_NAMES: Record<Role, string> = { participant: 'deelnemer', coach: 'coach', admin: 'beheerder', accreditor: 'accreditatie-instantie' };

/** The name a pseudonymised certificate carries. */
export const ERASED_NAME = 'Deelnemer (gegevens verwijderd)';

export interface EraseDeps {
  users: UserStore;
  enrolments: EnrolmentStore;
  slots: SlotStore;
  contactRecords: ContactMomentRecordStore;
  certificates: CertificateStore;
  erasures: ErasureStore;
  signIns: SignInAccounts;
  now: () => Date;
}

/** The participant themselves, or an admin on their behalf (e.g. who can no longer sign in). */
export type ErasureRequester = { kind: 'participant'; roles: readonly Role[] } | { kind: 'admin'; adminId: string };

export const eraseMyData =
  (deps: EraseDeps) =>
  async (input: { userId: string; course: Course; confirmation: unknown; requestedBy: ErasureRequester }): Promise<ErasureRecord> => {
    if (input.confirmation !== ERASURE_CONFIRMATION) {
      throw new ValidationError(`Typ ${ERASURE_CONFIRMATION} om te bevestigen dat je al je gegevens wilt laten verwijderen.`, {
        issues: [{ path: 'confirmation', message: `must be "${ERASURE_CONFIRMATION}"` }],
      });
    }
    const { userId, course, requestedBy } = input;
    const user = await deps.users.getById(userId);
    if (requestedBy.kind === 'participant') {
      // A coach, admin or accreditation body is more than a participant: erasing their account
      // here would also end that role. That is the admin's decision, not a button on the course page.
      const otherRoles = (user?.roles ?? requestedBy.roles).filter((role) => role !== 'participant');
      if (otherRoles.length > 0) {
        throw new ConflictError(
          `Je account is ook in gebruik als ${otherRoles.map((role) => ROLE_NAMES[role]).join(' en ')}. Vraag de beheerder om je gegevens te verwijderen, zodat die rol goed wordt afgesloten.`,
        );
      }
    } else {
      if (requestedBy.adminId === userId) throw new ConflictError('Je kunt je eigen account niet zo verwijderen. Vraag een andere beheerder.');
      // Nothing to erase and no erasure to finish: a mistyped id must not leave a record behind.
      if (!user && !(await deps.erasures.get(userId)) && !(await deps.enrolments.getForUser(userId, course.id))) {
        throw new NotFoundError(`Er is geen deelnemer met id ${userId}.`);
      }
    }
    const started = await deps.erasures.begin(userId, deps.now().toISOString(), requestedBy.kind === 'admin' ? `admin:${requestedBy.adminId}` : 'participant');
    const enrolment = await deps.enrolments.getForUser(userId, course.id);

    let certificateId = started.certificateId;
    if (enrolment) {
      await releaseFutureBooking(deps, enrolment.registration);
      const certificate = await deps.certificates.getByRegistration(enrolment.registration);
      if (certificate) {
        const contactMoment = certificate.contactMoment ?? attendedMoment(await deps.contactRecords.list(enrolment.registration));
        await deps.erasures.pseudonymiseCertificate({
          certificateId: certificate.certificateId,
          participantName: ERASED_NAME,
          erasedAt: certificate.erasedAt ?? started.requestedAt,
          ...(contactMoment ? { contactMoment } : {}),
        });
        certificateId = certificate.certificateId;
      }
    }
    const agents = agentKeysOf(userId, user?.email);
    const statements = await deps.erasures.eraseStatements(agents);
    const documents = await deps.erasures.eraseDocuments(agents, [...new Set([course.id, ...statements.activityIds])]);
    const enrolmentItems = enrolment ? await deps.erasures.eraseEnrolment(enrolment) : 0;
    const userItems = await deps.erasures.eraseUser(userId);
    await deps.signIns.delete(userId);
    const done = {
      ...started,
      status: 'done' as const,
      completedAt: deps.now().toISOString(),
      ...(certificateId ? { certificateId } : {}),
      counts: { statements: statements.count, documents, enrolmentItems, userItems },
    };
    await deps.erasures.complete(done);
    return done;
  };

/**
 * Every identity the participant may appear under in statements: the course's own account, and
 * their e-mail address as mbox and as mbox_sha1sum (a third-party xAPI client may use either).
 */
export function agentKeysOf(userId: string, email: string | undefined): string[] {
  const keys = [participantAgentKey(userId)];
  if (email) {
    const mbox = `mailto:${email}`;
    keys.push(agentKey({ mbox })!, agentKey({ mbox_sha1sum: createHash('sha1').update(mbox).digest('hex') })!);
  }
  return keys;
}

/** A booked place in a slot still to come is given back, so another participant can take it. */
async function releaseFutureBooking(deps: EraseDeps, registration: string): Promise<void> {
  const booking = await deps.slots.getBooking(registration);
  const now = deps.now().toISOString();
  if (booking?.kind !== 'slot' || booking.startsAt === null || booking.startsAt <= now) return;
  // A place whose slot started meanwhile stays counted as taken; the place item goes with the enrolment.
  await deps.slots.removeBooking({ current: booking, now, releaseOnlyBeforeStart: true }).catch((error: unknown) => {
    if (!(error instanceof BookingRejectedError)) throw error;
  });
}
