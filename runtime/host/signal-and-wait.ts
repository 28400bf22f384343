/**
 * Ends a process politely: SIGTERM, wait up to the grace period for it to go, then SIGKILL and
 * wait again. Polls /proc rather than waiting on the child, because the process is usually not
 * ours (the engine and rootlesskit were started by an earlier CLI call).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { isProcessAlive } from './process-alive.js';

export type Stopped = 'terminated' | 'killed' | 'not-running';

const POLL_MS = 20;
const AFTER_KILL_MS = 5_000;

export async function signalAndWait(pid: number, graceMs: number): Promise<Stopped> {
  if (!send(pid, 'SIGTERM')) return 'not-running';
  if (await waitForExit(pid, graceMs)) return 'terminated';
  if (!send(pid, 'SIGKILL')) return 'terminated';
  if (await waitForExit(pid, AFTER_KILL_MS)) return 'killed';
  throw new Error(`pid ${pid} is still there ${AFTER_KILL_MS} ms after SIGKILL`);
}

function send(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (error) {
    // ESRCH: it exited on its own just before the signal.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await delay(POLL_MS);
  }
  return true;
}
