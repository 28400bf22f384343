/**
 * One line that says why a child process (mount, runc, conmon) failed: its stderr when it wrote
 * one, else the error's message. Engine errors quote it so the user sees runc's own words.
 */
export function describeFailure(error: unknown): string {
  if (
    error &&
    typeof error === 'object' &&
    'stderr' in error &&
    typeof error.stderr === 'string' &&
    error.stderr.trim()
  ) {
    return error.stderr.trim();
  }
  return error instanceof Error ? error.message : String(error);
}
