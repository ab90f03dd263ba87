/**
 * Builds the API Gateway HTTP API payload-format 2.0 event for one request, as AWS would send it,
 * so a handler that works locally works behind API Gateway too. Where AWS's behaviour differs from
 * what one might guess, the local runtime copies AWS:
 * - rawPath is the percent-decoded path (HTTP API decodes it; REST APIs do not);
 * - repeated query keys and repeated headers are joined with ',';
 * - Cookie headers leave `headers` and arrive split in `cookies`;
 * - the body is text only for text/*, application/json, application/xml and
 *   application/javascript; anything else (multipart/mixed, form posts, no content type at all)
 *   arrives base64-encoded with isBase64Encoded: true.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { decodeSegment } from './route-matcher.js';

export interface IncomingRequest {
  method: string;
  /** The request target as sent, e.g. "/xapi/statements?limit=1". */
  url: string;
  httpVersion: string;
  /** Node's rawHeaders: name, value, name, value, ... in the order received. */
  rawHeaders: readonly string[];
  remoteAddress: string | undefined;
  localPort: number;
  body: Buffer;
  receivedAt: Date;
}

export interface EventRoute {
  /** The route table's path, e.g. "/xapi/activities/{activityId}". */
  path: string;
  method: string;
  pathParameters: Record<string, string>;
}

const TEXT_CONTENT_TYPES = new Set(['application/json', 'application/xml', 'application/javascript']);

export function isTextContentType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return mediaType.startsWith('text/') || TEXT_CONTENT_TYPES.has(mediaType);
}

export function splitTarget(url: string): { rawPath: string; rawQueryString: string } {
  // An absolute-form target ("http://host/path") is legal HTTP/1.1; API Gateway sees only the path.
  const target = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/' : url;
  const withoutFragment = target.split('#')[0]!;
  const queryAt = withoutFragment.indexOf('?');
  return queryAt === -1
    ? { rawPath: withoutFragment, rawQueryString: '' }
    : { rawPath: withoutFragment.slice(0, queryAt), rawQueryString: withoutFragment.slice(queryAt + 1) };
}

export function buildHttpApiEvent(request: IncomingRequest, route: EventRoute, requestId: string = randomUUID()): APIGatewayProxyEventV2 {
  const { rawPath: encodedPath, rawQueryString } = splitTarget(request.url);
  const rawPath = decodeSegment(encodedPath);
  const { headers, cookies } = collectHeaders(request);
  const queryStringParameters = parseQuery(rawQueryString);
  const routeKey = `${route.method} ${route.path}`;
  const host = headers.host ?? `localhost:${request.localPort}`;
  const domainName = host.replace(/:\d+$/, '');
  const body = encodeBody(request.body, headers['content-type']);
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method.toUpperCase(),
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: sourceIp(request.remoteAddress),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: formatRequestTime(request.receivedAt),
      timeEpoch: request.receivedAt.getTime(),
    },
    ...(Object.keys(route.pathParameters).length > 0 ? { pathParameters: route.pathParameters } : {}),
    ...body,
  };
}

function collectHeaders(request: IncomingRequest): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    const value = request.rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies.push(...value.split(';').map((c) => c.trim()).filter((c) => c !== ''));
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  // API Gateway adds these; handlers that log or build absolute URLs may read them.
  headers['x-forwarded-for'] ??= sourceIp(request.remoteAddress);
  headers['x-forwarded-port'] ??= String(request.localPort);
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-amzn-trace-id'] ??= traceId(request.receivedAt);
  return { headers, cookies };
}

function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const result: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    result[key] = key in result ? `${result[key]},${value}` : value;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function encodeBody(body: Buffer, contentType: string | undefined): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  return isTextContentType(contentType) ? { body: body.toString('utf8'), isBase64Encoded: false } : { body: body.toString('base64'), isBase64Encoded: true };
}

function sourceIp(remoteAddress: string | undefined): string {
  return (remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's CLF-style request time, e.g. "12/Mar/2020:19:03:58 +0000". */
export function formatRequestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

function traceId(date: Date): string {
  return `Root=1-${Math.floor(date.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}
