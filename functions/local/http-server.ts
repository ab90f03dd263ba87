/**
 * The local stand-in for API Gateway HTTP API: a node:http server that routes on the route table,
 * hands each handler the payload-format 2.0 event and a Lambda context, and turns the handler's
 * result into the HTTP response, so the very same handler files run locally and in AWS.
 *
 * It also copies the gateway's limits and failure modes, so a problem shows up locally first:
 * 10 MB request bodies and 6 MB Lambda payloads (413 / 502), the 30 s integration timeout (503),
 * and a handler that throws (502, stack on this console; the client never sees it).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { buildHttpApiEvent, splitTarget } from './api-gateway-event.js';
import { createLambdaContext, functionNameFor } from './lambda-context.js';
import { createRouteMatcher, decodeSegment, type LocalRoute } from './route-matcher.js';
import { fallbackVersion, versionOf } from '../core/xapi/version.js';

export type LambdaHttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

/** Loads the handler function of a route's module (path relative to the repository root). */
export type HandlerLoader = (handlerPath: string) => Promise<LambdaHttpHandler>;

export interface LocalServerOptions {
  routes: readonly LocalRoute[];
  /** Repository root; route handler paths are relative to it. */
  rootDir: string;
  /** Defaults to a dynamic import of the module file (works under tsx). */
  loadHandler?: HandlerLoader;
  /** API Gateway HTTP API's integration timeout; a slower handler gets a 503. */
  timeoutMs?: number;
  /** One line per request (method, path, status, duration); silent when omitted. */
  log?: (line: string) => void;
}

/** API Gateway's request payload limit. */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;
/** Lambda's limit for a synchronous invocation's event and for its result. */
export const MAX_LAMBDA_PAYLOAD_BYTES = 6 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

