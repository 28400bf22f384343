/**
 * `tscompose up`: create and start the project's containers, then, unless detached, show their
 * output until they stop. Flags, help texts and checks are docker compose's (cmd/compose/up.go);
 * the work is in run-up.ts.
 */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import { declareCreateFlags, type CreateFlags } from './up-options.js';

export interface UpArgs extends CreateFlags {
  detach: boolean;
  wait: boolean;
  'wait-timeout': number;
  'no-deps': boolean;
  'no-start': boolean;
  'no-color': boolean;
  'no-log-prefix': boolean;
  'abort-on-container-exit': boolean;
  'abort-on-container-failure': boolean;
  'exit-code-from'?: string;
  timeout?: number;
  timestamps: boolean;
  'always-recreate-deps': boolean;
  'renew-anon-volumes': boolean;
  attach?: string | string[];
  'no-attach'?: string | string[];
  'attach-dependencies': boolean;
  watch: boolean;
  menu: boolean;
  'quiet-build': boolean;
}

export const upCommand = (context: CommandContext): CommandModule<object, UpArgs> => ({
  command: 'up [service..]',
  describe: 'Create and start containers',
  builder: (yargs) =>
    declareCreateFlags(yargs as unknown as Argv<UpArgs>)
      .option('abort-on-container-exit', {
        type: 'boolean',
        default: false,
        describe: 'Stops all containers if any container was stopped. Incompatible with -d',
      })
      .option('abort-on-container-failure', {
        type: 'boolean',
        default: false,
        describe: 'Stops all containers if any container exited with failure. Incompatible with -d',
      })
      .option('always-recreate-deps', {
        type: 'boolean',
        default: false,
        describe: 'Recreate dependent containers. Incompatible with --no-recreate.',
      })
      .option('attach', {
        type: 'string',
        requiresArg: true,
        describe: 'Restrict attaching to the specified services. Incompatible with --attach-dependencies.',
      })
      .option('attach-dependencies', {
        type: 'boolean',
        default: false,
        describe: 'Automatically attach to log output of dependent services',
      })
      .option('detach', {
        alias: 'd',
        type: 'boolean',
        default: false,
        describe: 'Detached mode: Run containers in the background',
      })
      .option('exit-code-from', {
        type: 'string',
        requiresArg: true,
        describe: 'Return the exit code of the selected service container. Implies --abort-on-container-exit',
      })
      .option('menu', {
        type: 'boolean',
        default: false,
        describe: 'Enable interactive shortcuts when running attached. Incompatible with --detach.',
      })
      .option('no-attach', {
        type: 'string',
        requiresArg: true,
        describe: 'Do not attach (stream logs) to the specified services',
      })
      .option('no-color', { type: 'boolean', default: false, describe: 'Produce monochrome output' })
      .option('no-deps', { type: 'boolean', default: false, describe: "Don't start linked services" })
      .option('no-log-prefix', { type: 'boolean', default: false, describe: "Don't print prefix in logs" })
      .option('no-start', {
        type: 'boolean',
        default: false,
        describe: "Don't start the services after creating them",
      })
      .option('quiet-build', { type: 'boolean', default: false, describe: 'Suppress the build output' })
      .option('renew-anon-volumes', {
        alias: 'V',
        type: 'boolean',
        default: false,
        describe: 'Recreate anonymous volumes instead of retrieving data from the previous containers',
      })
      .option('timeout', {
        alias: 't',
        type: 'number',
        requiresArg: true,
        describe:
          'Use this timeout in seconds for container shutdown when attached or when containers are already running',
      })
      .option('timestamps', { type: 'boolean', default: false, describe: 'Show timestamps' })
      .option('wait', {
        type: 'boolean',
        default: false,
        describe: 'Wait for services to be running|healthy. Implies detached mode.',
      })
      .option('wait-timeout', {
        type: 'number',
        default: 0,
        requiresArg: true,
        describe: 'Maximum duration in seconds to wait for the project to be running|healthy',
      })
      .option('watch', {
        alias: 'w',
        type: 'boolean',
        default: false,
        describe: 'Watch source code and rebuild/refresh containers when files are updated.',
      }),
  handler: async (args) => {
    const { runUp } = await import('./run-up.js');
    await runUp(args, context);
  },
});
