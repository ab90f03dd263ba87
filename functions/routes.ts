/**
 * The route table: the single list of every HTTP route, who may call it and what it may do to
 * the table. The CDK stack creates one Lambda function per entry, the local server dispatches on
 * it, and the handlers look up their own entry to enforce authorization. A test walks it and
 * proves that every role gets 401/403 where it should.
 */
import type { Role, XapiScope } from './core/auth/principal.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

export type RouteAuth =
  /** Anyone, no credentials. */
  | { kind: 'public' }
  /**
   * xAPI client with HTTP Basic key/secret holding at least one of these scopes. An accreditation
   * body's client is refused (403) unless `accreditation` says the route serves it its allow-list.
   */
  | { kind: 'xapi'; scopes: readonly XapiScope[]; accreditation?: 'allow-list' }
  /** A person with a valid JWT in at least one of these roles. */
  | { kind: 'jwt'; roles: readonly Role[] };

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway style path; `{name}` marks a path parameter. */
  path: string;
  /** Handler module relative to the repository root; it exports `handler`. */
  handler: string;
  auth: RouteAuth;
  /** What the function may do with the DynamoDB table (drives least-privilege IAM). */
  table: 'none' | 'read' | 'readwrite';
  /** Served by the local runtime only (in AWS, Cognito replaces these). */
  localOnly?: boolean;
  /** Sends to the forwarding queue (AWS: gets FORWARD_QUEUE_URL and sqs:SendMessage on it only). */
  forwardQueue?: 'send';
  /**
   * Touches people's sign-ins in the user pool (AWS: gets USER_POOL_ID and only these actions on
   * the pool): `delete` deletes them (AdminDeleteUser); `launch` makes and signs in LMS learners
   * (AdminGetUser, AdminCreateUser, AdminUpdateUserAttributes, AdminAddUserToGroup,
   * AdminSetUserPassword, AdminInitiateAuth).
   */
  signIns?: 'delete' | 'launch';
  /** Reads the SCORM schema files (XSDs) at run time: the stack puts them beside the bundle. */
  files?: 'scorm-schemas';
}

const READ_SCOPES = ['statements/read', 'statements/read/mine', 'all/read', 'all'] as const;
const WRITE_SCOPES = ['statements/write', 'all'] as const;
const EVERY_ROLE = ['participant', 'coach', 'admin', 'accreditor'] as const;
// Documents and the Activities/Agents resources (xAPI 1.0.3 OAuth scopes, Communication 4.1).
const STATE_READ = ['state', 'all/read', 'all'] as const;
const STATE_WRITE = ['state', 'all'] as const;
const PROFILE_READ = ['profile', 'all/read', 'all'] as const;
const PROFILE_WRITE = ['profile', 'all'] as const;
/** Definitions come from statements and a Person echoes the agent asked for: statements/read sees as much. */
const DESCRIBE_READ = ['statements/read', 'profile', 'all/read', 'all'] as const;

