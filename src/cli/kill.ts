/** `tscompose kill`: sends a signal to the project's running containers (cmd/compose/kill.go). */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import type { GlobalArgs } from './global-options.js';

export interface KillArgs extends GlobalArgs {
  service?: string[];
  signal: string;
  'remove-orphans': boolean;
}

export const killCommand = (context: CommandContext): CommandModule<object, KillArgs> => ({
  command: 'kill [service..]',
  describe: 'Force stop service containers',
  builder: (yargs) =>
    (yargs as unknown as Argv<KillArgs>)
      .positional('service', { type: 'string', array: true, describe: 'Services to kill' })
      .option('remove-orphans', {
        type: 'boolean',
        default: ['1', 'true', 'y', 'yes'].includes((context.env.COMPOSE_REMOVE_ORPHANS ?? '').toLowerCase()),
        describe: 'Remove containers for services not defined in the Compose file',
      })
      .option('signal', {
        alias: 's',
        type: 'string',
        default: 'SIGKILL',
        requiresArg: true,
        describe: 'SIGNAL to send to the container',
      }),
  handler: async (args) => {
    const { runKill } = await import('./run-kill.js');
    await runKill(args, context);
  },
});
