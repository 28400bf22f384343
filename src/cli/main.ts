/**
 * The CLI's entry: declares the global flags and the commands, runs one, and turns every
 * outcome into an exit code. Errors are rendered here and nowhere else: bad input as
 * `file:line:col: path: message` with the line shown, other failures as one line, and a stack
 * trace only with `--debug`.
 */
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { processIo, type CliIo } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { commands } from './commands.js';
import { checkProgressAgainstAnsi, declareGlobalOptions, type GlobalArgs } from './global-options.js';
import { rewriteHelpCommand } from './help-command.js';
import { rewriteLocalShortFlags } from './local-short-flags.js';
import { renderError } from './render-error.js';
import { UsageError, translateUsageMessage } from './usage-error.js';
import { VERSION } from './version.js';

/** What callers of main() pass as its output. */
export type MainIo = CliIo;

export async function main(argv: readonly string[], io: MainIo = processIo): Promise<number> {
  const debug = argv.includes('--debug');
  const context: CommandContext = {
    io,
    cwd: process.cwd(),
    env: process.env,
    stdin: () => readFileSync(0, 'utf8'),
  };
  try {
    let parser = declareGlobalOptions(yargs())
      .scriptName('tscompose')
      .usage('Usage:  tscompose [OPTIONS] COMMAND\n\nDefine and run multi-container applications, rootless')
      .parserConfiguration({
        'duplicate-arguments-array': true,
        'strip-aliased': true,
        'boolean-negation': false,
      })
      .version('version', 'Show the tscompose version information', `tscompose version ${VERSION}`)
      .alias('version', 'v')
      .help('help')
      .alias('help', 'h')
      .strict()
      .wrap(Math.min(120, process.stdout.columns || 100))
      .exitProcess(false)
      .middleware((args) => checkProgressAgainstAnsi(args as unknown as GlobalArgs), true)
      .fail((message, error) => {
        // yargs reports its own parsing problems as YError; anything else came from a handler.
        if (error && error.name !== 'YError') throw error;
        throw new UsageError(translateUsageMessage(message ?? error?.message ?? 'invalid usage', argv));
      });
    for (const command of commands(context)) parser = parser.command(command);
    // With a callback, yargs hands over what it would have printed itself (--help, --version)
    // instead of writing it to the console, so it goes through `io` like everything else.
    let printed = '';
    const parsed = await parser.parseAsync(
      rewriteLocalShortFlags(rewriteHelpCommand(argv)),
      {},
      (_error, _argv, output) => {
        printed = output;
      },
    );
    if (printed) io.stdout(`${printed}\n`);
    if (parsed._.length === 0 && !parsed.help && !parsed.version) {
      io.stdout(`${await parser.getHelp()}\n`);
    }
    return Number(process.exitCode ?? 0);
  } catch (error) {
    const { text, exitCode } = renderError(error, { debug });
    io.stderr(text);
    return exitCode;
  }
}
