/**
 * A lock file that serialises "look, then start" sections across processes (two CLI calls that
 * both find no pause process must not both start rootlesskit). The file is created with O_EXCL
 * and holds the owner's pid; a lock whose owner died is stale and is taken over.
 *
 * Node has no flock(2). Taking over a stale lock has a small window in which two waiters both
 * judge the same dead owner and both proceed; the sections this guards tolerate that, because
 * rootlesskit flocks its own state dir and a second one exits at once (see ensure-namespaces.ts).
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { isProcessAlive } from './process-alive.js';

export interface LockOptions {
  /** How long to wait for a live owner to let go. */
  readonly timeoutMs?: number;
}

// An empty lock file older than this lost its owner between create and write.
const EMPTY_LOCK_GRACE_MS = 5_000;
const POLL_MS = 25;

export async function withLockFile<T>(
  path: string,
  section: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (tryCreate(path)) break;
    const owner = readOwner(path);
    if (owner.kind === 'stale') {
      removeIfPresent(path);
      continue;
    }
    if (owner.kind === 'gone') continue;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for the lock ${path} (held by pid ${owner.pid ?? 'unknown'})`);
    }
    await delay(POLL_MS);
  }
  try {
    return await section();
  } finally {
    removeIfPresent(path);
  }
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

type Owner = { kind: 'live'; pid?: number } | { kind: 'stale' } | { kind: 'gone' };

function readOwner(path: string): Owner {
  let text: string;
  let age: number;
  try {
    text = readFileSync(path, 'utf8');
    age = Date.now() - statSync(path).mtimeMs;
  } catch (error) {
    // ENOENT: the owner let go between our create and this read; try again.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
  const pid = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(pid)) {
    return age > EMPTY_LOCK_GRACE_MS ? { kind: 'stale' } : { kind: 'live' };
  }
  return isProcessAlive(pid) ? { kind: 'live', pid } : { kind: 'stale' };
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    // ENOENT: a waiter already removed it as stale, which is the state we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
