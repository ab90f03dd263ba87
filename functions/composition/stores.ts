/**
 * The composition root per store: each function builds its adapter once per process (at first
 * use) on one shared DynamoDB document client. A handler names the stores it uses, so its bundle
 * carries only those adapters (esbuild drops the functions nobody calls, and with them their
 * imports): module load time follows bundle size. Keep this module free of top-level side
 * effects, or every bundle gets every adapter again.
 *
 * In Lambda the environment never changes. Locally, one process may host several apps in turn
 * (tests, the benchmark), each with its own table: then everything is rebuilt for the new table.
 * The full `Deps` (tests, scripts) is built by runtime.ts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createLocalJWKSet, createRemoteJWKSet, type JWK, type JWTVerifyGetKey } from 'jose';
import { readConfig, type Config } from './config.js';
import { createStatementStore } from '../adapters/dynamodb/statement-store.js';
import { createAttachmentStore } from '../adapters/dynamodb/attachment-store.js';
import { createDocumentStore } from '../adapters/dynamodb/document-store.js';
import { createClientStore } from '../adapters/dynamodb/client-store.js';
import { createUserStore } from '../adapters/dynamodb/user-store.js';
import { createEnrolmentStore } from '../adapters/dynamodb/enrolment-store.js';
import { createDraftStore } from '../adapters/dynamodb/draft-store.js';
import { createReadinessStore } from '../adapters/dynamodb/readiness-store.js';
import { createSlotStore } from '../adapters/dynamodb/slot-store.js';
import { createCoachAssignmentStore } from '../adapters/dynamodb/coach-assignment-store.js';
import { createConsentStore } from '../adapters/dynamodb/consent-store.js';
import { createContactRecordStore } from '../adapters/dynamodb/contact-record-store.js';
import { createCertificateStore } from '../adapters/dynamodb/certificate-store.js';
import { createPeopleDirectory } from '../adapters/dynamodb/people-directory.js';
import { createRegistrationNumberStore } from '../adapters/dynamodb/registration-number-store.js';
import { createCompletionIndex } from '../adapters/dynamodb/completion-index.js';
import { createErasureStore } from '../adapters/dynamodb/erasure-store.js';
import { createPackageStore } from '../adapters/dynamodb/package-store.js';
import { createPackageRecordStore } from '../adapters/dynamodb/package-record-store.js';
import { createExportStore } from '../adapters/dynamodb/export-store.js';
import { authenticateClient, verifyPersonToken } from '../core/auth/authenticate.js';
import type { AuthorityAgent, ClientPrincipal, PersonPrincipal } from '../core/auth/principal.js';

export { now } from './clock.js';

export interface Table {
  config: Config;
  doc: DynamoDBDocumentClient;
  tableName: string;
}

interface ProcessWiring extends Table {
  /** What has been built for this table, by the function that builds it. */
  built: Map<(table: Table) => unknown, unknown>;
}

let wiring: ProcessWiring | undefined;

/** The configuration and the document client, built at first use and again when the table changes. */
function currentWiring(): ProcessWiring {
  if (!wiring || wiring.tableName !== process.env.TABLE_NAME) wiring = { ...tableOf(readConfig()), built: new Map() };
  return wiring;
}

export function tableOf(config: Config): Table {
  const client = new DynamoDBClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { config, doc, tableName: config.TABLE_NAME };
}

/** `build(table)`, once per table. */
function once<T>(build: (table: Table) => T): T {
  const current = currentWiring();
  if (!current.built.has(build)) current.built.set(build, build(current));
  return current.built.get(build) as T;
}

