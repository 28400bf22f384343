/**
 * Which reporter a command uses, from `--progress` and whether stderr is a terminal (docker
 * compose's choice in cmd/compose/compose.go): `auto` draws the board on a terminal and prints
 * lines elsewhere. The board's module (Ink, React) is imported only when chosen, so commands
 * that print lines never load it.
 */
import { createJsonReporter } from './json-reporter.js';
import { createPlainReporter } from './plain-reporter.js';
import { createQuietReporter } from './quiet-reporter.js';
import type { Reporter } from './reporter.js';

export type ProgressOption = 'auto' | 'tty' | 'plain' | 'json' | 'quiet';
export type ReporterKind = 'board' | 'plain' | 'json' | 'quiet';

export const PROGRESS_OPTIONS: readonly ProgressOption[] = ['auto', 'tty', 'plain', 'json', 'quiet'];

export function chooseReporterKind(progress: ProgressOption, isTTY: boolean): ReporterKind {
  switch (progress) {
    case 'auto':
      return isTTY ? 'board' : 'plain';
    case 'tty':
      return 'board';
    case 'plain':
    case 'json':
    case 'quiet':
      return progress;
    default:
      return assertNever(progress);
  }
}

export interface ReporterTarget {
  /** stderr: progress never mixes with a command's output on stdout. */
  readonly stream: NodeJS.WriteStream;
  readonly clock: () => number;
}

export async function selectReporter(progress: ProgressOption, target: ReporterTarget): Promise<Reporter> {
  const kind = chooseReporterKind(progress, target.stream.isTTY === true);
  switch (kind) {
    case 'board': {
      const { createInkReporter } = await import('./ink-reporter.js');
      return createInkReporter({ stream: target.stream, clock: target.clock });
    }
    case 'plain':
      return createPlainReporter(target.stream);
    case 'json':
      return createJsonReporter(target.stream);
    case 'quiet':
      return createQuietReporter(target.stream);
    default:
      return assertNever(kind);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected progress mode: ${String(value)}`);
}
