/** `tscompose start`: starts the project's stopped containers, dependencies first (cmd/compose/start.go). */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import type { GlobalArgs } from './global-options.js';

export interface StartArgs extends GlobalArgs {
  service?: string[];
  wait: boolean;
  'wait-timeout': number;
}

export const startCommand = (context: CommandContext): CommandModule<object, StartArgs> => ({
  command: 'start [service..]',
  describe: 'Start services',
  builder: (yargs) =>
    (yargs as unknown as Argv<StartArgs>)
      .positional('service', { type: 'string', array: true, describe: 'Services to start' })
      .option('wait', {
        type: 'boolean',
        default: false,
        describe: 'Wait for services to be running|healthy. Implies detached mode.',
      })
      .option('wait-timeout', {
        type: 'number',
        default: 0,
        describe: 'Maximum duration in seconds to wait for the project to be running|healthy',
      }),
  handler: async (args) => {
    const { runStart } = await import('./run-start.js');
    await runStart(args, context);
  },
});
