/**
 * Every dependency at once, for tests and scripts (functions/local/rebuild-projections.ts) that
 * reach into several stores. Lambda handlers do not use this: each names the stores it needs from
 * stores.ts, so its bundle carries only those adapters. Both build the same adapters from the same
 * configuration; the local runtime differs only in the environment it sets (DynamoDB Local's
 * endpoint, the local issuer's keys), see functions/local/environment.ts.
 */
import type { JWK } from 'jose';
import type { Config } from './config.js';
import { now } from './clock.js';
import { createStatementStore } from '../adapters/dynamodb/statement-store.js';
import { createAttachmentStore } from '../adapters/dynamodb/attachment-store.js';
import { createDocumentStore } from '../adapters/dynamodb/document-store.js';
import { createClientStore } from '../adapters/dynamodb/client-store.js';
import { createUserStore } from '../adapters/dynamodb/user-store.js';
import { createEnrolmentStore } from '../adapters/dynamodb/enrolment-store.js';
import { createDraftStore } from '../adapters/dynamodb/draft-store.js';
import { createReadinessStore } from '../adapters/dynamodb/readiness-store.js';
// --- contact moment, coach workspace, certificates (begin)
import { createSlotStore } from '../adapters/dynamodb/slot-store.js';
import { createCoachAssignmentStore } from '../adapters/dynamodb/coach-assignment-store.js';
import { createConsentStore } from '../adapters/dynamodb/consent-store.js';
import { createContactRecordStore } from '../adapters/dynamodb/contact-record-store.js';
import { createCertificateStore } from '../adapters/dynamodb/certificate-store.js';
import { createPeopleDirectory } from '../adapters/dynamodb/people-directory.js';
import type { CoachAssignmentStore, ConsentStore, ContactMomentRecordStore, PeopleDirectory, SlotStore } from '../core/contact-moment/ports.js';
import type { CertificateStore } from '../core/certificate/ports.js';
// --- contact moment, coach workspace, certificates (end)
import { createRegistrationNumberStore } from '../adapters/dynamodb/registration-number-store.js';
import { createCompletionIndex } from '../adapters/dynamodb/completion-index.js';
import type { RegistrationNumberStore } from '../core/accreditation/registration-number.js';
import type { CompletionIndex } from '../core/accreditation/report.js';
import { createErasureStore } from '../adapters/dynamodb/erasure-store.js';
import { createPackageStore } from '../adapters/dynamodb/package-store.js';
import { createPackageRecordStore } from '../adapters/dynamodb/package-record-store.js';
import type { PackageRecordStore, PackageStore } from '../core/scorm/imported/ports.js';
import type { ErasureStore } from '../core/privacy/ports.js';
import type { ReadinessStore } from '../core/readiness/ports.js';
import type { EnrolmentStore } from '../core/enrolment/ports.js';
import type { DraftStore } from '../core/drafts/ports.js';
import { authenticateClient } from '../core/auth/authenticate.js';
import { appAuthorityOf, localSigningKeyOf, personTokenVerifierOf, tableOf } from './stores.js';
import type { ClientStore, UserStore } from '../core/auth/ports.js';
import type { AuthorityAgent, ClientPrincipal, PersonPrincipal } from '../core/auth/principal.js';
import type { StatementStore } from '../core/xapi/statement-store.js';
import type { AttachmentStore } from '../core/xapi/attachment-store.js';
import type { DocumentStore } from '../core/xapi/documents/document-store.js';

export interface Deps {
  config: Config;
  now: () => Date;
  statements: StatementStore;
  /** Attachment data sent with statements (multipart/mixed), by sha2. */
  attachments: AttachmentStore;
  /** State, Activity Profile and Agent Profile documents, and the activities' canonical definitions. */
  documents: DocumentStore;
  clients: ClientStore;
  users: UserStore;
  enrolments: EnrolmentStore;
  /** Authority of the statements the module itself stores (app and server-made statements). */
  appAuthority: AuthorityAgent;
  drafts: DraftStore;
  /** The readiness projection per enrolment (functions/core/readiness/). */
  readiness: ReadinessStore;
  // --- contact moment, coach workspace, certificates (begin)
  /** The coaches' slots, who booked them, and each participant's booking. */
  slots: SlotStore;
  /** Which coach each participant has (set by the admin). */
  coachAssignments: CoachAssignmentStore;
  /** Whether a participant shares their spinnenweb and reflections with their coach. */
  consents: ConsentStore;
  /** The coaches' records of contact moments. */
  contactRecords: ContactMomentRecordStore;
  certificates: CertificateStore;
  /** Participants and coaches, for the admin's lists. */
  people: PeopleDirectory;
  // --- contact moment, coach workspace, certificates (end)
  registrationNumbers: RegistrationNumberStore;
  completions: CompletionIndex;
  /** A participant's right to erasure (functions/core/privacy/; the sign-ins: sign-in-accounts.ts). */
  erasures: ErasureStore;
  /** Imported SCORM packages and their files (functions/core/scorm/imported/). */
  packages: PackageStore;
  /** Each enrolment's SCORM run-time data per package. */
  packageRecords: PackageRecordStore;
  authenticateClient: (authorizationHeader: string | undefined) => Promise<ClientPrincipal>;
  verifyPersonToken: (authorizationHeader: string | undefined) => Promise<PersonPrincipal>;
  /** Local runtime only: the private key of the local token issuer. */
  localSigningKey?: JWK;
}

/** Tests and the local runtime may build their own (e.g. with a fixed clock). */
export function buildDeps(config: Config, env: NodeJS.ProcessEnv, overrides: Partial<Deps> = {}): Deps {
  const table = tableOf(config);
  const clients = createClientStore(table);
  const localSigningKey = localSigningKeyOf(env);
  return {
    config,
    now,
    statements: createStatementStore(table),
    attachments: createAttachmentStore(table),
    documents: createDocumentStore(table),
    clients,
    users: createUserStore(table),
    enrolments: createEnrolmentStore(table),
    appAuthority: appAuthorityOf(config),
    drafts: createDraftStore(table),
    readiness: createReadinessStore(table),
    // --- contact moment, coach workspace, certificates (begin)
    slots: createSlotStore(table),
    coachAssignments: createCoachAssignmentStore(table),
    consents: createConsentStore(table),
    contactRecords: createContactRecordStore(table),
    certificates: createCertificateStore(table),
    people: createPeopleDirectory(table),
    // --- contact moment, coach workspace, certificates (end)
    registrationNumbers: createRegistrationNumberStore(table),
    completions: createCompletionIndex(table),
    erasures: createErasureStore(table),
    packages: createPackageStore(table),
    packageRecords: createPackageRecordStore(table),
    authenticateClient: authenticateClient({ clients, authorityHomePage: config.LRS_AUTHORITY_HOMEPAGE }),
    verifyPersonToken: personTokenVerifierOf(config, env),
    ...(localSigningKey ? { localSigningKey } : {}),
    ...overrides,
  };
}
