/**
 * The dependency sets several handlers share, built from stores.ts for a handler's `deps`
 * (functions/http/route-handler.ts). Each is a function, so a bundle carries only the sets (and
 * the adapters) its handler names.
 */
import type { ReadinessDeps } from '../core/readiness/update-readiness.js';
import type { ReadinessSyncDeps } from '../core/contact-moment/readiness-sync.js';
import type { CoachWorkspaceDeps } from '../core/contact-moment/coach-workspace.js';
import type { EraseDeps } from '../core/privacy/erase-my-data.js';
import {
  appAuthority,
  certificateStore,
  coachAssignmentStore,
  config,
  consentStore,
  contactRecordStore,
  enrolmentStore,
  erasureStore,
  now,
  packageStore,
  readinessStore,
  slotStore,
  statementStore,
  userStore,
} from './stores.js';

/** The readiness projection (functions/core/readiness/), with the imported packages in the course. */
export function readinessDeps() {
  const deps = {
    statements: statementStore(),
    enrolments: enrolmentStore(),
    users: userStore(),
    readiness: readinessStore(),
    now,
    appAuthority: appAuthority(),
    packages: packageStore(),
  };
  return deps satisfies Required<ReadinessDeps>;
}

/** The readiness projection kept in step with coach assignments and bookings. */
export function readinessSyncDeps() {
  return { ...readinessDeps(), coachAssignments: coachAssignmentStore(), slots: slotStore() } satisfies ReadinessSyncDeps;
}

/** A coach's view of their participants. */
export function coachWorkspaceDeps() {
  return { ...readinessSyncDeps(), consents: consentStore(), contactRecords: contactRecordStore() } satisfies CoachWorkspaceDeps;
}

/** A participant's right to erasure, but for the sign-ins (sign-in-accounts.ts, which needs the config). */
export function erasureDeps() {
  const deps = {
    config: config(),
    users: userStore(),
    enrolments: enrolmentStore(),
    slots: slotStore(),
    contactRecords: contactRecordStore(),
    certificates: certificateStore(),
    erasures: erasureStore(),
    now,
  };
  return deps satisfies Omit<EraseDeps, 'signIns'>;
}
