/**
 * `tscompose ps`: the project's containers, as docker compose lists them (cmd/compose/ps.go):
 * running ones, or all with `-a`; as a table, JSON lines, ids (`-q`) or service names.
 */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import type { GlobalArgs } from './global-options.js';

export interface PsArgs extends GlobalArgs {
  service?: string[];
  format?: string;
  filter?: string;
  status?: string | string[];
  quiet: boolean;
  services: boolean;
  orphans: boolean;
  all: boolean;
  'no-trunc': boolean;
}

export const psCommand = (context: CommandContext): CommandModule<object, PsArgs> => ({
  command: 'ps [service..]',
  describe: 'List containers',
  builder: (yargs) =>
    (yargs as unknown as Argv<PsArgs>)
      .positional('service', { type: 'string', array: true, describe: 'Services to list' })
      .option('all', {
        alias: 'a',
        type: 'boolean',
        default: false,
        describe: 'Show all stopped containers (including those created by the run command)',
      })
      .option('filter', {
        type: 'string',
        requiresArg: true,
        describe: 'Filter services by a property (supported filters: status)',
      })
      .option('format', {
        type: 'string',
        requiresArg: true,
        describe: 'Format output using a custom template: table, json',
      })
      .option('no-trunc', { type: 'boolean', default: false, describe: "Don't truncate output" })
      .option('orphans', {
        type: 'boolean',
        default: true,
        describe: 'Include orphaned services (not declared by project)',
      })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Only display IDs' })
      .option('services', { type: 'boolean', default: false, describe: 'Display services' })
      .option('status', {
        type: 'string',
        requiresArg: true,
        describe:
          'Filter services by status. Values: [paused | restarting | removing | running | dead | created | exited]',
      }),
  handler: async (args) => {
    const { runPs } = await import('./run-ps.js');
    await runPs(args, context);
  },
});
