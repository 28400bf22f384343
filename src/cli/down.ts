/**
 * `tscompose down`: stop and remove the project's containers and networks, and with `-v` its
 * volumes. Flags and help texts are docker compose's (cmd/compose/down.go); run-down.ts does it.
 */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import type { GlobalArgs } from './global-options.js';

export interface DownArgs extends GlobalArgs {
  services?: string[];
  'remove-orphans'?: boolean;
  timeout?: number;
  volumes: boolean;
  rmi?: string;
}

export const downCommand = (context: CommandContext): CommandModule<object, DownArgs> => ({
  command: 'down [services..]',
  describe: 'Stop and remove containers, networks',
  builder: (yargs) =>
    (yargs as unknown as Argv<DownArgs>)
      .positional('services', { type: 'string', array: true, describe: 'Services to stop and remove' })
      .option('remove-orphans', {
        type: 'boolean',
        describe: 'Remove containers for services not defined in the Compose file',
      })
      .option('rmi', {
        type: 'string',
        requiresArg: true,
        describe:
          'Remove images used by services. "local" remove only images that don\'t have a custom tag ("local"|"all")',
      })
      .option('timeout', {
        alias: 't',
        type: 'number',
        requiresArg: true,
        describe: 'Specify a shutdown timeout in seconds',
      })
      .option('volumes', {
        alias: 'v',
        type: 'boolean',
        default: false,
        describe:
          'Remove named volumes declared in the "volumes" section of the Compose file and anonymous volumes attached to containers',
      }),
  handler: async (args) => {
    const { runDown } = await import('./run-down.js');
    await runDown(args, context);
  },
});
