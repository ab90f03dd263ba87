import { bundleHandler } from './infra/bundling.js';
import { LAMBDA_TEST_ENV, runInFreshNode } from './tests/support/fresh-node.js';
const TIME = `
import { pathToFileURL } from 'node:url';
const url = pathToFileURL(process.argv[1]).href;
const c = process.cpuUsage();
await import(url);
const u = process.cpuUsage(c);
process.stdout.write(String((u.user + u.system) / 1000));
process.exit(0);
`;
const entries = ['tests/bench/bare-dynamodb-client.ts', ...process.argv.slice(2)];
const files = [];
for (const [i, e] of entries.entries()) files.push((await bundleHandler(e, `/tmp/probe/out${i}`)));
const samples = files.map(() => [] as number[]);
for (let r = 0; r < 9; r++) for (const [i, f] of files.entries()) samples[i]!.push(Number((await runInFreshNode(TIME, [f.file], LAMBDA_TEST_ENV)).stdout));
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const base = med(samples[0]!);
for (const [i, e] of entries.entries()) console.log(`${(med(samples[i]!) / base).toFixed(2)}x  ${med(samples[i]!).toFixed(1)}ms  ${(files[i]!.bytes/1024).toFixed(0)}KiB  ${e}`);
