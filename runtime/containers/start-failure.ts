/**
 * How a failed start is reported, as Docker does: the exit code the container records (127 when
 * the command is not found, 126 when it cannot be executed, else 128), and a 400 for the caller's
 * mistakes (a missing or non-executable command) versus a 500 for the engine's.
 */
import { badRequest } from '../status-error.js';

/** Docker's codes for a start that failed: 127 command not found, 126 not executable, else 128. */
export function startFailureCode(message: string): number {
  if (/executable file not found|no such file or directory/i.test(message)) return 127;
  if (/permission denied/i.test(message)) return 126;
  return 128;
}

export function startFailure(message: string, cause: unknown): Error {
  const code = startFailureCode(message);
  return code === 128 ? new Error(message, { cause }) : Object.assign(badRequest(message), { cause });
}