export function createLocalServer(options: LocalServerOptions): Server {
  const matchRoute = createRouteMatcher(options.routes);
  const loadHandler = cachedLoader(options.loadHandler ?? importHandlerFrom(options.rootDir));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return createServer((req, res) => {
    const started = Date.now();
    if (options.log) res.once('finish', () => options.log!(`${req.method} ${req.url} → ${res.statusCode} (${Date.now() - started} ms)`));
    serve(req, res).catch((error: unknown) => {
      console.error(`Local server failed on ${req.method} ${req.url}:`, error);
      if (!res.headersSent) sendError(res, 502, 'Internal error', xapiVersionFor(req));
      else res.destroy();
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = new Date();
    const method = (req.method ?? 'GET').toUpperCase();
    const { rawPath } = splitTarget(req.url ?? '/');
    const xapi = xapiVersionFor(req);
    const match = matchRoute(method, rawPath);
    if (match.kind === 'not-found') return sendError(res, 404, `No route for ${decodeSegment(rawPath)}`, xapi);
    if (match.kind === 'method-not-allowed') {
      return sendError(res, 405, `${method} is not allowed on ${decodeSegment(rawPath)}; use ${match.allowed.join(', ')}`, xapi, { allow: match.allowed.join(', ') });
    }

    const body = await readBody(req, MAX_REQUEST_BODY_BYTES);
    if (body === 'too-large') {
      return sendError(res, 413, `Request body too large: API Gateway accepts at most ${MAX_REQUEST_BODY_BYTES / 1024 / 1024} MB.`, xapi);
    }

    const requestId = randomUUID();
    const event = buildHttpApiEvent(
      { method, url: req.url ?? '/', httpVersion: req.httpVersion, rawHeaders: req.rawHeaders, remoteAddress: req.socket.remoteAddress, localPort: req.socket.localPort ?? 0, body, receivedAt },
      { method: match.route.method, path: match.route.path, pathParameters: match.pathParameters },
      requestId,
    );
    if (Buffer.byteLength(JSON.stringify(event)) > MAX_LAMBDA_PAYLOAD_BYTES) {
      return sendError(res, 413, 'Request too large: the Lambda event (headers plus body, base64 for binary content) exceeds 6 MB.', xapi);
    }

    const functionName = functionNameFor(match.route.handler);
    const context = createLambdaContext({ functionName, awsRequestId: requestId, timeoutMs });
    const outcome = await invokeWithTimeout(() => loadHandler(match.route.handler).then((handler) => handler(event, context)), timeoutMs);
    if (outcome.kind === 'timeout') {
      console.error(`${functionName} did not answer within ${timeoutMs} ms (${method} ${rawPath}); API Gateway would give up too.`);
      return sendError(res, 503, 'Service Unavailable', xapi);
    }
    if (outcome.kind === 'error') {
      console.error(`${functionName} failed (${method} ${rawPath}, request ${requestId}):`, outcome.error);
      return sendError(res, 502, 'Internal error', xapi);
    }
    const result = toStructuredResult(outcome.value);
    const problem = invalidResultReason(result, outcome.value);
    if (problem) {
      console.error(`${functionName} returned an invalid response (${method} ${rawPath}): ${problem}`);
      return sendError(res, 502, 'Internal error', xapi);
    }
    writeResult(res, result, requestId);
  }
}

export function importHandlerFrom(rootDir: string): HandlerLoader {
  return async (handlerPath) => {
    const module = (await import(pathToFileURL(resolve(rootDir, handlerPath)).href)) as { handler?: unknown };
    if (typeof module.handler !== 'function') throw new Error(`${handlerPath} does not export a function named "handler"`);
    return module.handler as LambdaHttpHandler;
  };
}

/** Each module is imported once, like a warm Lambda; a failed import is retried on the next request. */
function cachedLoader(load: HandlerLoader): HandlerLoader {
  const cache = new Map<string, Promise<LambdaHttpHandler>>();
  return (handlerPath) => {
    let loading = cache.get(handlerPath);
    if (!loading) {
      loading = load(handlerPath);
      cache.set(handlerPath, loading);
      loading.catch(() => cache.delete(handlerPath));
    }
    return loading;
  };
}

/**
 * Reads the whole body. Past the limit it keeps reading but stops buffering, so the client gets a
 * clean 413 instead of a connection reset in the middle of its upload.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once('end', () => resolvePromise(size > limit ? 'too-large' : Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

type Outcome = { kind: 'ok'; value: unknown } | { kind: 'error'; error: unknown } | { kind: 'timeout' };

async function invokeWithTimeout(invoke: () => Promise<unknown>, timeoutMs: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolvePromise) => {
    timer = setTimeout(() => resolvePromise({ kind: 'timeout' }), timeoutMs);
  });
  const invocation = invoke().then(
    (value): Outcome => ({ kind: 'ok', value }),
    (error: unknown): Outcome => ({ kind: 'error', error }),
  );
  try {
    return await Promise.race([invocation, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Payload format 2.0: an object with a statusCode is a structured response; anything else is
 * sent as a 200 application/json body, as API Gateway does.
 */
function toStructuredResult(value: unknown): APIGatewayProxyStructuredResultV2 {
  if (typeof value === 'object' && value !== null && 'statusCode' in value) return value as APIGatewayProxyStructuredResultV2;
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof value === 'string' ? value : JSON.stringify(value ?? null) };
}

function invalidResultReason(result: APIGatewayProxyStructuredResultV2, raw: unknown): string | undefined {
  const status = result.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) return `statusCode ${String(status)} is not an HTTP status`;
  if (result.body !== undefined && typeof result.body !== 'string') return 'body must be a string (JSON.stringify it)';
  if (result.cookies !== undefined && !Array.isArray(result.cookies)) return 'cookies must be an array of strings';
  if (Buffer.byteLength(JSON.stringify(raw) ?? '') > MAX_LAMBDA_PAYLOAD_BYTES) return 'the response exceeds Lambda\'s 6 MB payload limit';
  return undefined;
}

function writeResult(res: ServerResponse, result: APIGatewayProxyStructuredResultV2, requestId: string): void {
  const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  if (result.cookies && result.cookies.length > 0) res.setHeader('set-cookie', result.cookies);
  res.setHeader('apigw-requestid', requestId);
  res.setHeader('content-length', body.length);
  res.writeHead(result.statusCode!);
  res.end(body);
}

/** For an xAPI request, the version its error answers carry (the one asked for, if this LRS speaks it). */
function xapiVersionFor(req: IncomingMessage): string | undefined {
  if (!isXapiRequest(req)) return undefined;
  const asked = req.headers['x-experience-api-version'];
  return versionOf(Array.isArray(asked) ? asked[0] : asked) ?? fallbackVersion(process.env.XAPI_FALLBACK_VERSION);
}

function sendError(res: ServerResponse, status: number, message: string, xapiVersion: string | undefined, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: message });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    // The xAPI spec wants the version header on every LRS response, errors from the gateway included.
    ...(xapiVersion ? { 'x-experience-api-version': xapiVersion } : {}),
    ...headers,
  });
  res.end(body);
}

function isXapiRequest(req: IncomingMessage): boolean {
  const path = decodeSegment(splitTarget(req.url ?? '/').rawPath);
  return path === '/xapi' || path.startsWith('/xapi/');
}
