/**
 * The Lambda bundles, as deployed (infra/bundling.ts), load and answer in a fresh Node process:
 * no missing module, no `require` in ESM, no top-level call to AWS. Without credentials every
 * protected route says 401 and the About resource says 200.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeId, routes, type RouteDef } from '../../functions/routes.js';
import { bundleHandler } from '../../infra/bundling.js';
import { buildWebApp, WEB_ASSETS_FOLDER, WEB_HANDLERS } from '../../infra/web-build.js';
import { apiGatewayEvent } from '../support/apigw-event.js';
import { LAMBDA_TEST_ENV, runInFreshNode } from '../support/fresh-node.js';

const deployedRoutes = (routes as readonly RouteDef[]).filter((route) => !route.localOnly);

/** argv: bundle path, event JSON. Prints the handler's result as JSON. */
const INVOKE = `
import { pathToFileURL } from 'node:url';
const [file, eventJson] = process.argv.slice(1);
const { handler } = await import(pathToFileURL(file).href);
const context = {
  callbackWaitsForEmptyEventLoop: true, functionName: 'bundle-test', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bundle-test', memoryLimitInMB: '512',
  awsRequestId: 'bundle-test', logGroupName: '/aws/lambda/bundle-test', logStreamName: 'bundle-test',
  getRemainingTimeInMillis: () => 10000, done() {}, fail() {}, succeed() {},
};
const result = await handler(JSON.parse(eventJson), context);
// Exit only once the pipe took all of it: a large body (app.js) would be cut off otherwise.
process.stdout.write(JSON.stringify(result), () => process.exit(0));
`;

let outdir: string;
/** Handler path → its bundle; a failed bundle fails only the tests of its routes. */
const bundles = new Map<string, Promise<string>>();

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'bundles-'));
  const handlers = [...new Set(deployedRoutes.map((route) => route.handler))];
  handlers.forEach((handler, i) => {
    // One directory per handler: two handlers may share a file name.
    const dir = join(outdir, String(i));
    const bundled = bundleHandler(handler, dir).then(async ({ file }) => {
      // The web app's handlers carry the built app, as infra/stack.ts's bundling hook puts it there.
      if (handler.startsWith(WEB_HANDLERS)) await buildWebApp(join(dir, WEB_ASSETS_FOLDER));
      return file;
    });
    bundled.catch(() => undefined); // reported by the tests that await it
    bundles.set(handler, bundled);
  });
  await Promise.allSettled(bundles.values());
});

afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

/** Public routes with path parameters answer 200 for an existing resource only. */
const EXAMPLE_PATH_PARAMETERS: Partial<Record<string, Record<string, string>>> = {
  'GET /app/{file+}': { file: 'app.js' },
};

/**
 * Public routes whose resources live in the table (no database here): the bundle answers, with the
 * route's own "not found" (a certificate id that does not exist, checked without a read).
 */
const EXPECTED_WITHOUT_DATABASE: Partial<Record<string, number>> = {
  'GET /verify/{certificateId}': 404,
  // No package id or path in the event: the route's "not found" for a file, also without a read.
  'GET /scorm/content/{packageId}/{path+}': 404,
  // The body `{}` has no key or learner: the route's own 400, before any read.
  'POST /scorm/sessions': 400,
};

function expectedStatus(route: RouteDef): number {
  return EXPECTED_WITHOUT_DATABASE[routeId(route)] ?? (route.auth.kind === 'public' ? 200 : 401);
}

describe('Lambda bundles in a fresh Node process', () => {
  it('cover every deployed route, including a public one and both credential kinds', () => {
    expect(new Set(deployedRoutes.map((route) => route.auth.kind))).toEqual(new Set(['public', 'xapi', 'jwt']));
    expect(deployedRoutes.map(routeId)).toContain('GET /xapi/about');
  });

  it.each(deployedRoutes.map((route) => [routeId(route), expectedStatus(route), route] as const))(
    '%s without credentials → %i',
    async (_id, status, route) => {
      const event = apiGatewayEvent({
        method: route.method,
        path: route.path,
        headers: { 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
        ...(route.method === 'POST' || route.method === 'PUT' ? { body: '{}' } : {}),
        ...(EXAMPLE_PATH_PARAMETERS[routeId(route)] ? { pathParameters: EXAMPLE_PATH_PARAMETERS[routeId(route)] } : {}),
      });
      const file = await bundles.get(route.handler);
      const child = await runInFreshNode(INVOKE, [file ?? '', JSON.stringify(event)], LAMBDA_TEST_ENV);
      expect(child.code, child.stderr).toBe(0);
      const result = JSON.parse(child.stdout) as { statusCode: number; headers?: Record<string, string>; body?: string };
      expect(result.statusCode, child.stdout).toBe(status);
      // A 401 names the scheme to use (RFC 9110), so it is the credential check that answered.
      if (route.auth.kind !== 'public') {
        expect(result.headers?.['www-authenticate']).toMatch(route.auth.kind === 'xapi' ? /^Basic/ : /^Bearer/);
      }
      if (routeId(route) === 'GET /xapi/about') {
        expect(JSON.parse(result.body ?? '{}')).toMatchObject({ version: expect.arrayContaining(['1.0.3']) });
      }
    },
  );
});
