/**
 * `tscompose engine start|stop|status|logs`: manage this user's engine by hand (the other
 * commands start it on first need). Declares the flags and hands off to src/engine/engine-admin.ts.
 */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import { ExitError } from './exit-error.js';
import type { GlobalArgs } from './global-options.js';

interface EngineStopArgs extends GlobalArgs {
  namespaces: boolean;
}

interface EngineStatusArgs extends GlobalArgs {
  format?: 'pretty' | 'json';
}

interface EngineLogsArgs extends GlobalArgs {
  follow: boolean;
  tail?: string;
}

async function admin() {
  return import('../engine/engine-admin.js');
}

/** Docker's exit: 0, or 1 with the message already printed. */
function finish(code: number): void {
  if (code !== 0) throw new ExitError('', code);
}

const startCommand = ({ env, io }: CommandContext): CommandModule<GlobalArgs, GlobalArgs> => ({
  command: 'start',
  describe: 'Start the engine (and its namespaces) if it is not running',
  handler: async () => finish(await (await admin()).startEngineCommand(env, io)),
});

const stopCommand = ({ env, io }: CommandContext): CommandModule<GlobalArgs, EngineStopArgs> => ({
  command: 'stop',
  describe: 'Stop the engine; containers keep running',
  builder: (yargs) =>
    (yargs as unknown as Argv<EngineStopArgs>).option('namespaces', {
      type: 'boolean',
      default: false,
      describe: 'Also end the namespaces, which stops every container',
    }),
  handler: async (args) =>
    finish(await (await admin()).stopEngineCommand(env, io, { namespaces: args.namespaces })),
});

const statusCommand = ({ env, io }: CommandContext): CommandModule<GlobalArgs, EngineStatusArgs> => ({
  command: 'status',
  describe: 'Show whether the engine runs, its pid, version and socket (exit 1 when not running)',
  builder: (yargs) =>
    (yargs as unknown as Argv<EngineStatusArgs>).option('format', {
      type: 'string',
      choices: ['pretty', 'json'] as const,
      describe: 'Format the output. Values: [pretty | json]',
    }),
  handler: async (args) =>
    finish(await (await admin()).statusEngineCommand(env, io, { json: args.format === 'json' })),
});

const logsCommand = ({ env, io }: CommandContext): CommandModule<GlobalArgs, EngineLogsArgs> => ({
  command: 'logs',
  describe: "Show the engine's log",
  builder: (yargs) =>
    (yargs as unknown as Argv<EngineLogsArgs>)
      .option('follow', { alias: 'f', type: 'boolean', default: false, describe: 'Follow log output' })
      .option('tail', {
        alias: 'n',
        type: 'string',
        requiresArg: true,
        describe: 'Number of lines to show from the end of the log, or "all"',
      }),
  handler: async (args) => {
    const tail = args.tail === undefined || args.tail === 'all' ? undefined : Number(args.tail);
    if (tail !== undefined && !Number.isInteger(tail)) throw new ExitError(`invalid --tail ${args.tail}`);
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    const options = { follow: args.follow, signal: stop.signal, ...(tail !== undefined && { tail }) };
    finish(await (await admin()).logsEngineCommand(env, io, options));
  },
});

export const engineCommand = (context: CommandContext): CommandModule<GlobalArgs, GlobalArgs> => ({
  command: 'engine <command>',
  describe: "Manage this user's rootless engine",
  builder: (yargs) =>
    yargs
      .command(startCommand(context))
      .command(stopCommand(context))
      .command(statusCommand(context))
      .command(logsCommand(context))
      .demandCommand(1, 'engine needs a command: start, stop, status or logs'),
  handler: () => {},
});
