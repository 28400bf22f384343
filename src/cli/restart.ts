/** `tscompose restart`: restarts the project's containers (cmd/compose/restart.go). */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import type { GlobalArgs } from './global-options.js';

export interface RestartArgs extends GlobalArgs {
  service?: string[];
  timeout?: number;
  'no-deps': boolean;
}

export const restartCommand = (context: CommandContext): CommandModule<object, RestartArgs> => ({
  command: 'restart [service..]',
  describe: 'Restart service containers',
  builder: (yargs) =>
    (yargs as unknown as Argv<RestartArgs>)
      .positional('service', { type: 'string', array: true, describe: 'Services to restart' })
      .option('no-deps', { type: 'boolean', default: false, describe: "Don't restart dependent services" })
      .option('timeout', {
        alias: 't',
        type: 'number',
        requiresArg: true,
        describe: 'Specify a shutdown timeout in seconds',
      }),
  handler: async (args) => {
    const { runRestart } = await import('./run-restart.js');
    await runRestart(args, context);
  },
});
