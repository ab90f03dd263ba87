import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireInstanceLock, AlreadyRunningError, LOCK_FILE_NAME } from '../../../functions/local/instance-lock.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lock-test-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const lockFile = () => join(dataDir, LOCK_FILE_NAME);

describe('acquireInstanceLock', () => {
  it('writes our pid and removes the file on release', () => {
    const lock = acquireInstanceLock(dataDir, { pid: 4242 });
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe('4242');
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('refuses while the holder runs, naming its pid and how to stop it', () => {
    acquireInstanceLock(dataDir, { pid: 4242 });
    const attempt = () => acquireInstanceLock(dataDir, { pid: 5151, isAlive: (pid) => pid === 4242 });
    expect(attempt).toThrow(AlreadyRunningError);
    expect(attempt).toThrow(/already running \(pid 4242\).*kill 4242/);
  });

  it('replaces a lock whose process is gone', () => {
    writeFileSync(lockFile(), '4242\n');
    acquireInstanceLock(dataDir, { pid: 5151, isAlive: () => false });
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe('5151');
  });

  it('replaces a lock holding our own pid (reused after a restart)', () => {
    writeFileSync(lockFile(), '5151\n');
    expect(() => acquireInstanceLock(dataDir, { pid: 5151, isAlive: () => true })).not.toThrow();
  });

  it('treats a fresh empty lock as a start in progress', () => {
    writeFileSync(lockFile(), '');
    expect(() => acquireInstanceLock(dataDir, { pid: 5151, isAlive: () => true })).toThrow(/starting right now/);
  });

  it('does not remove a lock that another process took over', () => {
    const lock = acquireInstanceLock(dataDir, { pid: 4242 });
    writeFileSync(lockFile(), '5151\n');
    lock.release();
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe('5151');
  });
});
