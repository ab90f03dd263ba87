/**
 * One local runtime per data folder: two would share (and fight over) the DynamoDB Local files and
 * the signing key. The lock is a pid file created with O_EXCL, so of two simultaneous starts only
 * one wins; a lock left behind by a process that is gone (kill -9, a crash) is replaced.
 */
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LocalStartupError } from './startup-error.js';

export const LOCK_FILE_NAME = 'local-runtime.pid';

export interface InstanceLock {
  path: string;
  /** Removes the pid file if it is still ours. Synchronous, so it also works in an exit handler. */
  release(): void;
}

export class AlreadyRunningError extends LocalStartupError {
  constructor(
    /** Undefined while the other instance is still writing its pid. */
    readonly pid: number | undefined,
    readonly lockPath: string,
  ) {
    super(
      pid === undefined
        ? `Another local runtime is starting right now (lock ${displayPath(lockPath)}). Wait for it, or stop it with Ctrl-C in its terminal.`
        : `The local runtime is already running (pid ${pid}). Stop it with Ctrl-C in its terminal or \`kill ${pid}\` ` +
            `(if no such process runs, delete ${displayPath(lockPath)}).`,
    );
  }
}

export interface AcquireOptions {
  pid?: number;
  /** Injected by tests; by default signal 0 asks the OS whether the pid exists. */
  isAlive?: (pid: number) => boolean;
}

/** A pid file younger than this with no pid in it yet belongs to a start that is writing it now. */
const BEING_WRITTEN_MS = 5_000;

export function acquireInstanceLock(dataDir: string, options: AcquireOptions = {}): InstanceLock {
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? processExists;
  const path = join(dataDir, LOCK_FILE_NAME);
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, pid)) return { path, release: () => releaseIfOurs(path, pid) };
    const holder = readHolder(path);
    if (holder === 'gone') continue;
    if (holder === 'being-written') throw new AlreadyRunningError(undefined, path);
    if (holder !== pid && isAlive(holder)) throw new AlreadyRunningError(holder, path);
    // Stale: its process is gone (or it is our own pid, reused after a container restart).
    removeIfExists(path);
  }
  throw new LocalStartupError(`Could not take the lock ${displayPath(path)}: it keeps reappearing. Is another start running right now?`);
}

function tryCreate(path: string, pid: number): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(path: string): number | 'gone' | 'being-written' {
  let text: string;
  let ageMs: number;
  try {
    text = readFileSync(path, 'utf8');
    ageMs = Date.now() - statSync(path).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  const pid = Number.parseInt(text.trim(), 10);
  if (Number.isInteger(pid) && pid > 0) return pid;
  // Between O_EXCL create and write another start sees an empty file; an old empty one is junk.
  return ageMs < BEING_WRITTEN_MS ? 'being-written' : -1;
}

function releaseIfOurs(path: string, pid: number): void {
  try {
    if (Number.parseInt(readFileSync(path, 'utf8').trim(), 10) === pid) unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function removeIfExists(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function processExists(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still means "running".
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd.startsWith('..') ? path : fromCwd;
}
