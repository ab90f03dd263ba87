/**
 * The LMS side of the SCORM run-time, for browser tests: a tiny web server that serves a package's
 * files and a harness page on which scorm-again (the run-time the participant app will use) plays
 * the LMS. The harness page puts the API where the SCO looks for it (`window.API` for SCORM 1.2,
 * `window.API_1484_11` for 2004), optionally loaded with the CMI of an earlier sitting, and opens
 * the package's first SCO in a sandboxed iframe.
 *
 * What the LMS received is on the harness page: every API call in order on `window.lmsLog`, the
 * data it would store on `window.lmsCmi()`, scorm-again's error messages on `window.lmsErrors`.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { inspectPackage, PACKAGE_LIMITS } from '../../functions/core/scorm/inspect-package.js';
import { normaliseEntryName } from '../../functions/core/scorm/package-paths.js';
import type { ScormVersion } from '../../functions/core/scorm/versions.js';
import { inflateEntry, readZipDirectory } from '../../functions/core/scorm/zip.js';

/** CMI data as scorm-again renders and loads it: nested objects, every value a string. */
export interface CmiJson {
  [element: string]: string | CmiJson;
}

/** One call the SCO made on the LMS API, as the LMS saw it. */
export interface LmsCall {
  readonly method: string;
  readonly args: readonly string[];
  readonly result: string;
  /** The API's last error after the call: "0" when it succeeded. */
  readonly errorCode: string;
}

export interface ScormHarness {
  /** The version the package's manifest declares; it decides which API the harness page offers. */
  readonly version: ScormVersion;
  /** The first SCO's launch URL, relative to the package root, as inspectPackage found it. */
  readonly launch: string;
  /** The harness page, its API loaded with `initialCmi` (the LMS's data for this sitting) if given. */
  url(initialCmi?: CmiJson): string;
  close(): Promise<void>;
}

const API_NAMES: Record<ScormVersion, string> = { '1.2': 'API', '2004': 'API_1484_11' };
const RECORDED_METHODS: Record<ScormVersion, readonly string[]> = {
  '1.2': ['LMSInitialize', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSFinish'],
  '2004': ['Initialize', 'GetValue', 'SetValue', 'Commit', 'Terminate'],
};

// scorm-again's browser builds (UMD): each defines one global, Scorm12API or Scorm2004API.
const requireFromHere = createRequire(import.meta.url);
const RUNTIME_SCRIPTS: Record<ScormVersion, string> = {
  '1.2': requireFromHere.resolve('scorm-again/scorm12'),
  '2004': requireFromHere.resolve('scorm-again/scorm2004'),
};

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  xml: 'application/xml',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  mp4: 'video/mp4',
};

/**
 * Inspects the package as an upload would be (so it must be valid), unzips it in memory and serves
 * it on a random local port: the harness page at /lms.html, the package's files under /package/.
 */
