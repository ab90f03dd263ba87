/**
 * Wraps a route's operation in the middleware every handler shares (middy):
 *  0. For a POST route given `alternateSyntax`: xAPI 1.0.3's Alternate Request Syntax
 *     (functions/http/alternate-request-syntax.ts) hands `?method=` requests to the target route.
 *  1. xAPI protocol (for /xapi routes): the X-Experience-API-Version request header picks the
 *     version the request is served with (functions/core/xapi/version.ts), and every response,
 *     errors included, says which (the newest this LRS speaks when the request named none it knows).
 *  2. Error mapping: any thrown error becomes a response through functions/http/error-response.ts.
 *  3. Authentication and authorization from the route's entry in functions/routes.ts, so no
 *     handler can forget them. A participant whose data is being or has been erased is signed
 *     out everywhere (their token may still be valid for a while): nothing new gets stored.
 * The operation then gets the event, the caller and the dependencies its handler named
 * (`options.deps`, built from functions/composition/stores.ts), and returns the response.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { findRoute, routeId, type RouteDef, type RouteId } from '../routes.js';
import { authorize } from '../core/auth/authorize.js';
import type { ClientPrincipal, PersonPrincipal, Principal } from '../core/auth/principal.js';
import type { ErasureStore } from '../core/privacy/ports.js';
import { AuthenticationError, ValidationError } from '../core/errors.js';
import { fallbackVersion, negotiateVersion, versionOf, XAPI_1_0_3, type XapiVersion } from '../core/xapi/version.js';
import { clientAuthenticator, erasureStore, now, personTokenVerifier } from '../composition/stores.js';
import { alternateRequestSyntax, hasMethodParameter, type AlternateTargets } from './alternate-request-syntax.js';
import { errorResponse } from './error-response.js';
import { header, type HttpEvent } from './request.js';
import type { HttpResult } from './response.js';

/**
 * A statement's stored time (and key) is set before its write commits, and a write may take up to
 * the function timeout (10 s). Only statements stored longer ago than that are sure to be visible.
 */
const CONSISTENCY_WINDOW_MS = 10_000;

export interface RouteContext<D = NoDeps> {
  route: RouteDef;
  principal: Principal | undefined;
  deps: D;
  /** The xAPI version the request is served with; routes outside /xapi serve the app's 1.0.3. */
  xapiVersion: XapiVersion;
}

/** What an operation that names no dependencies gets. */
export type NoDeps = Record<never, never>;

export type Operation<D = NoDeps> = (event: HttpEvent, context: RouteContext<D>) => Promise<HttpResult>;

/** What authentication and authorization use, whatever the route. */
export interface AuthDeps {
  authenticateClient: (authorizationHeader: string | undefined) => Promise<ClientPrincipal>;
  verifyPersonToken: (authorizationHeader: string | undefined) => Promise<PersonPrincipal>;
  erasures: Pick<ErasureStore, 'get'>;
}

type RouteLambdaContext = Context & { principal?: Principal; xapiVersion?: XapiVersion };
type Request = middy.Request<HttpEvent, HttpResult, Error, RouteLambdaContext>;
export type RouteLambdaHandler = middy.MiddyfiedHandler<HttpEvent, HttpResult, Error, RouteLambdaContext>;

export interface RouteHandlerOptions<D> {
  /**
   * The dependencies the operation uses, e.g. `() => ({ drafts: draftStore(), now })` from
   * functions/composition/stores.ts. Naming them here, not taking them all, keeps every other
   * adapter out of the handler's bundle. Tests may pass their own.
   */
  deps?: () => D;
  /** Tests may pass their own; by default from functions/composition/stores.ts. */
  auth?: () => AuthDeps;
  /**
   * POST routes of xAPI 1.0.3 resources: the handlers of the path's other methods, which serve
   * the Alternate Request Syntax, e.g. `{ GET: getHandler, HEAD: getHandler, PUT: putHandler }`.
   */
  alternateSyntax?: AlternateTargets;
}

/** An operation that uses dependencies must name them in `options.deps`. */
export function routeHandler<D>(id: RouteId, operation: Operation<D>, options: RouteHandlerOptions<D> & { deps: () => D }): RouteLambdaHandler;
export function routeHandler(id: RouteId, operation: Operation, options?: RouteHandlerOptions<NoDeps>): RouteLambdaHandler;
export function routeHandler<D>(id: RouteId, operation: Operation<D>, options: RouteHandlerOptions<D> = {}): RouteLambdaHandler {
  const route = findRoute(id);
  const resolveDeps = options.deps ?? (() => ({}) as D);
  const isXapi = route.path.startsWith('/xapi');
  const handler = middy<HttpEvent, HttpResult, Error, RouteLambdaContext>();
  // First, so that the form's headers (version, credentials) are in place before they are read.
  if (options.alternateSyntax) handler.use(alternateRequestSyntax(route.path, options.alternateSyntax, () => handler));
  return handler
    .use(isXapi ? xapiProtocol(route) : { after: () => undefined })
    .use(errorMapping(route))
    .use(authentication(route, options.auth ?? authFromStores))
    .handler(async (event, context) => {
      const xapiVersion = context.xapiVersion ?? XAPI_1_0_3;
      const response = await operation(event, { route, principal: context.principal, deps: resolveDeps(), xapiVersion });
      return event.requestContext?.http?.method === 'HEAD' ? { ...response, body: '' } : response;
    });
}

