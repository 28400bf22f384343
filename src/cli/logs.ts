/**
 * `tscompose logs`: the output of the project's containers, prefixed and interleaved as docker
 * compose prints it (cmd/compose/logs.go), once or followed (`-f`).
 */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import type { GlobalArgs } from './global-options.js';

export interface LogsArgs extends GlobalArgs {
  service?: string[];
  follow: boolean;
  index: number;
  since?: string;
  until?: string;
  'no-color': boolean;
  'no-log-prefix': boolean;
  timestamps: boolean;
  tail: string;
}

export const logsCommand = (context: CommandContext): CommandModule<object, LogsArgs> => ({
  command: 'logs [service..]',
  describe: 'View output from containers',
  builder: (yargs) =>
    (yargs as unknown as Argv<LogsArgs>)
      .positional('service', { type: 'string', array: true, describe: 'Services to show' })
      // `-f` after `logs` is spelled out by local-short-flags.ts: yargs would merge it with `--file`.
      .option('follow', { type: 'boolean', default: false, describe: 'Follow log output' })
      .option('index', {
        type: 'number',
        default: 0,
        describe: 'index of the container if service has multiple replicas',
      })
      .option('no-color', { type: 'boolean', default: false, describe: 'Produce monochrome output' })
      .option('no-log-prefix', { type: 'boolean', default: false, describe: "Don't print prefix in logs" })
      .option('since', {
        type: 'string',
        requiresArg: true,
        describe:
          'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)',
      })
      .option('tail', {
        alias: 'n',
        type: 'string',
        default: 'all',
        requiresArg: true,
        describe: 'Number of lines to show from the end of the logs for each container',
      })
      .option('timestamps', { alias: 't', type: 'boolean', default: false, describe: 'Show timestamps' })
      .option('until', {
        type: 'string',
        requiresArg: true,
        describe:
          'Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)',
      }),
  handler: async (args) => {
    const { runLogs } = await import('./run-logs.js');
    await runLogs(args, context);
  },
});
