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
  /** xAPI client with HTTP Basic key/secret holding at least one of these scopes. */
  | { kind: 'xapi'; scopes: readonly XapiScope[] }
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
}

const READ_SCOPES = ['statements/read', 'statements/read/mine', 'all/read', 'all'] as const;
const WRITE_SCOPES = ['statements/write', 'all'] as const;
const EVERY_ROLE = ['participant', 'coach', 'admin', 'accreditor'] as const;

export const routes = [
  { method: 'GET', path: '/xapi/about', handler: 'functions/handlers/xapi/about.ts', auth: { kind: 'public' }, table: 'none' },
  { method: 'PUT', path: '/xapi/statements', handler: 'functions/handlers/xapi/statements-put.ts', auth: { kind: 'xapi', scopes: WRITE_SCOPES }, table: 'readwrite' },
  { method: 'POST', path: '/xapi/statements', handler: 'functions/handlers/xapi/statements-post.ts', auth: { kind: 'xapi', scopes: WRITE_SCOPES }, table: 'readwrite' },
  { method: 'GET', path: '/xapi/statements', handler: 'functions/handlers/xapi/statements-get.ts', auth: { kind: 'xapi', scopes: READ_SCOPES }, table: 'read' },
  { method: 'HEAD', path: '/xapi/statements', handler: 'functions/handlers/xapi/statements-get.ts', auth: { kind: 'xapi', scopes: READ_SCOPES }, table: 'read' },

  { method: 'POST', path: '/auth/login', handler: 'functions/handlers/app/local-login.ts', auth: { kind: 'public' }, table: 'read', localOnly: true },
  { method: 'GET', path: '/.well-known/jwks.json', handler: 'functions/handlers/app/local-jwks.ts', auth: { kind: 'public' }, table: 'none', localOnly: true },
  { method: 'GET', path: '/api/me', handler: 'functions/handlers/app/me.ts', auth: { kind: 'jwt', roles: EVERY_ROLE }, table: 'read' },
  { method: 'GET', path: '/api/config', handler: 'functions/handlers/app/config.ts', auth: { kind: 'public' }, table: 'none' },
  { method: 'GET', path: '/api/course', handler: 'functions/handlers/app/course.ts', auth: { kind: 'jwt', roles: EVERY_ROLE }, table: 'none' },
  { method: 'GET', path: '/api/enrolment', handler: 'functions/handlers/app/enrolment.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'POST', path: '/api/statements', handler: 'functions/handlers/app/statements-record.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'GET', path: '/api/progress', handler: 'functions/handlers/app/progress.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'POST', path: '/api/final-test', handler: 'functions/handlers/app/final-test.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'GET', path: '/api/drafts', handler: 'functions/handlers/app/drafts-list.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'read' },
  { method: 'PUT', path: '/api/drafts/{itemId}', handler: 'functions/handlers/app/drafts-put.ts', auth: { kind: 'jwt', roles: ['participant'] }, table: 'readwrite' },
  { method: 'POST', path: '/__test/clock', handler: 'functions/handlers/app/local-test-clock.ts', auth: { kind: 'public' }, table: 'none', localOnly: true },
  { method: 'GET', path: '/api/admin/xapi-clients', handler: 'functions/handlers/app/admin-clients-list.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'read' },
  { method: 'POST', path: '/api/admin/xapi-clients', handler: 'functions/handlers/app/admin-clients-create.ts', auth: { kind: 'jwt', roles: ['admin'] }, table: 'readwrite' },
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
