/**
 * withLockFile across real processes' pids: sections never overlap, a dead owner's lock is taken
 * over, and a live owner that never lets go makes the waiter time out with the owner's pid.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { withLockFile } from '../../../runtime/host/lock-file.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
function lockPath() {
  dir = mkdtempSync(join(tmpdir(), 'tsc-lock-'));
  return join(dir, 'test.lock');
}

describe('withLockFile', () => {
  it('runs racing sections one at a time and removes the lock afterwards', async () => {
    const lock = lockPath();
    let inside = 0;
    let most = 0;
    const section = async () => {
      inside += 1;
      most = Math.max(most, inside);
      await delay(20);
      inside -= 1;
    };
    await Promise.all(Array.from({ length: 5 }, () => withLockFile(lock, section)));
    expect(most).toBe(1);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over the lock of a process that died holding it', async () => {
    const lock = lockPath();
    const dead = spawnSync('true').pid;
    writeFileSync(lock, `${dead}\n`);
    expect(await withLockFile(lock, () => Promise.resolve('ran'), { timeoutMs: 1_000 })).toBe('ran');
  });

  it('times out, naming the owner, when a live process holds it', async () => {
    const lock = lockPath();
    writeFileSync(lock, '1\n');
    await expect(withLockFile(lock, () => Promise.resolve(), { timeoutMs: 100 })).rejects.toThrow(
      `timed out waiting for the lock ${lock} (held by pid 1)`,
    );
  });

  it('releases the lock when the section throws', async () => {
    const lock = lockPath();
    await expect(withLockFile(lock, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(lock)).toBe(false);
  });
});
