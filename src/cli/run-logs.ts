/**
 * What `tscompose logs` does once its flags are parsed (docker compose's runLogs and
 * selectLogsContainers): pick the containers (one replica with `--index`; services with
 * `attach: false` only when named), then stream their output to stdout. Ctrl-C ends a follow
 * with exit code 130, as compose does.
 */
import type Docker from 'dockerode';
import type { ObservedContainer } from '../plan/observed-state.js';
import type { CommandContext } from './command-context.js';
import { asExitError } from './command-reporter.js';
import { ExitError } from './exit-error.js';
import { effectiveAnsi, list } from './global-options.js';
import type { LogsArgs } from './logs.js';
import { projectOrName } from './project-or-name.js';
import { openEngine } from './project-session.js';

export interface LogsTerminal {
  /** Whether stdout is a terminal: colours are on by default only there. */
  readonly stdoutIsTTY: boolean;
  /** Where Ctrl-C comes from. */
  readonly signals: NodeJS.EventEmitter;
}

const processTerminal: LogsTerminal = { stdoutIsTTY: process.stdout.isTTY === true, signals: process };

export async function runLogs(
  args: LogsArgs,
  context: CommandContext,
  terminal: LogsTerminal = processTerminal,
): Promise<void> {
  const requested = list(args.service);
  if (args.index > 0 && requested.length !== 1)
    throw new ExitError('--index requires one service to be selected');
  const tail = readTail(args.tail);
  const target = projectOrName(args, context, requested);
  let services = requested;
  if (target.project && requested.length === 0) {
    // Services with `attach: false` are left out until named, as compose leaves them out.
    services = Object.entries(target.project.services)
      .filter(([, service]) => (service as { attach?: boolean }).attach !== false)
      .map(([name]) => name);
  }
  const ansi = effectiveAnsi(args);
  const colour = !args['no-color'] && (ansi === 'always' || (ansi === 'auto' && terminal.stdoutIsTTY));
  const interrupt = new AbortController();
  const onInterrupt = (): void => interrupt.abort();
  terminal.signals.on('SIGINT', onInterrupt);
  try {
    const { streamLogs } = await import('../engine/follow-logs.js');
    const { TimestampError } = await import('../engine/logs/engine-timestamp.js');
    const docker = await openEngine(context);
    const containers = await selectContainers(docker, target.name, services, args.index);
    await streamLogs(
      docker,
      containers,
      {
        follow: args.follow,
        tail,
        timestamps: args.timestamps,
        prefix: !args['no-log-prefix'],
        colour,
        ...(args.since !== undefined && { since: args.since }),
        ...(args.until !== undefined && { until: args.until }),
      },
      (text) => context.io.stdout(text),
      interrupt.signal,
    ).catch((error: unknown) => {
      throw error instanceof TimestampError ? new ExitError(error.message) : error;
    });
  } catch (error) {
    throw asExitError(error);
  } finally {
    terminal.signals.off('SIGINT', onInterrupt);
  }
  if (interrupt.signal.aborted) throw new ExitError('', 130);
}

async function selectContainers(
  docker: Docker,
  project: string,
  services: readonly string[],
  index: number,
): Promise<ObservedContainer[]> {
  const { listProjectContainers } = await import('../engine/project-containers.js');
  const containers = await listProjectContainers(docker, project, { all: true, services });
  if (index <= 0) return containers;
  const chosen = containers.find((container) => container.number === index);
  if (!chosen) throw new ExitError(`service "${services[0]}" is not running container #${index}`);
  return [chosen];
}

/** `all`, or a line count; docker reads a negative count as all. */
function readTail(tail: string): number | 'all' {
  if (tail === 'all') return 'all';
  if (!/^-?\d+$/.test(tail)) throw new ExitError(`invalid value for --tail: "${tail}"`);
  const lines = Number(tail);
  return lines < 0 ? 'all' : lines;
}
