/**
 * What every command is given instead of reaching for the process: where to write (`io`), and the
 * directory, environment and standard input it runs with. main() builds one from the real process;
 * a test or an embedding tool builds its own, so nothing a command prints escapes its caller.
 */
import type { CliIo } from './cli-io.js';
import type { ProcessContext } from './global-options.js';

export interface CommandContext extends ProcessContext {
  readonly io: CliIo;
}
