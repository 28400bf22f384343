/** `tscompose rm`: removes the project's stopped containers (cmd/compose/remove.go). */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import type { GlobalArgs } from './global-options.js';

export interface RmArgs extends GlobalArgs {
  service?: string[];
  force: boolean;
  stop: boolean;
  volumes: boolean;
  all: boolean;
}

export const rmCommand = (context: CommandContext): CommandModule<object, RmArgs> => ({
  command: 'rm [service..]',
  describe: 'Removes stopped service containers',
  builder: (yargs) =>
    (yargs as unknown as Argv<RmArgs>)
      .positional('service', { type: 'string', array: true, describe: 'Services to remove' })
      // `-f` and `-v` after `rm` are spelled out by local-short-flags.ts: yargs would merge them
      // with the global `--file` and `--version`.
      .option('force', {
        type: 'boolean',
        default: false,
        describe: "Don't ask to confirm removal",
      })
      .option('stop', {
        alias: 's',
        type: 'boolean',
        default: false,
        describe: 'Stop the containers, if required, before removing',
      })
      .option('volumes', {
        type: 'boolean',
        default: false,
        describe: 'Remove any anonymous volumes attached to containers',
      })
      // Deprecated in docker compose, accepted and ignored.
      .option('all', { alias: 'a', type: 'boolean', default: false, hidden: true }),
  handler: async (args) => {
    const { runRm } = await import('./run-rm.js');
    await runRm(args, context);
  },
});
