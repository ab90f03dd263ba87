/**
 * A launch of the hosted course from a thin SCORM package (issue 7, "dispatch"): the package's
 * export key and the LMS's learner become a participant session in this module.
 *
 * - The key must open its export (exports.ts): an altered key or a revoked export opens nothing,
 *   and nothing is written.
 * - The LMS's learner id (cmi.core.student_id / cmi.learner_id) is only meaningful within that
 *   LMS, so the participant is the pair (export, learner id). Its sign-in name is
 *   `lms-<exportId>-<learnerRef>`, learnerRef being a SHA-256 of the pair: the same learner
 *   always comes back to the same enrolment, on any device, and the LMS's id is not stored.
 * - The session itself comes from `LaunchSessions`: locally the local issuer signs a token; in
 *   AWS a Cognito user per learner signs in (adapters/cognito/launch-sessions.ts), so the app's
 *   routes see an ordinary participant.
 * - The participant's user record carries the name from the LMS (updated when the LMS changes it)
 *   and a made-up address under `.invalid` (RFC 2606: never deliverable), because a sign-in needs
 *   one and an LMS gives none.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import '../../zod-locale.js';
import type { UserStore } from '../../auth/ports.js';
import { verifyExportKey } from './exports.js';
import type { ExportStore } from './ports.js';

/** The domain of the made-up e-mail addresses of LMS learners. */
export const LMS_LEARNER_EMAIL_DOMAIN = 'lms.invalid';

export interface LaunchSessions {
  /** Makes sure the learner can sign in (as a participant) and signs them in: the token's `sub` and the token. */
  open(learner: { username: string; email: string; name: string }): Promise<{ userId: string; token: string }>;
}

export const LaunchInput = z.strictObject({
  key: z.string().check(z.minLength(1, 'key is missing: the package sends its export key'), z.maxLength(300)),
  learner: z.string().check(z.trim(), z.minLength(1, 'learner is missing: the LMS gives no learner id'), z.maxLength(255)),
  name: z.string().check(z.trim(), z.maxLength(255)),
});
export type LaunchInput = z.infer<typeof LaunchInput>;

export interface LaunchDeps {
  exports: Pick<ExportStore, 'get' | 'recordLaunch'>;
  users: UserStore;
  sessions: LaunchSessions;
  now: () => Date;
}

export interface LaunchResult {
  token: string;
  user: { userId: string; name: string };
  organisation: string;
}

export const openLaunch =
  (deps: LaunchDeps) =>
  async (launch: LaunchInput): Promise<LaunchResult> => {
    const record = await verifyExportKey(deps)(launch.key);
    const learnerRef = createHash('sha256').update(`${record.exportId}\n${launch.learner}`).digest('hex').slice(0, 32);
    const username = `lms-${record.exportId}-${learnerRef}`;
    const email = `${username}@${LMS_LEARNER_EMAIL_DOMAIN}`;
    const name = displayName(launch.name, record.organisation);
    const at = deps.now().toISOString();

    const { userId, token } = await deps.sessions.open({ username, email, name });
    const existing = await deps.users.getById(userId);
    if (!existing || existing.name !== name || !existing.roles.includes('participant')) {
      await deps.users.put({
        userId,
        email: existing?.email ?? email,
        name,
        roles: [...new Set([...(existing?.roles ?? []), 'participant' as const])],
        createdAt: existing?.createdAt ?? at,
      });
    }
    await deps.exports.recordLaunch({ exportId: record.exportId, userId, name, at });
    return { token, user: { userId, name }, organisation: record.organisation };
  };

/**
 * SCORM's learner name is "family, given" (cmi.core.student_name, cmi.learner_name); people read
 * "given family". An LMS that gives no name gets a neutral one.
 */
export function displayName(lmsName: string, organisation: string): string {
  const parts = lmsName.split(',').map((part) => part.trim());
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') return `${parts[1]} ${parts[0]}`;
  const name = lmsName.trim();
  return name !== '' ? name : `Deelnemer via ${organisation}`;
}
