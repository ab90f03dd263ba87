/**
 * Bundle size and module-load time of every Lambda handler, beside a bare DynamoDB client bundled
 * the same way. Load time is what a cold start pays before the first line of the handler runs;
 * the target is at most 1.5x the bare client.
 *
 * Run alone: `npx tsx tests/bench/bundles.ts`. The bench runner calls `benchBundles()`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { routes, type RouteDef } from '../../functions/routes.js';
import { bundleHandler } from '../../infra/bundling.js';
import { LAMBDA_TEST_ENV, runInFreshNode } from '../support/fresh-node.js';

export const LOAD_RATIO_TARGET = 1.5;
const BASELINE_ENTRY = fileURLToPath(new URL('./bare-dynamodb-client.ts', import.meta.url));
const BASELINE_NAME = 'bare DynamoDBClient (baseline)';

export interface Row {
  /** Handler path from functions/routes.ts, or the baseline's name. */
  name: string;
  bytes: number;
  gzipBytes: number;
  /** Median, over fresh processes, of the wall time (performance.now) `await import(bundle)` takes. */
  loadMs: number;
  /** loadMs / the baseline's loadMs. */
  loadRatio: number;
  /** Median CPU time (user + system) of the same imports. */
  loadCpuMs: number;
  /** loadCpuMs / the baseline's loadCpuMs. */
  loadCpuRatio: number;
  /**
   * loadCpuRatio within LOAD_RATIO_TARGET. Judged on CPU time because wall time on a shared
   * machine also counts waiting for a core (identical bundles measured 1.0x to 1.7x apart on
   * two busy cores); an idle Lambda sandbox spends about its CPU time.
   */
  withinTarget: boolean;
}

/** argv: bundle path. Prints the wall and CPU milliseconds the import took, as JSON. */
const TIME_IMPORT = `
import { pathToFileURL } from 'node:url';
const url = pathToFileURL(process.argv[1]).href;
const cpuStart = process.cpuUsage();
const start = performance.now();
await import(url);
const wallMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }));
process.exit(0);
`;

interface Sample {
  wallMs: number;
  cpuMs: number;
}

export async function benchBundles(options: { runs?: number } = {}): Promise<Row[]> {
  const runs = options.runs ?? 7;
  const handlers = [...new Set((routes as readonly RouteDef[]).filter((r) => !r.localOnly).map((r) => r.handler))];
  const outdir = await mkdtemp(join(tmpdir(), 'bench-bundles-'));
  try {
    const entries = [{ name: BASELINE_NAME, entry: BASELINE_ENTRY }, ...handlers.map((h) => ({ name: h, entry: h }))];
    const bundled = await Promise.all(
      entries.map(async ({ name, entry }, i) => {
        const { file, bytes } = await bundleHandler(entry, join(outdir, String(i)));
        return { name, file, bytes, gzipBytes: gzipSync(await readFile(file)).length, samples: [] as Sample[] };
      }),
    );
    // One unmeasured load each warms the file cache; then the bundles take turns, so a slow
    // moment of the machine hits all of them alike rather than one.
    for (const bundle of bundled) await timeImport(bundle.file);
    for (let run = 0; run < runs; run++) {
      for (const bundle of bundled) bundle.samples.push(await timeImport(bundle.file));
    }
    const baseline = bundled[0]?.samples ?? [];
    const baselineMs = median(baseline.map((s) => s.wallMs));
    const baselineCpuMs = median(baseline.map((s) => s.cpuMs));
    return bundled.map(({ name, bytes, gzipBytes, samples }) => {
      const loadMs = median(samples.map((s) => s.wallMs));
      const loadCpuMs = median(samples.map((s) => s.cpuMs));
      const loadCpuRatio = loadCpuMs / baselineCpuMs;
      return {
        name,
        bytes,
        gzipBytes,
        loadMs,
        loadRatio: loadMs / baselineMs,
        loadCpuMs,
        loadCpuRatio,
        withinTarget: loadCpuRatio <= LOAD_RATIO_TARGET,
      };
    });
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

async function timeImport(file: string): Promise<Sample> {
  const child = await runInFreshNode(TIME_IMPORT, [file], LAMBDA_TEST_ENV);
  if (child.code !== 0) throw new Error(`loading ${file} failed (exit ${child.code}): ${child.stderr}`);
  return JSON.parse(child.stdout) as Sample;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

export function formatBundleTable(rows: readonly Row[]): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const header = ['bundle', 'size', 'gzipped', 'load wall', 'ratio', 'load CPU', `CPU ratio (target ≤ ${LOAD_RATIO_TARGET}x)`];
  const body = rows.map((row) => [
    row.name,
    kb(row.bytes),
    kb(row.gzipBytes),
    `${row.loadMs.toFixed(1)} ms`,
    `${row.loadRatio.toFixed(2)}x`,
    `${row.loadCpuMs.toFixed(1)} ms`,
    `${row.loadCpuRatio.toFixed(2)}x${row.withinTarget ? '' : '  OVER'}`,
  ]);
  const widths = header.map((_, col) => Math.max(...[header, ...body].map((cells) => (cells[col] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchBundles();
  console.log(formatBundleTable(rows));
  if (rows.some((row) => !row.withinTarget)) process.exitCode = 1;
}