export const config = (): Config => currentWiring().config;
export const statementStore = () => once(createStatementStore);
/** Attachment data sent with statements (multipart/mixed), by sha2. */
export const attachmentStore = () => once(createAttachmentStore);
/** State, Activity Profile and Agent Profile documents, and the activities' canonical definitions. */
export const documentStore = () => once(createDocumentStore);
export const clientStore = () => once(createClientStore);
export const userStore = () => once(createUserStore);
export const enrolmentStore = () => once(createEnrolmentStore);
export const draftStore = () => once(createDraftStore);
/** The readiness projection per enrolment (functions/core/readiness/). */
export const readinessStore = () => once(createReadinessStore);
/** The coaches' slots, who booked them, and each participant's booking. */
export const slotStore = () => once(createSlotStore);
/** Which coach each participant has (set by the admin). */
export const coachAssignmentStore = () => once(createCoachAssignmentStore);
/** Whether a participant shares their spinnenweb and reflections with their coach. */
export const consentStore = () => once(createConsentStore);
/** The coaches' records of contact moments. */
export const contactRecordStore = () => once(createContactRecordStore);
export const certificateStore = () => once(createCertificateStore);
/** Participants and coaches, for the admin's lists. */
export const peopleDirectory = () => once(createPeopleDirectory);
export const registrationNumberStore = () => once(createRegistrationNumberStore);
export const completionIndex = () => once(createCompletionIndex);
/** A participant's right to erasure (functions/core/privacy/; the sign-ins: sign-in-accounts.ts). */
export const erasureStore = () => once(createErasureStore);
/** Imported SCORM packages and their files (functions/core/scorm/imported/). */
export const packageStore = () => once(createPackageStore);
/** Each enrolment's SCORM run-time data per package. */
export const packageRecordStore = () => once(createPackageRecordStore);
/** SCORM exports per organisation and the LMS learners who arrive through them. */
export const exportStore = () => once(createExportStore);

/** Authority of the statements the module itself stores (app and server-made statements). */
export function appAuthorityOf(config: Config): AuthorityAgent {
  return { objectType: 'Agent', name: 'Introductie Positieve Gezondheid', account: { homePage: config.LRS_AUTHORITY_HOMEPAGE, name: 'introductie-pg-app' } };
}
export const appAuthority = () => once(buildAppAuthority);
function buildAppAuthority({ config }: Table) {
  return appAuthorityOf(config);
}

export const clientAuthenticator = (): ((authorizationHeader: string | undefined) => Promise<ClientPrincipal>) =>
  once(buildClientAuthenticator);
function buildClientAuthenticator({ config }: Table) {
  return authenticateClient({ clients: clientStore(), authorityHomePage: config.LRS_AUTHORITY_HOMEPAGE });
}

export const personTokenVerifier = (): ((authorizationHeader: string | undefined) => Promise<PersonPrincipal>) =>
  once(buildPersonTokenVerifier);
function buildPersonTokenVerifier({ config }: Table) {
  return personTokenVerifierOf(config, process.env);
}
export function personTokenVerifierOf(config: Config, env: NodeJS.ProcessEnv) {
  return verifyPersonToken({
    getKey: jwksFor(config, env),
    issuer: config.JWT_ISSUER,
    ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
  });
}

/** Local runtime only: the private key of the local token issuer. */
export const localSigningKey = () => once(buildLocalSigningKey);
function buildLocalSigningKey() {
  return localSigningKeyOf(process.env);
}
export function localSigningKeyOf(env: NodeJS.ProcessEnv): JWK | undefined {
  return env.LOCAL_JWT_PRIVATE_JWK ? (JSON.parse(env.LOCAL_JWT_PRIVATE_JWK) as JWK) : undefined;
}

/** The local runtime hands its public keys over directly; in AWS they come from Cognito's JWKS URL. */
function jwksFor(config: Config, env: NodeJS.ProcessEnv): JWTVerifyGetKey {
  if (env.LOCAL_JWT_PUBLIC_JWKS) return createLocalJWKSet(JSON.parse(env.LOCAL_JWT_PUBLIC_JWKS));
  return createRemoteJWKSet(new URL(config.JWKS_URL));
}
