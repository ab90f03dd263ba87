/**
 * GET /, GET /scorm/launch and GET /app/{file+}: the participant web app (built by
 * infra/web-build.ts). /scorm/launch is the same page for a thin SCORM package's launch page to
 * frame (the app then runs embedded: functions/web/embedded/); it is the only page any origin may
 * frame, since the package runs on the LMS's origin, which the module cannot know.
 *
 * The files come from WEB_ASSETS_DIR (local runtime and tests build them there at start-up), else
 * from the `web/` folder next to this handler's bundle (the CDK bundling hook puts them there).
 * They are read once per process, like a warm Lambda keeps them.
 *
 * Caching: index.html is revalidated on every visit (ETag = build id), so a new deployment reaches
 * people at once; app.js and styles.css asked for with the current build id (`?v=<id>`, as
 * index.html refers to them) never change and are cached for a year. Responses are gzipped when
 * the browser accepts it (API Gateway HTTP API does not compress).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Context } from 'aws-lambda';
import { routeHandler } from '../../http/route-handler.js';
import { header, queryParams, type HttpEvent } from '../../http/request.js';
import type { HttpResult } from '../../http/response.js';
import { NotFoundError } from '../../core/errors.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The app talks only to its own origin; no inline script or style, no framing. */
const POLICY = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "base-uri 'none'", "form-action 'self'"];
const CONTENT_SECURITY_POLICY = [...POLICY, "frame-ancestors 'none'"].join('; ');
/** The same, but an LMS on any origin may frame it (and the app frames imported packages of its own). */
const EMBEDDABLE_CONTENT_SECURITY_POLICY = [...POLICY, 'frame-ancestors *'].join('; ');

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

interface Asset {
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
}

interface Assets {
  buildId: string;
  files: Map<string, Asset>;
}

let loaded: { dir: string; assets: Assets } | undefined;

export function assetsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WEB_ASSETS_DIR) return env.WEB_ASSETS_DIR;
  return join(dirname(fileURLToPath(import.meta.url)), 'web');
}

function loadAssets(dir: string): Assets {
  if (loaded?.dir === dir) return loaded.assets;
  const manifestPath = join(dir, 'build.json');
  if (!existsSync(manifestPath)) throw new Error(`No web app build in ${dir} (build.json missing): run tsx infra/web-build.ts ${dir}`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { buildId?: unknown; files?: unknown };
  if (typeof manifest.buildId !== 'string' || !Array.isArray(manifest.files)) throw new Error(`${manifestPath} is not a web app build manifest`);
  const files = new Map<string, Asset>();
  for (const name of manifest.files) {
    if (typeof name !== 'string') continue;
    const contentType = CONTENT_TYPES[name.slice(name.lastIndexOf('.'))];
    if (!contentType) continue;
    const body = readFileSync(join(dir, name));
    files.set(name, { contentType, body, gzipped: gzipSync(body, { level: 9 }) });
  }
  const assets = { buildId: manifest.buildId, files };
  loaded = { dir, assets };
  return assets;
}

const serveIndex = routeHandler('GET /', async (event) => serve(event, 'index.html'));
const serveLaunch = routeHandler('GET /scorm/launch', async (event) => serve(event, 'index.html', EMBEDDABLE_CONTENT_SECURITY_POLICY));
const serveAppFile = routeHandler('GET /app/{file+}', async (event) => serve(event, event.pathParameters?.file ?? ''));

/** The three routes of the route table share this module (one function in AWS); the route key tells which was asked for. */
export const handler: typeof serveIndex = ((event: HttpEvent, context: Context) =>
  event.routeKey === 'GET /app/{file+}'
    ? serveAppFile(event, context)
    : event.routeKey === 'GET /scorm/launch'
      ? serveLaunch(event, context)
      : serveIndex(event, context)) as typeof serveIndex;

function serve(event: HttpEvent, name: string, contentSecurityPolicy = CONTENT_SECURITY_POLICY): HttpResult {
  const assets = loadAssets(assetsDir());
  // Only the files of the build, by exact name: no paths, so nothing outside the folder.
  const asset = name === 'build.json' ? undefined : assets.files.get(name);
  if (!asset) throw new NotFoundError(`Er is geen bestand "${name}" in de web-app.`);

  const isIndex = name === 'index.html';
  const etag = `"${assets.buildId}"`;
  const cacheControl = isIndex
    ? 'no-cache'
    : queryParams(event).v === assets.buildId
      ? 'public, max-age=31536000, immutable'
      : 'no-cache';
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    'cache-control': cacheControl,
    etag,
    vary: 'Accept-Encoding',
    ...SECURITY_HEADERS,
    ...(isIndex ? { 'content-security-policy': contentSecurityPolicy } : {}),
  };
  if (header(event, 'if-none-match')?.split(',').some((tag) => tag.trim() === etag)) {
    return { statusCode: 304, headers, body: '' };
  }
  const acceptsGzip = /\bgzip\b/i.test(header(event, 'accept-encoding') ?? '');
  return acceptsGzip
    ? { statusCode: 200, headers: { ...headers, 'content-encoding': 'gzip' }, body: asset.gzipped.toString('base64'), isBase64Encoded: true }
    : { statusCode: 200, headers, body: asset.body.toString('utf8') };
}
