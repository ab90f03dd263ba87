/**
 * The local API Gateway stand-in, against a route table of its own (tests/support/handlers), so
 * it is tested apart from the real handlers: the v2 event a handler receives, the response it
 * writes back, and the gateway's own answers (404, 405, 413, 502, 503).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createLocalServer, MAX_REQUEST_BODY_BYTES } from '../../functions/local/http-server.js';
import type { LocalRoute } from '../../functions/local/route-matcher.js';
import { BYTES } from '../support/handlers/binary.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const handlers = 'tests/support/handlers';

const routes: LocalRoute[] = [
  { method: 'GET', path: '/things/{thingId}', handler: `${handlers}/echo.ts` },
  { method: 'POST', path: '/things/{thingId}', handler: `${handlers}/echo.ts` },
  { method: 'GET', path: '/things/special', handler: `${handlers}/unstructured.ts` },
  { method: 'HEAD', path: '/binary', handler: `${handlers}/binary.ts` },
  { method: 'GET', path: '/binary', handler: `${handlers}/binary.ts` },
  { method: 'GET', path: '/xapi/fails', handler: `${handlers}/throws.ts` },
  { method: 'GET', path: '/xapi/slow', handler: `${handlers}/slow.ts` },
  { method: 'GET', path: '/no-handler', handler: `${handlers}/no-handler.ts` },
];

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let server: Server;
let port: number;

beforeAll(async () => {
  server = createLocalServer({ routes, rootDir: REPO_ROOT, timeoutMs: 300 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** node:http rather than fetch: it can send repeated headers as separate lines, as browsers may. */
function send(method: string, path: string, options: { headers?: string[]; body?: Buffer | string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // With headers given as a raw array, node:http adds no Host header of its own.
    const headers = ['Host', `127.0.0.1:${port}`, ...(options.headers ?? [])];
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.end(options.body);
  });
}

function echoed(response: RawResponse): { instanceId: string; event: APIGatewayProxyEventV2; context: { functionName: string; awsRequestId: string; remainingMs: number } } {
  return JSON.parse(response.body.toString('utf8'));
}

describe('the event a handler receives', () => {
  it('is an API Gateway HTTP API v2 event for the matched route', async () => {
    const response = await send('GET', '/things/t%C3%A9-1?limit=2&tag=a&tag=b&empty=', {
      headers: ['User-Agent', 'vitest', 'X-Multi', 'one', 'X-Multi', 'two', 'Cookie', 'a=1; b=2', 'Cookie', 'c=3'],
    });
    expect(response.status).toBe(201);
    const { event, context } = echoed(response);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /things/{thingId}',
      rawPath: '/things/té-1',
      rawQueryString: 'limit=2&tag=a&tag=b&empty=',
      queryStringParameters: { limit: '2', tag: 'a,b', empty: '' },
      pathParameters: { thingId: 'té-1' },
      cookies: ['a=1', 'b=2', 'c=3'],
      isBase64Encoded: false,
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: '127.0.0.1',
        routeKey: 'GET /things/{thingId}',
        stage: '$default',
        http: { method: 'GET', path: '/things/té-1', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      },
    });
    expect(event.body).toBeUndefined();
    expect(event.headers['x-multi']).toBe('one,two');
    expect(event.headers['user-agent']).toBe('vitest');
    expect(event.headers.cookie).toBeUndefined();
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(10_000);
    expect(context.functionName).toBe('local-tests-support-handlers-echo');
    expect(context.awsRequestId).toBe(event.requestContext.requestId);
    expect(context.remainingMs).toBeGreaterThan(0);
    expect(response.headers['apigw-requestid']).toBe(event.requestContext.requestId);
  });

  it('leaves out query, path parameters, cookies and body when there are none', async () => {
    const { event } = echoed(await send('GET', '/things/plain'));
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('body');
    expect(event.rawQueryString).toBe('');
  });

  it('passes a JSON body as text', async () => {
    const body = JSON.stringify({ verb: 'ervaren', tekst: 'één' });
    const { event } = echoed(await send('POST', '/things/1', { headers: ['Content-Type', 'application/json; charset=utf-8'], body }));
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBe(body);
  });

  it('passes a binary body base64-encoded, as API Gateway does for non-text content types', async () => {
    const bytes = Buffer.from([0, 159, 146, 150, 255]);
    const { event } = echoed(await send('POST', '/things/1', { headers: ['Content-Type', 'multipart/mixed; boundary=x'], body: bytes }));
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64').equals(bytes)).toBe(true);
  });

  it('base64-encodes a body without a content type too', async () => {
    const { event } = echoed(await send('POST', '/things/1', { body: 'hallo' }));
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64').toString()).toBe('hallo');
  });

  it('imports each handler module once', async () => {
    const first = echoed(await send('GET', '/things/a'));
    const second = echoed(await send('GET', '/things/b'));
    expect(second.instanceId).toBe(first.instanceId);
    expect(second.event.requestContext.requestId).not.toBe(first.event.requestContext.requestId);
  });
});