export async function startScormHarness(zip: Uint8Array): Promise<ScormHarness> {
  const inspection = await inspectPackage(zip);
  if (!inspection.ok) throw new Error(`startScormHarness: the package is refused:\n${inspection.errors.join('\n')}`);
  const { version, launch } = inspection;
  const files = unzip(zip);
  const page = harnessPage(version, launch);
  const runtime = readFileSync(RUNTIME_SCRIPTS[version]);

  const server = createServer((request, response) => {
    const path = decodedPath(request.url ?? '/');
    if (path === undefined) return send(response, 400, 'text/plain', 'Bad Request');
    if (request.method !== 'GET') return send(response, 405, 'text/plain', 'Method Not Allowed');
    if (path === '/lms.html') return send(response, 200, CONTENT_TYPES.html!, page);
    if (path === '/scorm-again.js') return send(response, 200, CONTENT_TYPES.js!, runtime);
    const file = path.startsWith('/package/') ? files.get(path.slice('/package/'.length)) : undefined;
    if (!file) return send(response, 404, 'text/plain', 'Not Found');
    return send(response, 200, contentTypeOf(path), file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    version,
    launch,
    url: (initialCmi) => `${baseUrl}/lms.html${initialCmi ? `?cmi=${encodeURIComponent(JSON.stringify(initialCmi))}` : ''}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The package's files by normalised path; inspectPackage has already refused anything unsafe. */
function unzip(zip: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readZipDirectory(zip, PACKAGE_LIMITS.maxEntries)) {
    const name = normaliseEntryName(entry.name);
    if (entry.isDirectory || !name.ok) continue;
    const data = inflateEntry(zip, entry);
    if (!data.ok) throw new Error(`startScormHarness: ${entry.name}: ${data.problem}`);
    files.set(name.path, data.data);
  }
  return files;
}

function decodedPath(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url, 'http://harness').pathname);
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Uint8Array): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(body);
}

function contentTypeOf(path: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/**
 * The LMS page. Commits go nowhere (`lmsCommitUrl: false`): the test reads what would have been
 * stored from `lmsCmi()`, the terminate-time commit data including the new total time. The API's
 * methods are wrapped, not listened to, because scorm-again calls its listeners for failed calls
 * too and does not pass them the result.
 */
function harnessPage(version: ScormVersion, launch: string): string {
  const config = { version, launch, apiName: API_NAMES[version], recorded: RECORDED_METHODS[version] };
  return `<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <title>SCORM-testomgeving (${version})</title>
  <link rel="icon" href="data:,">
  <script src="/scorm-again.js"></script>
</head>
<body>
  <iframe id="sco" title="Lesinhoud" sandbox="allow-scripts allow-same-origin allow-forms" width="800" height="600"></iframe>
  <script>
  (function () {
    var config = ${JSON.stringify(config)};
    var errors = [];
    var Api = config.version === '1.2' ? window.Scorm12API : window.Scorm2004API;
    var api = new Api({
      autocommit: false,
      lmsCommitUrl: false,
      logLevel: 4,
      onLogMessage: function (level, message) { errors.push(message); }
    });
    var initialCmi = new URLSearchParams(location.search).get('cmi');
    if (initialCmi) api.loadFromJSON(JSON.parse(initialCmi));
    var log = [];
    config.recorded.forEach(function (method) {
      var original = api[method];
      api[method] = function () {
        var args = Array.prototype.slice.call(arguments);
        var result = original.apply(api, args);
        log.push({ method: method, args: args.map(String), result: String(result), errorCode: String(api.lastErrorCode) });
        return result;
      };
    });
    window[config.apiName] = api;
    window.lmsLog = log;
    window.lmsErrors = errors;
    window.lmsCmi = function () { return api.renderCommitCMI(true).cmi; };
    document.getElementById('sco').src = '/package/' + config.launch;
  })();
  </script>
</body>
</html>
`;
}

/**
 * What an LMS loads for a learner's first sitting: who they are, that the attempt starts fresh and
 * counts. For SCORM 1.2 also the item's mastery score (adlcp:masteryscore), if the manifest has one.
 */
export function firstLaunchCmi(
  version: ScormVersion,
  learner: { id: string; name: string },
  masteryScore?: string,
): CmiJson {
  if (version === '2004') return { learner_id: learner.id, learner_name: learner.name, entry: 'ab-initio', credit: 'credit', mode: 'normal' };
  return {
    core: { student_id: learner.id, student_name: learner.name, entry: 'ab-initio', credit: 'credit', lesson_mode: 'normal' },
    ...(masteryScore === undefined ? {} : { student_data: { mastery_score: masteryScore } }),
  };
}

/**
 * What an LMS loads to resume a suspended attempt: everything the last sitting left, except what
 * belongs to one sitting (exit, session time), with entry "resume". The saved total time already
 * includes the last session (lmsCmi renders it so).
 */
export function resumeCmi(version: ScormVersion, saved: CmiJson): CmiJson {
  const session = version === '1.2' ? child(saved, 'core') : saved;
  const { exit, session_time: _sessionTime, entry: _entry, ...kept } = session;
  if (exit !== 'suspend') throw new Error(`resumeCmi: the last sitting did not suspend (exit "${String(exit)}")`);
  const resumed = { ...kept, entry: 'resume' };
  return version === '1.2' ? { ...saved, core: resumed } : resumed;
}

function child(cmi: CmiJson, key: string): CmiJson {
  const value = cmi[key];
  if (typeof value !== 'object') throw new Error(`CMI has no object "${key}"`);
  return value;
}

// Driving the SCO and reading what the LMS got. The harness page and the SCO are same-origin, so
// the test reaches into both with evaluate.

export type ScoStep =
  | readonly ['start']
  | readonly ['answer', boolean]
  | readonly ['complete', boolean]
  | readonly ['suspend', string]
  | readonly ['finish'];

type ScoMethod = ScoStep[0];
interface ScoWindow {
  sco: Record<ScoMethod, (argument?: boolean | string) => boolean>;
}
interface LmsWindow {
  lmsLog: LmsCall[];
  lmsErrors: string[];
  lmsCmi(): CmiJson;
}

/** The SCO's frame on the harness page, once its script has run. */
export async function scoFrame(page: Page): Promise<Frame> {
  const frame = await (await page.locator('iframe#sco').elementHandle())?.contentFrame();
  if (!frame) throw new Error('scoFrame: the harness page has no SCO frame');
  await frame.waitForFunction(() => typeof (window as unknown as Partial<ScoWindow>).sco === 'object');
  return frame;
}

/** Calls `window.sco` in the SCO's frame step by step, as its buttons do; what each step returned. */
export async function playSco(page: Page, steps: readonly ScoStep[]): Promise<boolean[]> {
  const frame = await scoFrame(page);
  const results: boolean[] = [];
  for (const step of steps) {
    const [method, argument]: readonly [ScoMethod, (boolean | string)?] = step;
    results.push(await frame.evaluate(([m, a]) => (window as unknown as ScoWindow).sco[m](a), [method, argument] as const));
  }
  return results;
}

/** The SCO's status line, as the learner sees it. */
export async function scoStatus(page: Page): Promise<string> {
  return (await page.frameLocator('#sco').locator('#status').textContent()) ?? '';
}

export async function lmsLog(page: Page): Promise<LmsCall[]> {
  return page.evaluate(() => (window as unknown as LmsWindow).lmsLog);
}

export async function lmsCmi(page: Page): Promise<CmiJson> {
  return page.evaluate(() => (window as unknown as LmsWindow).lmsCmi());
}

export async function lmsErrors(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as LmsWindow).lmsErrors);
}

/** Each call as one line, e.g. `LMSSetValue("cmi.core.exit", "suspend") = "true"`, plus ` [error 403]` when it set one. */
export function callLines(log: readonly LmsCall[]): string[] {
  return log.map(({ method, args, result, errorCode }) => {
    const call = `${method}(${args.map((arg) => JSON.stringify(arg)).join(', ')}) = ${JSON.stringify(result)}`;
    return errorCode === '0' ? call : `${call} [error ${errorCode}]`;
  });
}
