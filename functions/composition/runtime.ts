/**
 * The composition root shared by Lambda and the local runtime: builds the adapters and services
 * from the configuration, once per process (at first use, so a cold start pays only for what the
 * handler touches). The local runtime differs only in the environment it sets (DynamoDB Local's
 * endpoint, the local issuer's keys), see functions/local/environment.ts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createLocalJWKSet, createRemoteJWKSet, type JWK, type JWTVerifyGetKey } from 'jose';
import { readConfig, type Config } from './config.js';
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
import type { ErasureStore } from '../core/privacy/ports.js';
import type { ReadinessStore } from '../core/readiness/ports.js';
import type { EnrolmentStore } from '../core/enrolment/ports.js';
import type { DraftStore } from '../core/drafts/ports.js';
import { authenticateClient, verifyPersonToken } from '../core/auth/authenticate.js';
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
  authenticateClient: (authorizationHeader: string | undefined) => Promise<ClientPrincipal>;
  verifyPersonToken: (authorizationHeader: string | undefined) => Promise<PersonPrincipal>;
  /** Local runtime only: the private key of the local token issuer. */
  localSigningKey?: JWK;
}

let deps: Deps | undefined;

export function getDeps(): Deps {
  // In Lambda the environment never changes. Locally, one process may host several apps in turn
  // (tests, the benchmark), each with its own table: then the dependencies follow the table.
  if (!deps || deps.config.TABLE_NAME !== process.env.TABLE_NAME) deps = buildDeps(readConfig(), process.env);
  return deps;
}

/** Tests and the local runtime may build their own (e.g. with a fixed clock). */
export function buildDeps(config: Config, env: NodeJS.ProcessEnv, overrides: Partial<Deps> = {}): Deps {
  const client = new DynamoDBClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = config.TABLE_NAME;
  const clients = createClientStore({ doc, tableName });
  const users = createUserStore({ doc, tableName });
  const getKey = jwksFor(config, env);
  const localSigningKey = env.LOCAL_JWT_PRIVATE_JWK ? (JSON.parse(env.LOCAL_JWT_PRIVATE_JWK) as JWK) : undefined;
  return {
    config,
    now,
    statements: createStatementStore({ doc, tableName }),
    attachments: createAttachmentStore({ doc, tableName }),
    documents: createDocumentStore({ doc, tableName }),
    clients,
    users,
    enrolments: createEnrolmentStore({ doc, tableName }),
    appAuthority: { objectType: 'Agent', name: 'Introductie Positieve Gezondheid', account: { homePage: config.LRS_AUTHORITY_HOMEPAGE, name: 'introductie-pg-app' } },
    drafts: createDraftStore({ doc, tableName }),
    readiness: createReadinessStore({ doc, tableName }),
    // --- contact moment, coach workspace, certificates (begin)
    slots: createSlotStore({ doc, tableName }),
    coachAssignments: createCoachAssignmentStore({ doc, tableName }),
    consents: createConsentStore({ doc, tableName }),
    contactRecords: createContactRecordStore({ doc, tableName }),
    certificates: createCertificateStore({ doc, tableName }),
    people: createPeopleDirectory({ doc, tableName }),
    // --- contact moment, coach workspace, certificates (end)
    registrationNumbers: createRegistrationNumberStore({ doc, tableName }),
    completions: createCompletionIndex({ doc, tableName }),
    erasures: createErasureStore({ doc, tableName }),
    authenticateClient: authenticateClient({ clients, authorityHomePage: config.LRS_AUTHORITY_HOMEPAGE }),
    verifyPersonToken: verifyPersonToken({
      getKey,
      issuer: config.JWT_ISSUER,
      ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
    }),
    ...(localSigningKey ? { localSigningKey } : {}),
    ...overrides,
  };
}

/** The local runtime hands its public keys over directly; in AWS they come from Cognito's JWKS URL. */
function jwksFor(config: Config, env: NodeJS.ProcessEnv): JWTVerifyGetKey {
  if (env.LOCAL_JWT_PUBLIC_JWKS) return createLocalJWKSet(JSON.parse(env.LOCAL_JWT_PUBLIC_JWKS));
  return createRemoteJWKSet(new URL(config.JWKS_URL));
}
