/**
 * What one doctor check reports: ok, a warning (works, but worse than it could), or a failure
 * (the engine cannot run). A failure or a warning with a remedy carries the exact command.
 */
export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
  /** The command that fixes it, to paste into a shell. */
  readonly fix?: string;
}

/** Whether the engine can run: no check failed (warnings allowed). */
export function allNeededPass(results: readonly CheckResult[]): boolean {
  return results.every((result) => result.status !== 'fail');
}
