/** `tscompose stop`: stops the project's containers, dependents first (cmd/compose/stop.go). */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import type { GlobalArgs } from './global-options.js';

export interface StopArgs extends GlobalArgs {
  service?: string[];
  timeout?: number;
}

export const stopCommand = (context: CommandContext): CommandModule<object, StopArgs> => ({
  command: 'stop [service..]',
  describe: 'Stop services',
  builder: (yargs) =>
    (yargs as unknown as Argv<StopArgs>)
      .positional('service', { type: 'string', array: true, describe: 'Services to stop' })
      .option('timeout', {
        alias: 't',
        type: 'number',
        requiresArg: true,
        describe: 'Specify a shutdown timeout in seconds',
      }),
  handler: async (args) => {
    const { runStop } = await import('./run-stop.js');
    await runStop(args, context);
  },
});
