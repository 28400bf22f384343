/**
 * `tscompose create`: `up`'s convergence without the starts (docker compose's create command).
 */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import { declareCreateFlags, type CreateFlags } from './up-options.js';

export const createCommand = (context: CommandContext): CommandModule<object, CreateFlags> => ({
  command: 'create [service..]',
  describe: 'Creates containers for a service',
  builder: (yargs) => declareCreateFlags(yargs as unknown as Argv<CreateFlags>),
  handler: async (args) => {
    const { runCreate } = await import('./up-create.js');
    await runCreate(args, context);
  },
});