export const routes = [
  { method: 'GET', path: '/xapi/about', handler: 'functions/handlers/xapi/about.ts', auth: { kind: 'public' }, table: 'none' },
  { method: 'PUT', path: '/xapi/statements', handler: 'functions/handlers/xapi/statements-put.ts', auth: { kind: 'xapi', scopes: WRITE_SCOPES }, table: 'readwrite' },
  { method: 'POST', path: '/xapi/statements', handler: 'functions/handlers/xapi/statements-post.ts', auth: { kind: 'xapi', scopes: WRITE_SCOPES }, table: 'readwrite' },
  { method: 'GET', path: '/xapi/statements', handler: 'functions/handlers/xapi/statements-get.ts', auth: { kind: 'xapi', scopes: READ_SCOPES, accreditation: 'allow-list' }, table: 'read' },
  { method: 'HEAD', path: '/xapi/statements', handler: 'functions/handlers/xapi/statements-get.ts', auth: { kind: 'xapi', scopes: READ_SCOPES, accreditation: 'allow-list' }, table: 'read' },
  // --- xAPI documents, Activities and Agents resources (begin)
  { method: 'GET', path: '/xapi/activities/state', handler: 'functions/handlers/xapi/state-get.ts', auth: { kind: 'xapi', scopes: STATE_READ }, table: 'read' },
  { method: 'HEAD', path: '/xapi/activities/state', handler: 'functions/handlers/xapi/state-get.ts', auth: { kind: 'xapi', scopes: STATE_READ }, table: 'read' },
  { method: 'PUT', path: '/xapi/activities/state', handler: 'functions/handlers/xapi/state-put.ts', auth: { kind: 'xapi', scopes: STATE_WRITE }, table: 'readwrite' },
  { method: 'POST', path: '/xapi/activities/state', handler: 'functions/handlers/xapi/state-post.ts', auth: { kind: 'xapi', scopes: STATE_WRITE }, table: 'readwrite' },
  { method: 'DELETE', path: '/xapi/activities/state', handler: 'functions/handlers/xapi/state-delete.ts', auth: { kind: 'xapi', scopes: STATE_WRITE }, table: 'readwrite' },
  { method: 'GET', path: '/xapi/activities/profile', handler: 'functions/handlers/xapi/activity-profile-get.ts', auth: { kind: 'xapi', scopes: PROFILE_READ }, table: 'read' },
  { method: 'HEAD', path: '/xapi/activities/profile', handler: 'functions/handlers/xapi/activity-profile-get.ts', auth: { kind: 'xapi', scopes: PROFILE_READ }, table: 'read' },
  { method: 'PUT', path: '/xapi/activities/profile', handler: 'functions/handlers/xapi/activity-profile-put.ts', auth: { kind: 'xapi', scopes: PROFILE_WRITE }, table: 'readwrite' },
  { method: 'POST', path: '/xapi/activities/profile', handler: 'functions/handlers/xapi/activity-profile-post.ts', auth: { kind: 'xapi', scopes: PROFILE_WRITE }, table: 'readwrite' },
  { method: 'DELETE', path: '/xapi/activities/profile', handler: 'functions/handlers/xapi/activity-profile-delete.ts', auth: { kind: 'xapi', scopes: PROFILE_WRITE }, table: 'readwrite' },
  { method: 'GET', path: '/xapi/agents/profile', handler: 'functions/handlers/xapi/agent-profile-get.ts', auth: { kind: 'xapi', scopes: PROFILE_READ }, table: 'read' },
  { method: 'HEAD', path: '/xapi/agents/profile', handler: 'functions/handlers/xapi/agent-profile-get.ts', auth: { kind: 'xapi', scopes: PROFILE_READ }, table: 'read' },
  { method: 'PUT', path: '/xapi/agents/profile', handler: 'functions/handlers/xapi/agent-profile-put.ts', auth: { kind: 'xapi', scopes: PROFILE_WRITE }, table: 'readwrite' },
  { method: 'POST', path: '/xapi/agents/profile', handler: 'functions/handlers/xapi/agent-profile-post.ts', auth: { kind: 'xapi', scopes: PROFILE_WRITE }, table: 'readwrite' },
  { method: 'DELETE', path: '/xapi/agents/profile', handler: 'functions/handlers/xapi/agent-profile-delete.ts', auth: { kind: 'xapi', scopes: PROFILE_WRITE }, table: 'readwrite' },
  { method: 'GET', path: '/xapi/activities', handler: 'functions/handlers/xapi/activities-get.ts', auth: { kind: 'xapi', scopes: DESCRIBE_READ }, table: 'read' },
  { method: 'HEAD', path: '/xapi/activities', handler: 'functions/handlers/xapi/activities-get.ts', auth: { kind: 'xapi', scopes: DESCRIBE_READ }, table: 'read' },
  { method: 'GET', path: '/xapi/agents', handler: 'functions/handlers/xapi/agents-get.ts', auth: { kind: 'xapi', scopes: DESCRIBE_READ }, table: 'read' },
  { method: 'HEAD', path: '/xapi/agents', handler: 'functions/handlers/xapi/agents-get.ts', auth: { kind: 'xapi', scopes: DESCRIBE_READ }, table: 'read' },
  // --- xAPI documents, Activities and Agents resources (end)

  { method: 'POST', path: '/auth/login', handler: 'functions/handlers/app/local-login.ts', auth: { kind: 'public' }, table: 'read', localOnly: true },
  { method: 'GET', path: '/.well-known/jwks.json', handler: 'functions/handlers/app/local-jwks.ts', auth: { kind: 'public' }, table: 'none', localOnly: true },
  { method: 'GET', path: '/api/me', handler: 'functions/handlers/app/me.ts', auth: { kind: 'jwt', roles: EVERY_ROLE }, table: 'read' },
  { method: 'GET', path: '/api/config', handler: 'functions/handlers/app/config.ts', auth: { kind: 'public' }, table: 'none' },
  { method: 'GET', path: '/api/course', handler: 'functions/handlers/app/course.ts', auth: { kind: 'jwt', roles: EVERY_ROLE }, table: 'read' },
  { method: 'GET', path: '/api/enrolment', handler: 'functions/handlers/app/enrolment.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'POST', path: '/api/statements', handler: 'functions/handlers/app/statements-record.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'GET', path: '/api/progress', handler: 'functions/handlers/app/progress.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'POST', path: '/api/final-test', handler: 'functions/handlers/app/final-test.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'GET', path: '/api/drafts', handler: 'functions/handlers/app/drafts-list.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'read' },
  { method: 'PUT', path: '/api/drafts/{itemId}', handler: 'functions/handlers/app/drafts-put.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  // The participant's right of access: everything kept about them, as JSON (functions/core/privacy/).
  { method: 'GET', path: '/api/me/export', handler: 'functions/handlers/app/my-data-export.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'read' },
  // ... and their right to erasure: everything goes but the pseudonymised completion record.
  { method: 'POST', path: '/api/me/erasure', handler: 'functions/handlers/app/my-data-erase.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite', signIns: 'delete' },
  { method: 'POST', path: '/__test/clock', handler: 'functions/handlers/app/local-test-clock.ts', auth: { kind: 'public' }, table: 'none', localOnly: true },
  { method: 'GET', path: '/api/admin/xapi-clients', handler: 'functions/handlers/app/admin-clients-list.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'read' },
  { method: 'POST', path: '/api/admin/xapi-clients', handler: 'functions/handlers/app/admin-clients-create.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'readwrite' },
  // --- contact moment, coach workspace, completion, certificate (begin)
  { method: 'GET', path: '/api/contact-moment', handler: 'functions/handlers/app/contact-moment-get.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'POST', path: '/api/contact-moment/booking', handler: 'functions/handlers/app/contact-moment-book.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'DELETE', path: '/api/contact-moment/booking', handler: 'functions/handlers/app/contact-moment-cancel.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'PUT', path: '/api/consent', handler: 'functions/handlers/app/consent-put.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'GET', path: '/api/certificate', handler: 'functions/handlers/app/certificate-get.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'GET', path: '/api/coach/participants', handler: 'functions/handlers/app/coach-participants-list.ts', auth: { kind: 'jwt', roles: ['coach'] }, table: 'read' },
  { method: 'GET', path: '/api/coach/participants/{registration}', handler: 'functions/handlers/app/coach-participant-get.ts', auth: { kind: 'jwt', roles: ['coach'] }, table: 'read' },
  { method: 'GET', path: '/api/coach/slots', handler: 'functions/handlers/app/coach-slots-list.ts', auth: { kind: 'jwt', roles: ['coach'] }, table: 'read' },
  { method: 'POST', path: '/api/coach/slots', handler: 'functions/handlers/app/coach-slots-create.ts', auth: { kind: 'jwt', roles: ['coach'] }, table: 'readwrite' },
  { method: 'DELETE', path: '/api/coach/slots/{slotId}', handler: 'functions/handlers/app/coach-slots-delete.ts', auth: { kind: 'jwt', roles: ['coach'] }, table: 'readwrite' },
  { method: 'POST', path: '/api/coach/contact-moments', handler: 'functions/handlers/app/coach-contact-moments-record.ts', auth: { kind: 'jwt', roles: ['coach'] }, table: 'readwrite' },
  { method: 'GET', path: '/api/admin/participants', handler: 'functions/handlers/app/admin-participants-list.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'read' },
  { method: 'PUT', path: '/api/admin/participants/{userId}/coach', handler: 'functions/handlers/app/admin-participant-coach-put.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'readwrite' },
  { method: 'POST', path: '/api/admin/participants/{userId}/erasure', handler: 'functions/handlers/app/admin-participant-erase.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'readwrite', signIns: 'delete' },
  // --- imported SCORM packages (begin)
  { method: 'GET', path: '/api/admin/packages', handler: 'functions/handlers/app/admin-packages-list.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'read' },
  { method: 'POST', path: '/api/admin/packages', handler: 'functions/handlers/app/admin-packages-create.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'readwrite', files: 'scorm-schemas' },
  { method: 'DELETE', path: '/api/admin/packages/{packageId}', handler: 'functions/handlers/app/admin-packages-delete.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'readwrite' },
  { method: 'GET', path: '/scorm/content/{packageId}/{path+}', handler: 'functions/handlers/app/scorm-content.ts', auth: { kind: 'public' }, table: 'read' },
  { method: 'GET', path: '/api/me/packages/{itemId}', handler: 'functions/handlers/app/my-package-get.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'PUT', path: '/api/me/packages/{itemId}/sittings/{sittingId}', handler: 'functions/handlers/app/my-package-sitting-put.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  // --- imported SCORM packages (end)
  // --- SCORM exports for other LMSs (begin)
  { method: 'GET', path: '/api/admin/scorm-exports', handler: 'functions/handlers/app/admin-scorm-exports-list.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'read' },
  { method: 'POST', path: '/api/admin/scorm-exports', handler: 'functions/handlers/app/admin-scorm-exports-create.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'readwrite', files: 'scorm-schemas' },
  { method: 'POST', path: '/api/admin/scorm-exports/{exportId}/revoke', handler: 'functions/handlers/app/admin-scorm-exports-revoke.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'readwrite' },
  { method: 'POST', path: '/scorm/sessions', handler: 'functions/handlers/app/scorm-session-create.ts', auth: { kind: 'public' }, table: 'readwrite', signIns: 'launch' },
  { method: 'GET', path: '/scorm/launch', handler: 'functions/handlers/web/assets.ts', auth: { kind: 'public' }, table: 'none' },
  // --- SCORM exports for other LMSs (end)
  // --- statement forwarding to accreditation bodies' LRSs (begin)
  { method: 'GET', path: '/api/admin/forwarding-targets', handler: 'functions/handlers/app/admin-forwarding-targets-list.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'read' },
  { method: 'POST', path: '/api/admin/forwarding-targets', handler: 'functions/handlers/app/admin-forwarding-targets-create.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'readwrite' },
  { method: 'PUT', path: '/api/admin/forwarding-targets/{targetId}', handler: 'functions/handlers/app/admin-forwarding-target-update.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'readwrite' },
  { method: 'DELETE', path: '/api/admin/forwarding-targets/{targetId}', handler: 'functions/handlers/app/admin-forwarding-target-disable.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'readwrite' },
  { method: 'GET', path: '/api/admin/forwarding-targets/{targetId}/dead-letters', handler: 'functions/handlers/app/admin-forwarding-dead-letters-list.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'read' },
  { method: 'POST', path: '/api/admin/forwarding-targets/{targetId}/dead-letters/replay', handler: 'functions/handlers/app/admin-forwarding-dead-letters-replay.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'readwrite', forwardQueue: 'send' },
  // --- statement forwarding (end)
  // --- accreditation: registration number (participant), report (accreditor) (begin)
  { method: 'GET', path: '/api/registration-number', handler: 'functions/handlers/app/registration-number-get.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'read' },
  { method: 'PUT', path: '/api/registration-number', handler: 'functions/handlers/app/registration-number-put.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'DELETE', path: '/api/registration-number', handler: 'functions/handlers/app/registration-number-delete.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'GET', path: '/api/accreditation/report', handler: 'functions/handlers/app/accreditation-report.ts', auth: { kind: 'jwt', roles: ['accreditor'] }, table: 'read' },
  { method: 'GET', path: '/api/accreditation/report.csv', handler: 'functions/handlers/app/accreditation-report-csv.ts', auth: { kind: 'jwt', roles: ['accreditor'] }, table: 'read' },
  // --- accreditation (end)
  // Public: anyone holding a certificate id may check it (shows name, course, hours and date only).
  { method: 'GET', path: '/verify/{certificateId}', handler: 'functions/handlers/app/certificate-verify.ts', auth: { kind: 'public' }, table: 'read' },
  // --- contact moment, coach workspace, completion, certificate (end)
  // The participant web app (functions/web, built by infra/web-build.ts): static files, no auth.
  { method: 'GET', path: '/', handler: 'functions/handlers/web/assets.ts', auth: { kind: 'public' }, table: 'none' },
  { method: 'GET', path: '/app/{file+}', handler: 'functions/handlers/web/assets.ts', auth: { kind: 'public' }, table: 'none' },
] as const satisfies readonly RouteDef[];

export type RouteId = `${(typeof routes)[number]['method']} ${(typeof routes)[number]['path']}`;

export function routeId(route: Pick<RouteDef, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

export function findRoute(id: RouteId): RouteDef {
  const route = (routes as readonly RouteDef[]).find((r) => routeId(r) === id);
  if (!route) throw new Error(`No route ${id} in functions/routes.ts`);
  return route;
}

/**
 * Handlers of the table's DynamoDB stream. In AWS each gets a Lambda function with an event source
 * mapping on the table stream that passes only items whose `pk` starts with `pkPrefix` and whose
 * new image has `newImageAttribute` (infra/stack.ts); locally the stream poller applies the same
 * filter and calls the same handler (functions/local/stream-poller.ts).
 */
export interface StreamHandlerDef {
  /** Construct name in the stack; also the function's description. */
  name: string;
  /** Handler module relative to the repository root; it exports `handler`. */
  handler: string;
  table: 'read' | 'readwrite';
  pkPrefix: string;
  newImageAttribute: string;
  /** Records per invocation. */
  batchSize: number;
  /** Sends to the forwarding queue (AWS: gets FORWARD_QUEUE_URL and sqs:SendMessage on it only). */
  forwardQueue?: 'send';
}

export const streamHandlers = [
  {
    name: 'StatementsToReadiness',
    handler: 'functions/handlers/streams/statements.ts',
    table: 'readwrite',
    pkPrefix: 'STATEMENT#',
    newImageAttribute: 'body',
    batchSize: 100,
  },
  {
    // Accreditation-relevant statements → the forwarding queue (functions/core/forwarding/).
    name: 'StatementsToForwarding',
    handler: 'functions/handlers/streams/forwarding.ts',
    table: 'read',
    pkPrefix: 'STATEMENT#',
    newImageAttribute: 'body',
    batchSize: 100,
    forwardQueue: 'send',
  },
] as const satisfies readonly StreamHandlerDef[];
