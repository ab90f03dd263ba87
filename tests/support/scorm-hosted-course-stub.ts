/**
 * A stand-in for the course as this module hosts it for a thin SCORM package, for browser tests of
 * the package's launch page: a tiny server on its own port (so its origin differs from the LMS's,
 * and the launch page's origin check is real) that serves `/scorm/launch`. The page reads its
 * fragment into `window.stub.launch`, keeps every message from its parent in
 * `window.stub.received`, posts `ready` once it listens, and offers `window.stub.progress(fields)`,
 * `window.stub.exit(suspend)` and `window.stub.post(anything)` to the test.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import { BRIDGE_PROTOCOL, HOSTED_LAUNCH_PATH } from '../../functions/core/scorm/bridge-protocol.js';

export interface HostedCourseStub {
  /** The module URL to build the package with, e.g. "http://127.0.0.1:41234". */
  readonly moduleUrl: string;
  close(): Promise<void>;
}

export function hostedCourseStubHtml(): string {
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Cursus (teststub)</title><link rel="icon" href="data:,"></head>
<body>
  <h1>Cursus (teststub)</h1>
  <script>
  (function () {
    var PROTOCOL = ${JSON.stringify(BRIDGE_PROTOCOL)};
    var launch = {};
    new URLSearchParams(location.hash.slice(1)).forEach(function (value, name) { launch[name] = value; });
    var received = [];
    window.addEventListener('message', function (event) {
      if (event.source === window.parent) received.push({ origin: event.origin, data: event.data });
    });
    function post(message) { window.parent.postMessage(message, '*'); }
    window.stub = {
      launch: launch,
      received: received,
      post: post,
      progress: function (fields) { post(Object.assign({ protocol: PROTOCOL, type: 'progress' }, fields)); },
      exit: function (suspend) { post({ protocol: PROTOCOL, type: 'exit', suspend: suspend }); }
    };
    post({ protocol: PROTOCOL, type: 'ready' });
  })();
  </script>
</body>
</html>
`;
}

export async function startHostedCourseStub(): Promise<HostedCourseStub> {
  const html = hostedCourseStubHtml();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://stub').pathname;
    if (request.method !== 'GET' || path !== HOSTED_LAUNCH_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not Found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    moduleUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

// Driving the stub from a test.

export interface StubReceived {
  readonly origin: string;
  readonly data: unknown;
}
interface StubWindow {
  stub: {
    launch: Record<string, string>;
    received: StubReceived[];
    post(message: unknown): void;
    progress(fields: Record<string, unknown>): void;
    exit(suspend: boolean): void;
  };
}

/** The hosted course's frame inside the package's launch page (in the harness's #sco frame), once its script ran. */
export async function courseFrame(page: Page): Promise<Frame> {
  const launchPage = await (await page.locator('iframe#sco').elementHandle())?.contentFrame();
  if (!launchPage) throw new Error('courseFrame: the harness page has no SCO frame');
  const course = await (await launchPage.waitForSelector('iframe#course')).contentFrame();
  if (!course) throw new Error('courseFrame: the launch page has no course frame');
  await course.waitForFunction(() => typeof (window as unknown as Partial<StubWindow>).stub === 'object');
  return course;
}

export async function stubLaunch(frame: Frame): Promise<Record<string, string>> {
  return frame.evaluate(() => (window as unknown as StubWindow).stub.launch);
}

/** What the stub has received from the launch page, waiting until there are at least `count`. */
export async function stubReceived(frame: Frame, count: number): Promise<StubReceived[]> {
  await frame.waitForFunction((n) => (window as unknown as StubWindow).stub.received.length >= n, count);
  return frame.evaluate(() => (window as unknown as StubWindow).stub.received);
}

export async function stubProgress(frame: Frame, fields: Record<string, unknown>): Promise<void> {
  await frame.evaluate((f) => (window as unknown as StubWindow).stub.progress(f), fields);
}

export async function stubExit(frame: Frame, suspend: boolean): Promise<void> {
  await frame.evaluate((s) => (window as unknown as StubWindow).stub.exit(s), suspend);
}

export async function stubPost(frame: Frame, message: unknown): Promise<void> {
  await frame.evaluate((m) => (window as unknown as StubWindow).stub.post(m), message);
}
