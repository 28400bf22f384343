/**
 * Whether a pid names a running process. `kill(pid, 0)` alone also says yes for a zombie (dead,
 * not yet reaped by its parent) so the state letter in /proc/<pid>/stat is checked too. EPERM
 * means the process exists but belongs to someone else: alive, and not ours.
 */
import { readFileSync } from 'node:fs';

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return false;
    if (code === 'EPERM') return true;
    throw error;
  }
  return processState(pid) !== 'Z';
}

/** The one-letter state from /proc/<pid>/stat (R, S, D, Z, …), or undefined once it is gone. */
export function processState(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    // ENOENT: the process went away between kill(0) and the read.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

/** The argv of a process, or undefined once it is gone. */
export function processCommandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
  } catch (error) {
    // ENOENT (gone) or ESRCH (exiting while we read): either way there is no command line.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') return undefined;
    throw error;
  }
}

/** The parent pid from /proc/<pid>/status, or undefined once it is gone. */
export function parentPid(pid: number): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const match = /^PPid:\s+(\d+)$/m.exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
