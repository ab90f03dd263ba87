/**
 * Wraps a route's operation in the middleware every handler shares (middy):
 *  1. xAPI protocol (for /xapi routes): the X-Experience-API-Version request header is required,
 *     and every response, errors included, carries the LRS's version.
 *  2. Error mapping: any thrown error becomes a response through functions/http/error-response.ts.
 *  3. Authentication and authorization from the route's entry in functions/routes.ts, so no
 *     handler can forget them.
 * The operation then gets the event, the caller and the dependencies, and returns the response.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { findRoute, type RouteDef, type RouteId } from '../routes.js';
import { authorize } from '../core/auth/authorize.js';
import type { Principal } from '../core/auth/principal.js';
import { ValidationError } from '../core/errors.js';
import { getDeps, type Deps } from '../composition/runtime.js';
import { now } from '../composition/clock.js';
import { errorResponse } from './error-response.js';
import { header, type HttpEvent } from './request.js';
import type { HttpResult } from './response.js';

export const XAPI_VERSION = '1.0.3';
/**
 * A statement's stored time (and key) is set before its write commits, and a write may take up to
 * the function timeout (10 s). Only statements stored longer ago than that are sure to be visible.
 */
const CONSISTENCY_WINDOW_MS = 10_000;
/** Versions we serve as 1.0.3: every 1.0.x patch is backwards compatible by the spec's rules. */
const ACCEPTED_VERSION = /^1\.0(\.\d+)?$/;

export interface RouteContext {
  route: RouteDef;
  principal: Principal | undefined;
  deps: Deps;
}

export type Operation = (event: HttpEvent, context: RouteContext) => Promise<HttpResult>;

type Request = middy.Request<HttpEvent, HttpResult, Error, Context & { principal?: Principal }>;

export function routeHandler(id: RouteId, operation: Operation, options: { deps?: () => Deps } = {}) {
  const route = findRoute(id);
  const resolveDeps = options.deps ?? getDeps;
  const isXapi = route.path.startsWith('/xapi');
  return middy<HttpEvent, HttpResult, Error, Context & { principal?: Principal }>()
    .use(isXapi ? xapiProtocol(route) : { after: () => undefined })
    .use(errorMapping(route))
    .use(authentication(route, resolveDeps))
    .handler(async (event, context) => {
      const response = await operation(event, { route, principal: context.principal, deps: resolveDeps() });
      return event.requestContext?.http?.method === 'HEAD' ? { ...response, body: '' } : response;
    });
}

function xapiProtocol(route: RouteDef): middy.MiddlewareObj<HttpEvent, HttpResult> {
  // Statement reads tell the client up to when the answer is complete, on every status code.
  const isStatementRead = route.path === '/xapi/statements' && (route.method === 'GET' || route.method === 'HEAD');
  const addVersion = (request: Request) => {
    if (!request.response) return;
    request.response.headers = {
      ...request.response.headers,
      'x-experience-api-version': XAPI_VERSION,
      ...(isStatementRead ? { 'x-experience-api-consistent-through': new Date(now().getTime() - CONSISTENCY_WINDOW_MS).toISOString() } : {}),
    };
  };
  return {
    before: (request) => {
      // The About resource must answer any client, including one that does not know the versions.
      if (route.path === '/xapi/about') return;
      const version = header(request.event, 'x-experience-api-version');
      if (!version) {
        throw new ValidationError('The X-Experience-API-Version header is missing. Send it with every request, e.g. "X-Experience-API-Version: 1.0.3".', {
          issues: [{ path: 'headers.x-experience-api-version', message: 'required' }],
        });
      }
      if (!ACCEPTED_VERSION.test(version.trim())) {
        throw new ValidationError(`X-Experience-API-Version "${version}" is not supported. This LRS speaks 1.0.3 (and accepts 1.0.0 to 1.0.2 as 1.0.3).`, {
          issues: [{ path: 'headers.x-experience-api-version', message: 'unsupported version' }],
        });
      }
    },
    after: addVersion,
    onError: addVersion,
  };
}

function errorMapping(route: RouteDef): middy.MiddlewareObj<HttpEvent, HttpResult> {
  const authScheme = route.auth.kind === 'xapi' ? 'Basic' : route.auth.kind === 'jwt' ? 'Bearer' : undefined;
  return {
    onError: (request) => {
      const response = errorResponse(request.error, { authScheme, requestId: request.context?.awsRequestId });
      request.response = request.event.requestContext?.http?.method === 'HEAD' ? { ...response, body: '' } : response;
    },
  };
}

function authentication(route: RouteDef, resolveDeps: () => Deps): middy.MiddlewareObj<HttpEvent, HttpResult, Error, Context & { principal?: Principal }> {
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
      request.context.principal = principal;
    },
  };
}
