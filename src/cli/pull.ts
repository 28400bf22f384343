/** `tscompose pull`: pulls the services' images (cmd/compose/pull.go). */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import type { GlobalArgs } from './global-options.js';

export interface PullArgs extends GlobalArgs {
  service?: string[];
  quiet: boolean;
  'include-deps': boolean;
  'ignore-pull-failures': boolean;
  'ignore-buildable': boolean;
  policy?: string;
  'no-parallel'?: boolean;
}

export const pullCommand = (context: CommandContext): CommandModule<object, PullArgs> => ({
  command: 'pull [service..]',
  describe: 'Pull service images',
  builder: (yargs) =>
    (yargs as unknown as Argv<PullArgs>)
      .positional('service', { type: 'string', array: true, describe: 'Services whose images to pull' })
      .option('ignore-buildable', {
        type: 'boolean',
        default: false,
        describe: 'Ignore images that can be built',
      })
      .option('ignore-pull-failures', {
        type: 'boolean',
        default: false,
        describe: 'Pull what it can and ignores images with pull failures',
      })
      .option('include-deps', {
        type: 'boolean',
        default: false,
        describe: 'Also pull services declared as dependencies',
      })
      .option('policy', {
        type: 'string',
        requiresArg: true,
        choices: ['missing', 'always'],
        describe: 'Apply pull policy ("missing"|"always")',
      })
      .option('quiet', {
        alias: 'q',
        type: 'boolean',
        default: false,
        describe: 'Pull without printing progress information',
      })
      // Deprecated and ignored by docker compose, with a warning. (`--parallel` is the global
      // flag here, so pull's deprecated boolean of that name cannot be declared again.)
      .option('no-parallel', { type: 'boolean', hidden: true }),
  handler: async (args) => {
    const { runPull } = await import('./run-pull.js');
    await runPull(args, context);
  },
});
