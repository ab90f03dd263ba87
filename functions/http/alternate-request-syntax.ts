/**
 * The Alternate Request Syntax of xAPI 1.0.3 (Communication 1.3): a client that cannot send PUT,
 * DELETE or headers (or a GET whose query would be too long) POSTs instead, names the real method
 * in `?method=`, and puts the headers, the parameters and the body (`content`) in an
 * application/x-www-form-urlencoded form.
 *
 * In AWS every route is its own Lambda, so such a request always reaches the POST route of its
 * path. routeHandler's `alternateSyntax` option puts `alternateRequestSyntax` first in that POST
 * route's middleware: it rewrites the event into the request the client meant and hands it to the
 * handler of the target method's route, which then runs its own middleware (its version check,
 * its authorization from the route table, its error mapping) exactly as for a direct request.
 *
 * xAPI 2.0 (IEEE 9274.1.1) dropped the syntax: a 2.0 request with `?method=` gets a 400.
 */
import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { MethodNotAllowedError, ValidationError } from '../core/errors.js';
import { versionOf, XAPI_2_0_0 } from '../core/xapi/version.js';
import { bodyText, contentType, header, type HttpEvent } from './request.js';
import type { HttpResult } from './response.js';

export const ALTERNATE_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'] as const;
export type AlternateMethod = (typeof ALTERNATE_METHODS)[number];

/** A route's Lambda handler, as a handler module exports it. */
export type RouteLambda = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/** The handlers that serve the other methods of the same path, e.g. `{ GET: getHandler, PUT: putHandler }`. */
export type AlternateTargets = Partial<Record<AlternateMethod, RouteLambda>>;

/** Form parameters the LRS must treat as headers (Communication 1.3.s3.b7); names are case-insensitive. */
const HEADER_PARAMETERS = new Set(['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match']);
const FORM = 'application/x-www-form-urlencoded';

export interface AlternateRequest {
  method: AlternateMethod;
  /** The event of the equivalent direct request. */
  event: HttpEvent;
}

/** Whether the request uses the syntax: it carries a `method` query parameter. */
export function hasMethodParameter(event: HttpEvent): boolean {
  return new URLSearchParams(event.rawQueryString ?? '').has('method');
}

function reject(message: string, path: string, problem: string): never {
  throw new ValidationError(message, { issues: [{ path, message: problem }] });
}

/**
 * The POST event of an alternate request as the request the client meant: method from `?method=`,
 * headers from the header form parameters, the body from `content`, every other form parameter
 * as a query parameter. Every way a client can get the syntax wrong is a 400 that says how.
 */
export function rewriteAlternateRequest(event: HttpEvent, path: string): AlternateRequest {
  const query = new URLSearchParams(event.rawQueryString ?? '');
  const methods = query.getAll('method');
  if (versionOf(header(event, 'x-experience-api-version')) === XAPI_2_0_0) rejectFor2_0();
  const extra = [...new Set([...query.keys()].filter((key) => key !== 'method'))];
  if (extra.length > 0) {
    reject(
      `With the alternate request syntax the query string holds only "method"; send ${extra.map((key) => `"${key}"`).join(', ')} as form parameters in the body instead.`,
      `query.${extra[0]}`,
      'not allowed with ?method=',
    );
  }
  const method = methods.length === 1 ? methods[0]!.toUpperCase() : '';
  if (!(ALTERNATE_METHODS as readonly string[]).includes(method)) {
    reject(
      `The method parameter must be given once, as one of ${ALTERNATE_METHODS.join(', ')} (got ${methods.map((m) => `"${m}"`).join(', ') || 'none'}).`,
      'query.method',
      'not an HTTP method of xAPI',
    );
  }
  if (contentType(event) !== FORM) {
    reject(
      `A request with ?method= must send its headers, parameters and content as an ${FORM} form (got ${contentType(event) ? `"${contentType(event)}"` : 'no Content-Type'}); e.g. "statementId=...&content=<the URL-encoded statement>".`,
      'headers.content-type',
      `must be ${FORM}`,
    );
  }

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    // These described the form; the rewritten request's come from the form parameters.
    if (value !== undefined && name.toLowerCase() !== 'content-type' && name.toLowerCase() !== 'content-length') headers[name.toLowerCase()] = value;
  }
  const params = new URLSearchParams();
  const seen = new Set<string>();
  let content: string | undefined;
  for (const [name, value] of new URLSearchParams(bodyText(event))) {
    const lower = name.toLowerCase();
    if (seen.has(lower)) reject(`Form parameter "${name}" is given more than once; give it once.`, `form.${name}`, 'repeated');
    seen.add(lower);
    if (lower === 'method') reject('"method" belongs in the query string only, not in the form.', `form.${name}`, 'not allowed in the form');
    if (HEADER_PARAMETERS.has(lower)) headers[lower] = value;
    else if (name === 'content') content = value;
    else params.append(name, value);
  }
  if (versionOf(headers['x-experience-api-version']) === XAPI_2_0_0) rejectFor2_0();

  if (content !== undefined) headers['content-type'] ??= 'application/json';
  const rawQueryString = params.toString();
  const queryStringParameters = Object.fromEntries(params);
  const routeKey = `${method} ${path}`;
  const { body: _body, queryStringParameters: _query, ...rest } = event;
  return {
    method: method as AlternateMethod,
    event: {
      ...rest,
      routeKey,
      rawQueryString,
      ...(Object.keys(queryStringParameters).length > 0 ? { queryStringParameters } : {}),
      headers,
      // The spec: the LRS interprets the content as a UTF-8 string.
      ...(content !== undefined ? { body: content } : {}),
      isBase64Encoded: false,
      requestContext: { ...event.requestContext, routeKey, http: { ...event.requestContext.http, method } },
    },
  };
}

function rejectFor2_0(): never {
  reject(
    'xAPI 2.0 has no alternate request syntax: send the request with its own method, headers and query string instead of ?method=.',
    'query.method',
    'not supported in xAPI 2.0',
  );
}

/**
 * The middleware for the POST route of `path`: an alternate request goes, rewritten, to the
 * handler of its method's route; `self` is the POST route's own handler (for ?method=POST).
 */
export function alternateRequestSyntax(path: string, targets: AlternateTargets, self: () => RouteLambda): middy.MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before: async (request) => {
      if (!hasMethodParameter(request.event)) return undefined;
      const { method, event } = rewriteAlternateRequest(request.event, path);
      const target = method === 'POST' ? self() : targets[method];
      if (!target) {
        const allowed = ['POST', ...Object.keys(targets)].join(', ');
        throw new MethodNotAllowedError(`${path} has no ${method}; the method parameter may be ${allowed}.`, { issues: [{ path: 'query.method', message: 'not allowed on this resource' }] });
      }
      return target(event, request.context);
    },
  };
}
