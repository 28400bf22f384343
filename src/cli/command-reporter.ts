/**
 * What the container commands (`stop`, `start`, `rm` …) share around their work: the reporter
 * chosen from `--progress` and `--ansi` (docker compose's selectEventProcessor), opened before
 * the work and closed after it whatever happens, and engine failures turned into one line for the
 * user instead of a crash report.
 */
import type { Reporter } from '../ui/reporter.js';
import type { ProgressOption } from '../ui/select-reporter.js';
import { EngineError } from '../engine/engine-error.js';
import { ExitError } from './exit-error.js';
import { effectiveAnsi, type GlobalArgs } from './global-options.js';

/** `--progress`, else plain lines when ANSI is off, else the board on a terminal. */
export function progressOption(args: GlobalArgs): ProgressOption {
  if (args.progress === 'none') return 'quiet';
  if (args.progress !== undefined) return args.progress;
  return effectiveAnsi(args) === 'never' ? 'plain' : 'auto';
}

/** Runs `work` between the reporter's start and done; an engine error ends the command with exit 1. */
export async function withReporter<T>(
  args: GlobalArgs,
  operation: string,
  work: (reporter: Reporter) => Promise<T>,
): Promise<T> {
  const { selectReporter } = await import('../ui/select-reporter.js');
  const reporter = await selectReporter(progressOption(args), { stream: process.stderr, clock: Date.now });
  reporter.start(operation);
  let ok = false;
  try {
    const result = await work(reporter);
    ok = true;
    return result;
  } catch (error) {
    throw asExitError(error);
  } finally {
    reporter.done(operation, ok);
  }
}

/** An engine's refusal is the user's business, not a bug: `Error response from daemon: …`. */
export function asExitError(error: unknown): unknown {
  if (error instanceof EngineError) return new ExitError(`Error response from daemon: ${error.message}`);
  return error;
}
