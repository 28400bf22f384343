/** `tscompose ls`: the compose projects the engine holds (cmd/compose/list.go). */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import type { GlobalArgs } from './global-options.js';

export interface LsArgs extends GlobalArgs {
  format: string;
  quiet: boolean;
  all: boolean;
  filter?: string | string[];
}

export const lsCommand = (context: CommandContext): CommandModule<object, LsArgs> => ({
  command: 'ls',
  describe: 'List running compose projects',
  builder: (yargs) =>
    (yargs as unknown as Argv<LsArgs>)
      .option('all', {
        alias: 'a',
        type: 'boolean',
        default: false,
        describe: 'Show all stopped Compose projects',
      })
      .option('filter', {
        type: 'string',
        requiresArg: true,
        describe: 'Filter output based on conditions provided',
      })
      .option('format', {
        type: 'string',
        default: 'table',
        requiresArg: true,
        describe: 'Format the output. Values: [table | json]',
      })
      .option('quiet', {
        alias: 'q',
        type: 'boolean',
        default: false,
        describe: 'Only display project names',
      }),
  handler: async (args) => {
    const { runLs } = await import('./run-ls.js');
    await runLs(args, context);
  },
});