describe('the response written back', () => {
  it('carries the status, headers, cookies and body the handler returned', async () => {
    const response = await send('GET', '/things/x');
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-handler']).toBe('echo');
    expect(response.headers['x-number']).toBe('42');
    expect(response.headers['set-cookie']).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark']);
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
  });

  it('decodes a base64 response body', async () => {
    const response = await send('GET', '/binary');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect([...response.body]).toEqual(BYTES);
  });

  it('answers HEAD from its own route, without a body', async () => {
    const response = await send('HEAD', '/binary');
    expect(response.status).toBe(200);
    expect(response.body.length).toBe(0);
  });

  it('sends a result without statusCode as a 200 JSON body', async () => {
    const response = await send('GET', '/things/special');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body.toString())).toEqual({ hello: 'world' });
  });
});

describe('the gateway answers itself', () => {
  it('404s a path no route has', async () => {
    const response = await send('GET', '/nothing/here?x=1');
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body.toString())).toEqual({ error: 'No route for /nothing/here' });
    expect(response.headers['x-experience-api-version']).toBeUndefined();
  });

  it('404s an unknown xAPI path with the xAPI version header', async () => {
    const response = await send('GET', '/xapi/nothing');
    expect(response.status).toBe(404);
    // No version asked for: the newest this LRS speaks; otherwise the one asked for.
    expect(response.headers['x-experience-api-version']).toBe('2.0.0');
    const asked = await send('GET', '/xapi/nothing', { headers: ['X-Experience-API-Version', '1.0.1'] });
    expect(asked.headers['x-experience-api-version']).toBe('1.0.3');
  });

  it('405s a known path with another method, naming the allowed ones', async () => {
    const response = await send('DELETE', '/things/1');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, POST');
  });

  it('does not answer HEAD from a GET route (HEAD is a route of its own)', async () => {
    const response = await send('HEAD', '/things/1');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, POST');
  });

  it('413s a body over API Gateway\'s 10 MB, without calling the handler', async () => {
    const response = await send('POST', '/things/1', { headers: ['Content-Type', 'application/json'], body: Buffer.alloc(MAX_REQUEST_BODY_BYTES + 1, 0x20) });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body.toString()).error).toMatch(/10 MB/);
  });

  it('413s a body that fits API Gateway but not a 6 MB Lambda event', async () => {
    const response = await send('POST', '/things/1', { headers: ['Content-Type', 'application/octet-stream'], body: Buffer.alloc(5 * 1024 * 1024, 1) });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body.toString()).error).toMatch(/6 MB/);
  });

  it('502s a handler that throws, with the stack on the console and nothing internal in the body', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await send('GET', '/xapi/fails');
      expect(response.status).toBe(502);
      expect(JSON.parse(response.body.toString())).toEqual({ error: 'Internal error' });
      expect(response.headers['x-experience-api-version']).toBe('2.0.0');
      const logged = consoleError.mock.calls.flat();
      expect(logged.some((arg) => arg instanceof Error && arg.message === 'secret internal detail')).toBe(true);
    } finally {
      consoleError.mockRestore();
    }
  });

  it('502s a module without a handler export', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await send('GET', '/no-handler');
      expect(response.status).toBe(502);
      expect(String(consoleError.mock.calls.flat().find((arg) => arg instanceof Error))).toMatch(/does not export a function named "handler"/);
    } finally {
      consoleError.mockRestore();
    }
  });

  it('503s a handler slower than the integration timeout', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await send('GET', '/xapi/slow');
      expect(response.status).toBe(503);
      expect(response.headers['x-experience-api-version']).toBe('2.0.0');
    } finally {
      consoleError.mockRestore();
    }
  });
});
