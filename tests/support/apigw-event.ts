/**
 * An API Gateway HTTP API (payload format 2.0) event, shaped the way API Gateway delivers it, so
 * a handler under test sees what it will see in AWS: header names in lower case, repeated
 * headers and query values joined with commas, cookies moved out of the headers, binary bodies
 * base64-encoded.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

export interface ApiGatewayEventInput {
  method: string;
  /** The request path, without query string, e.g. `/xapi/statements`. */
  path: string;
  /** Repeated keys as arrays; they keep their order in rawQueryString. */
  query?: Record<string, string | readonly string[]>;
  headers?: Record<string, string | readonly string[]>;
  /** A string is sent as is; bytes arrive base64-encoded, as API Gateway passes binary bodies. */
  body?: string | Uint8Array;
  /** The matched route key when it has path parameters, e.g. `GET /xapi/activities/{id}`. */
  routeKey?: string;
  pathParameters?: Record<string, string>;
}

export function apiGatewayEvent(input: ApiGatewayEventInput): APIGatewayProxyEventV2 {
  const method = input.method.toUpperCase();
  const routeKey = input.routeKey ?? `${method} ${input.path}`;
  const queryPairs = Object.entries(input.query ?? {}).flatMap(([key, value]) =>
    (typeof value === 'string' ? [value] : value).map((v) => [key, v] as [string, string]),
  );
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    const values = typeof value === 'string' ? [value] : [...value];
    const key = name.toLowerCase();
    if (key === 'cookie') cookies = values.flatMap((v) => v.split(/;\s*/));
    else headers[key] = headers[key] ? `${headers[key]},${values.join(',')}` : values.join(',');
  }
  const now = new Date();
  const binary = input.body instanceof Uint8Array;

  return {
    version: '2.0',
    routeKey,
    rawPath: input.path,
    rawQueryString: new URLSearchParams(queryPairs).toString(),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(queryPairs.length > 0 ? { queryStringParameters: joinRepeated(queryPairs) } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method,
        path: input.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: headers['user-agent'] ?? 'test',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(input.body === undefined
      ? {}
      : { body: binary ? Buffer.from(input.body as Uint8Array).toString('base64') : (input.body as string) }),
    isBase64Encoded: binary,
  };
}

/** queryStringParameters: API Gateway joins the values of a repeated key with commas. */
function joinRepeated(pairs: [string, string][]): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [key, value] of pairs) joined[key] = key in joined ? `${joined[key]},${value}` : value;
  return joined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** requestContext.time is in CLF format, e.g. `12/Mar/2020:19:03:58 +0000`. */
function requestTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}
