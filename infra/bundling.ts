/**
 * How a Lambda handler becomes a deployable file: the one definition, shared by the CDK stack
 * (translated to NodejsFunction's bundling props in infra/stack.ts) and by the bundle smoke test
 * and the bench (through `bundleHandler`). If the stack and the tests bundled differently, the
 * tests would prove nothing about what runs in AWS.
 *
 * @aws-sdk is bundled, not external. The nodejs22.x runtime ships an SDK v3, but its version is
 * whatever AWS has rolled out that week, while our adapters and tests run against the version in
 * package-lock.json. Bundling pins the tested version, lets esbuild tree-shake the client down
 * to the commands we use, and keeps every module in one ESM file: loading the runtime's CommonJS
 * SDK from node_modules costs more cold-start time than the few hundred kilobytes it saves.
 */
import { build, type BuildOptions } from 'esbuild';
import { stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: route-table handler paths are relative to it, whatever the caller's cwd. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundled dependencies that still call `require()` (CommonJS inside an ESM bundle) need a real
 * `require`; ESM has none, so the bundle makes one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * The esbuild options every handler bundle is built with. Kept to fields that NodejsFunction
 * can express too (see `nodejsBundling` in infra/stack.ts), so both paths build the same file.
 */
export const handlerBundleOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  // node20, not node22: the same bundle must also load in the tests and the bench on Node 20.
  target: 'node20',
  // Prefer packages' ESM builds: they tree-shake, and the SDK's ESM build skips its CJS shims.
  mainFields: ['module', 'main'],
  minify: true,
  // Off: a source map would need NODE_OPTIONS=--enable-source-maps in Lambda, which slows every
  // cold start.
  sourcemap: false,
  // Off: it added 7% to bundle size and load time (statements-post: 550 → 515 KB, 68 → 63 ms
  // CPU). Nothing depends on minified names: error classes set `name` explicitly, and the
  // error mapping uses instanceof.
  keepNames: false,
  banner: { js: ESM_REQUIRE_BANNER },
  outExtension: { '.js': '.mjs' },
  // Nothing external, @aws-sdk included (see the file comment).
  external: [],
} as const satisfies BuildOptions;

export interface BundledHandler {
  /** Absolute path of the written .mjs file. */
  file: string;
  bytes: number;
}

/**
 * Bundles one handler into `outdir` as `<entry name>.mjs`. `entry` is absolute or relative to
 * the repository root (as in functions/routes.ts). Two entries with the same file name need two
 * output directories.
 */
export async function bundleHandler(entry: string, outdir: string): Promise<BundledHandler> {
  const entryPath = isAbsolute(entry) ? entry : resolve(PROJECT_ROOT, entry);
  await build({
    ...handlerBundleOptions,
    mainFields: [...handlerBundleOptions.mainFields],
    external: [...handlerBundleOptions.external],
    entryPoints: [entryPath],
    outdir,
    absWorkingDir: PROJECT_ROOT,
    logLevel: 'silent',
  });
  const file = join(resolve(outdir), `${basename(entryPath, extname(entryPath))}.mjs`);
  const { size } = await stat(file);
  return { file, bytes: size };
}
