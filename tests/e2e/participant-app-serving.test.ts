/**
 * The participant app as built and served: the JavaScript stays within its size budget, and the
 * web handler serves the build with the right types, caching and compression (the same handler and
 * build that run in Lambda).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildWebApp } from '../../infra/web-build.js';
import { loadCourse } from '../../functions/core/course/load.js';
import { parseBlocks, renderInline } from '../../functions/web/components/markdown.js';
import { startLocalApp, type LocalApp } from '../support/local-app.js';

/** The budget for app.js, gzipped. */
const JS_BUDGET_BYTES = 80 * 1024;

describe('the web app build', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ipg-web-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it(`keeps app.js under ${JS_BUDGET_BYTES / 1024} KB gzipped`, async () => {
    const build = await buildWebApp(dir);
    // Code loaded on demand (the SCORM runtimes of the package player) comes in chunks.
    const chunks = build.files.filter((name) => name.startsWith('chunk-'));
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) expect(chunk).toMatch(/^chunk-[A-Z0-9]+\.js$/);
    expect(build.files.filter((name) => !chunks.includes(name)).sort()).toEqual(['app.js', 'build.json', 'index.html', 'styles.css']);
    expect(build.jsGzipBytes).toBeGreaterThan(10_000);
    expect(build.jsGzipBytes).toBeLessThan(JS_BUDGET_BYTES);
  });

  it('writes an index.html in Dutch that loads the assets by build id', async () => {
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    const { buildId } = JSON.parse(await readFile(join(dir, 'build.json'), 'utf8')) as { buildId: string };
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain(`/app/app.js?v=${buildId}`);
    expect(html).toContain(`/app/styles.css?v=${buildId}`);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });
});

describe('serving the web app', () => {
  let app: LocalApp;
  let buildId: string;
  beforeAll(async () => {
    app = await startLocalApp({ dynamoEndpoint: inject('dynamoEndpoint') });
    buildId = (/app\.js\?v=([0-9a-f]+)/.exec(await (await app.fetch('/')).text()) ?? [])[1]!;
  });
  afterAll(() => app?.close());

  it('serves index.html at /, revalidated on every visit, with a strict CSP', async () => {
    const response = await app.fetch('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const again = await app.fetch('/', { headers: { 'if-none-match': response.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('serves app.js and styles.css with their types; the current build id makes them cacheable for good', async () => {
    const js = await app.fetch(`/app/app.js?v=${buildId}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const css = await app.fetch(`/app/styles.css?v=${buildId}`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const stale = await app.fetch('/app/app.js?v=an-old-build');
    expect(stale.headers.get('cache-control')).toBe('no-cache');
  });

  it('gzips for browsers that accept it', async () => {
    const { request } = await import('node:http');
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      const req = request(`${app.baseUrl}/app/app.js?v=${buildId}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(raw.encoding).toBe('gzip');
    expect(gunzipSync(raw.body).toString('utf8').length).toBeGreaterThan(raw.body.length);
  });

  it('answers 404 for anything that is not a file of the build', async () => {
    for (const path of ['/app/nope.js', '/app/build.json', '/app/..%2Fbuild.json', '/app/../index.html', '/app/sub/app.js']) {
      const response = await app.fetch(path);
      expect([404], path).toContain(response.status);
    }
  });
});

describe('the Markdown of the course texts', () => {
  it('becomes headings, paragraphs and lists; anything else stays text, never HTML', () => {
    expect(parseBlocks('## Kop\n\nEen zin\nmet vervolg.\n\n- een\n- twee\n\n3. drie\n4. vier')).toEqual([
      { kind: 'heading', level: 2, text: 'Kop' },
      { kind: 'paragraph', text: 'Een zin met vervolg.' },
      { kind: 'list', ordered: false, start: 1, items: ['een', 'twee'] },
      { kind: 'list', ordered: true, start: 3, items: ['drie', 'vier'] },
    ]);
    const inline = renderInline('Let op: <script>alert(1)</script> en **vet** en *schuin*, snake_case_naam.');
    expect(inline[0]).toBe('Let op: <script>alert(1)</script> en ');
    expect(inline.filter((part) => typeof part === 'object').map((part) => (part as { type: string }).type)).toEqual(['strong', 'em']);
    expect(inline.at(-1)).toBe(', snake_case_naam.');
  });

  it('parses every text of the course', () => {
    const texts: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string' && value.includes('\n')) texts.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(loadCourse());
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) {
      const blocks = parseBlocks(text);
      expect(blocks.length).toBeGreaterThan(0);
      // Markdown markers never leak into the text of headings and list items.
      for (const block of blocks) {
        if (block.kind === 'heading') expect(block.text).not.toMatch(/^#/);
        if (block.kind === 'list') for (const item of block.items) expect(item).not.toMatch(/^([-*+]|\d+\.)\s/);
      }
    }
  });
});