function xapiProtocol(route: RouteDef): middy.MiddlewareObj<HttpEvent, HttpResult, Error, RouteLambdaContext> {
  // Statement reads tell the client up to when the answer is complete, on every status code.
  const isStatementRead = route.path === '/xapi/statements' && (route.method === 'GET' || route.method === 'HEAD');
  const addVersion = (request: Request) => {
    if (!request.response) return;
    const version = request.context.xapiVersion ?? versionOf(header(request.event, 'x-experience-api-version')) ?? fallbackVersion(process.env.XAPI_FALLBACK_VERSION);
    request.response.headers = {
      ...request.response.headers,
      'x-experience-api-version': version,
      ...(isStatementRead ? { 'x-experience-api-consistent-through': new Date(now().getTime() - CONSISTENCY_WINDOW_MS).toISOString() } : {}),
    };
  };
  return {
    before: (request) => {
      // A context object may outlive one request (tests); never answer with another request's version.
      delete request.context.xapiVersion;
      const requested = header(request.event, 'x-experience-api-version');
      // The About resource must answer any client, including one that does not know the versions.
      if (route.path === '/xapi/about') {
        request.context.xapiVersion = versionOf(requested) ?? fallbackVersion(process.env.XAPI_FALLBACK_VERSION);
        return;
      }
      request.context.xapiVersion = negotiateVersion(requested);
      // An alternate request that got here was not taken by a POST route's alternateSyntax.
      if (hasMethodParameter(request.event)) rejectAlternateSyntax(route, request.context.xapiVersion);
    },
    after: addVersion,
    onError: addVersion,
  };
}

function rejectAlternateSyntax(route: RouteDef, version: XapiVersion): never {
  let message = 'xAPI 2.0 has no alternate request syntax: send the request with its own method instead of ?method=.';
  if (version === XAPI_1_0_3) {
    message =
      route.method === 'POST'
        ? `${route.path} does not take the alternate request syntax (?method=); send the request with its own method.`
        : 'The alternate request syntax (?method=) is only for POST requests.';
  }
  throw new ValidationError(message, { issues: [{ path: 'query.method', message: 'not allowed here' }] });
}

function errorMapping(route: RouteDef): middy.MiddlewareObj<HttpEvent, HttpResult, Error, RouteLambdaContext> {
  const authScheme = route.auth.kind === 'xapi' ? 'Basic' : route.auth.kind === 'jwt' ? 'Bearer' : undefined;
  return {
    onError: (request) => {
      const response = errorResponse(request.error, { authScheme, requestId: request.context?.awsRequestId });
      request.response = request.event.requestContext?.http?.method === 'HEAD' ? { ...response, body: '' } : response;
    },
  };
}

function authFromStores(): AuthDeps {
  return { authenticateClient: clientAuthenticator(), verifyPersonToken: personTokenVerifier(), erasures: erasureStore() };
}

function authentication(route: RouteDef, resolveDeps: () => AuthDeps): middy.MiddlewareObj<HttpEvent, HttpResult, Error, RouteLambdaContext> {
  return {
    before: async (request) => {
      if (route.auth.kind === 'public') return;
      const deps = resolveDeps();
      const authorization = header(request.event, 'authorization');
      const principal =
        route.auth.kind === 'xapi'
          ? await deps.authenticateClient(authorization)
          : await deps.verifyPersonToken(authorization);
      authorize(route.auth, principal);
      if (route.auth.kind === 'jwt' && route.auth.roles.includes('participant') && principal.kind === 'person' && principal.roles.includes('participant')) {
        await refuseErased(route, principal.userId, deps);
      }
      request.context.principal = principal;
    },
  };
}

/** The erasure route itself stays open while an erasure is in progress, so a retry can finish it. */
async function refuseErased(route: RouteDef, userId: string, deps: AuthDeps): Promise<void> {
  const erasure = await deps.erasures.get(userId);
  if (!erasure) return;
  if (erasure.status === 'in-progress' && routeId(route) === 'POST /api/me/erasure') return;
  throw new AuthenticationError('Je gegevens zijn verwijderd. Dit account bestaat niet meer.');
}
