/**
 * The progress display `up`, `create` and `down` report to: `--progress`, else the board on a
 * terminal and lines elsewhere (src/ui/select-reporter.ts), on stderr. `--ansi never` rules the
 * board out; `--quiet-pull` keeps pulls off it.
 */
import type { Reporter } from '../ui/reporter.js';
import { selectReporter, type ProgressOption } from '../ui/select-reporter.js';
import { effectiveAnsi, type GlobalArgs } from './global-options.js';

export function progressOption(args: GlobalArgs): ProgressOption {
  if (args.progress === 'none') return 'quiet';
  if (args.progress !== undefined) return args.progress;
  return effectiveAnsi(args) === 'never' ? 'plain' : 'auto';
}

export function commandReporter(args: GlobalArgs): Promise<Reporter> {
  return selectReporter(progressOption(args), { stream: process.stderr, clock: Date.now });
}

/** A reporter that passes on everything but pull progress: `--quiet-pull`. */
export function withoutPulls(reporter: Reporter): Reporter {
  return {
    start: (operation) => reporter.start(operation),
    event: (event) => {
      if (event.kind !== 'pulling' && event.kind !== 'pulled') reporter.event(event);
    },
    done: (operation, ok) => reporter.done(operation, ok),
  };
}
