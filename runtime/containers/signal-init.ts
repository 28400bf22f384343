/**
 * Signalling a container's init process from the engine, as `runc kill <id> <signal>` does (one
 * kill(2) on the init's pid), without starting runc: a process start costs the engine several
 * milliseconds, and `stop` sends two signals to every container. Only a process known to be the
 * init this engine launched is signalled: its pid and its start time (field 22 of
 * /proc/<pid>/stat), read at launch, must still match, the check runc makes before it signals, so a
 * pid the kernel has handed to another process is never signalled.
 *
 * The caller falls back to the runtime where this does not apply (an init launched before an engine
 * restart, or a container sharing another pid namespace, where runc's rules differ).
 */
import { readFile } from 'node:fs/promises';

export interface InitIdentity {
  readonly pid: number;
  /** Clock ticks after boot at which the process started. */
  readonly startTime: string;
}

/** The identity of a live process; `undefined` when it has gone already. */
export async function readInitIdentity(pid: number): Promise<InitIdentity | undefined> {
  const startTime = await readStartTime(pid);
  return startTime === undefined ? undefined : { pid, startTime };
}

/** Sends the signal (a number); false when that init has exited (nothing was signalled). */
export async function signalInit(init: InitIdentity, signal: number): Promise<boolean> {
  if ((await readStartTime(init.pid)) !== init.startTime) return false;
  try {
    process.kill(init.pid, signal);
    return true;
  } catch (error) {
    // ESRCH: it exited between the check and the signal.
    if (error instanceof Error && 'code' in error && error.code === 'ESRCH') return false;
    throw error;
  }
}

/** Pure: the start time field of a /proc/<pid>/stat line (the command may hold spaces and parens). */
export function statStartTime(stat: string): string | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the command start at 3 (state); the start time is field 22.
  return fields[22 - 3];
}

async function readStartTime(pid: number): Promise<string | undefined> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    // ENOENT: the process has gone; ESRCH: it went between the open and the read.
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ESRCH'))
      return undefined;
    throw error;
  }
  return statStartTime(stat);
}
