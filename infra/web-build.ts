/**
 * Builds the participant web app (functions/web/) into one folder: `app.js` (esbuild: browser,
 * es2020, minified, Preact's automatic JSX), `styles.css` and `index.html`. The HTML refers to the
 * assets with the build id in the query (`/app/app.js?v=<id>`), so a browser never runs a stale
 * app: a new build is a new URL, and functions/handlers/web/assets.ts caches those forever while
 * index.html itself is revalidated on every visit.
 *
 * The same function runs at every start of the local runtime (functions/local/main.ts), in the
 * tests (tests/support/local-app.ts) and in the CDK stack's bundling hook (infra/stack.ts), so
 * what the tests serve is what AWS serves.
 *
 *   tsx infra/web-build.ts <outdir>
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB_SOURCE = join(PROJECT_ROOT, 'functions/web');

/** Where the web handler finds the build: `web/` next to the Lambda bundle (see the stack). */
export const WEB_ASSETS_FOLDER = 'web';
/** Handlers that serve the web app: their Lambda bundles carry the build in WEB_ASSETS_FOLDER. */
export const WEB_HANDLERS = 'functions/handlers/web/';
/** Written last: what was built, so the handler knows the build id without hashing anything. */
export const BUILD_MANIFEST = 'build.json';

export interface WebBuildManifest {
  buildId: string;
  files: string[];
}

export interface WebBuild {
  /** File names written into outdir. */
  files: string[];
  /** Size of app.js gzipped (level 9), the number the size budget is about. */
  jsGzipBytes: number;
}

export async function buildWebApp(outdir: string): Promise<WebBuild> {
  const dir = resolve(outdir);
  await mkdir(dir, { recursive: true });
  const result = await build({
    entryPoints: [join(WEB_SOURCE, 'main.tsx')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // The course schema and statement schema are shared with the server; nothing Node-only may
    // reach the browser, and esbuild fails the build if something tries.
    write: false,
    // Code splitting: what a screen imports on demand (scorm-again) becomes its own chunk.
    splitting: true,
    outdir: dir,
    entryNames: 'app',
    chunkNames: 'chunk-[hash]',
    absWorkingDir: PROJECT_ROOT,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const outputs = result.outputFiles.map((file) => ({ name: file.path.slice(dir.length + 1), contents: file.contents }));
  const js = outputs.find((file) => file.name === 'app.js')!.contents;
  const chunks = outputs.filter((file) => file.name !== 'app.js');
  const css = await readFile(join(WEB_SOURCE, 'styles.css'));
  const hash = createHash('sha256').update(js);
  for (const chunk of chunks) hash.update(chunk.contents);
  const buildId = hash.update(css).digest('hex').slice(0, 16);

  await writeFile(join(dir, 'app.js'), js);
  for (const chunk of chunks) await writeFile(join(dir, chunk.name), chunk.contents);
  await writeFile(join(dir, 'styles.css'), css);
  await writeFile(join(dir, 'index.html'), indexHtml(buildId));
  const files = ['index.html', 'app.js', ...chunks.map((chunk) => chunk.name), 'styles.css'];
  const manifest: WebBuildManifest = { buildId, files };
  await writeFile(join(dir, BUILD_MANIFEST), JSON.stringify(manifest));
  return { files: [...files, BUILD_MANIFEST], jsGzipBytes: gzipSync(js, { level: 9 }).length };
}

function indexHtml(buildId: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Introductie Positieve Gezondheid</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app/styles.css?v=${buildId}">
<script type="module" src="/app/app.js?v=${buildId}"></script>
</head>
<body>
<div id="app"><p class="boot">De cursus wordt geladen…</p></div>
<noscript><p class="boot">Deze cursus werkt alleen met JavaScript aan. Zet JavaScript aan in je browser en laad de pagina opnieuw.</p></noscript>
</body>
</html>
`;
}

// `tsx infra/web-build.ts <outdir>` (the CDK bundling hook runs it like this).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2];
  if (!outdir) {
    console.error('Usage: tsx infra/web-build.ts <outdir>');
    process.exit(2);
  }
  buildWebApp(outdir).then(
    ({ files, jsGzipBytes }) => console.log(`Web app built into ${outdir}: ${files.join(', ')} (app.js ${(jsGzipBytes / 1024).toFixed(1)} KB gzipped)`),
    (error: unknown) => {
      console.error('The web app build failed:', error);
      process.exit(1);
    },
  );
}
