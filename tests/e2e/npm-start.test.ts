/**
 * `npm start` end to end, as a newcomer would meet it: it starts (in-memory DynamoDB, a temp data
 * folder), serves the xAPI, refuses a second instance and a busy port in one line each, and on
 * Ctrl-C exits 0 leaving no Java process behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../setup/dynamodb-local.js';
import { LOCK_FILE_NAME } from '../../functions/local/instance-lock.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
const MAIN = 'functions/local/main.ts';

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startLocalRuntime(env: Record<string, string>): Started {
  const child = spawn(TSX, [MAIN], {
    cwd: REPO_ROOT,
    env: { ...process.env, DYNAMO_IN_MEMORY: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(started: Started, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  let exitedEarly = false;
  void started.exited.then(() => (exitedEarly = true));
  for (;;) {
    const match = started.output().match(pattern);
    if (match) return match;
    if (exitedEarly || Date.now() > deadline) throw new Error(`No ${pattern} in the output of npm start:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${timeoutMs} ms`)), timeoutMs))]);
}

/** Pids of DynamoDB Local processes listening on this port (ours alone: the port is unique). */
function dynamoDbLocalPids(port: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `DynamoDBLocal.jar.* -port ${port}( |$)`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function killIfRunning(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

describe('npm start', () => {
  let dataDir: string;
  let port: number;
  let runtime: Started;
  let dynamoPort: string;
  const others: Started[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'));
    port = await freePort();
    runtime = startLocalRuntime({ PORT: String(port), LOCAL_DATA_DIR: dataDir });
    await waitForOutput(runtime, new RegExp(`http://localhost:${port}/xapi`), 90_000);
    dynamoPort = runtime.output().match(/DynamoDB Local: http:\/\/127\.0\.0\.1:(\d+)/)![1]!;
  }, 120_000);

  afterAll(() => {
    // Only if a test failed half-way: nothing of ours may outlive the run.
    for (const started of [runtime, ...others]) if (started?.child.exitCode === null) killIfRunning(started.child.pid);
    if (dynamoPort) for (const pid of dynamoDbLocalPids(dynamoPort)) killIfRunning(pid);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the xAPI About resource', async () => {
    expect(dynamoDbLocalPids(dynamoPort)).toHaveLength(1);
    const response = await fetch(`http://localhost:${port}/xapi/about`, { signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-experience-api-version')).toBe('2.0.0');
    expect((await response.json()).version).toEqual(expect.arrayContaining(['1.0.3', '2.0.0']));
  });

  it('prints the demo credentials', () => {
    expect(runtime.output()).toMatch(/key \(Basic user\):\s+\S+/);
  });

  it('refuses a second instance on another port in one line', async () => {
    const second = startLocalRuntime({ PORT: String(await freePort()), LOCAL_DATA_DIR: dataDir });
    others.push(second);
    expect(await withTimeout(second.exited, 30_000, 'the second instance')).toBe(1);
    const lines = second.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    const holder = Number(lines[0]!.match(/already running \(pid (\d+)\)/)?.[1]);
    expect(lines[0]).toContain(`kill ${holder}`);
    // The pid named is the running instance's (tsx's child process), so `kill` would reach it.
    expect(() => process.kill(holder, 0)).not.toThrow();
  }, 40_000);

  it('refuses a busy port in one line', async () => {
    // Same data folder: the port check comes before the lock, so the port is what it must report.
    const third = startLocalRuntime({ PORT: String(port), LOCAL_DATA_DIR: dataDir });
    others.push(third);
    expect(await withTimeout(third.exited, 30_000, 'the start on a busy port')).toBe(1);
    expect(third.output().trim()).toBe(`Port ${port} is in use. Stop what uses it, or start with PORT=${port + 1} npm start.`);
  }, 40_000);

  it('stops on Ctrl-C with exit code 0, leaving no Java process and no lock behind', async () => {
    runtime.child.kill('SIGINT');
    expect(await withTimeout(runtime.exited, 30_000, 'stopping')).toBe(0);
    expect(dynamoDbLocalPids(dynamoPort)).toEqual([]);
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  }, 40_000);
});
