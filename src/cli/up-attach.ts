/**
 * Attached `up`, after the containers started: their output, interleaved with `name  | `
 * prefixes (src/engine/follow-logs.ts), until every one has stopped (docker compose's
 * runInteractiveUp). Ctrl-C stops them gracefully; a second Ctrl-C kills them.
 * `--abort-on-container-exit` stops them all when the first exits and exits with its code;
 * `--exit-code-from S` exits with the code S's container exited with.
 */
import type Docker from 'dockerode';
import type { Project } from '../compose/project.js';
import { openContainerEvents } from '../engine/container-events.js';
import { streamLogs } from '../engine/follow-logs.js';
import { logName } from '../engine/logs/log-name.js';
import { listProjectContainers } from '../engine/project-containers.js';
import { EngineError } from '../engine/engine-error.js';
import { killContainers } from '../engine/kill-containers.js';
import { stopContainers } from '../engine/stop-containers.js';
import { SERVICE_LABEL } from '../plan/compose-labels.js';
import type { Reporter } from '../ui/reporter.js';
import type { CliIo } from './cli-io.js';

export interface AttachOptions {
  /** Services whose output is shown and whose exits count. */
  readonly attach: readonly string[];
  /** Services stopped when `up` ends: the named ones, or all. */
  readonly scope: readonly string[];
  readonly abortOnExit: boolean;
  readonly exitCodeFrom?: string;
  readonly timeout?: number;
  readonly prefix: boolean;
  readonly colour: boolean;
  readonly timestamps: boolean;
  /** Output from this moment on (an ISO date): what the containers printed since `up` began. */
  readonly since: string;
  /** Where stopping is reported (made when needed: the progress display of the convergence is over). */
  readonly reporter: () => Promise<Reporter>;
  readonly clock: () => number;
  readonly signals?: NodeJS.EventEmitter;
}

/** Returns the exit code `up` ends with. */
export async function attachProject(
  docker: Docker,
  project: Project,
  io: CliIo,
  options: AttachOptions,
): Promise<number> {
  const containers = await listProjectContainers(docker, project.name, {
    all: true,
    services: options.attach,
  });
  if (containers.length === 0) return 0;
  io.stdout(`Attaching to ${containers.map(logName).join(', ')}\n`);

  const events = await openContainerEvents(docker, project.name);
  const attached = new Set(options.attach);
  let exitCode: number | undefined;
  let exitCodeFrom: number | undefined;
  let interrupted = false;
  let stopping: Promise<void> | undefined;
  const failures: unknown[] = [];

  const inScope = () => listProjectContainers(docker, project.name, { all: false, services: options.scope });
  const stopAll = (): Promise<void> =>
    (stopping ??= (async () => {
      const reporter = await options.reporter();
      reporter.start('stop');
      try {
        const running = await inScope();
        const timeout = options.timeout !== undefined ? { timeout: options.timeout } : {};
        await stopContainers({ docker, reporter, clock: options.clock }, running, project, timeout);
        reporter.done('stop', true);
      } catch (error) {
        reporter.done('stop', false);
        failures.push(error);
      }
    })());

  const offDie = events.onAny((event) => {
    if (event.Action !== 'die') return;
    const service = event.Actor.Attributes[SERVICE_LABEL] ?? '';
    if (!attached.has(service)) return;
    const code = Number(event.Actor.Attributes.exitCode ?? '0');
    if (options.exitCodeFrom === service && exitCodeFrom === undefined) exitCodeFrom = code;
    if (options.abortOnExit && exitCode === undefined && !interrupted) {
      exitCode = code;
      io.stderr('Aborting on container exit...\n');
      void stopAll();
    }
  });

  const signals = options.signals ?? process;
  const onSignal = (): void => {
    if (!interrupted) {
      interrupted = true;
      io.stderr('Gracefully stopping... (press Ctrl+C again to force)\n');
      void stopAll();
      return;
    }
    void (async () => {
      const reporter = await options.reporter();
      await killContainers({ docker, reporter, clock: options.clock }, await inScope(), 'SIGKILL');
    })().catch((error: unknown) => {
      // 404 and 409: the container exited or went away meanwhile, which is what the kill was for.
      if (error instanceof EngineError && (error.statusCode === 404 || error.statusCode === 409)) return;
      failures.push(error);
    });
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
  try {
    await streamLogs(
      docker,
      containers,
      {
        follow: true,
        timestamps: options.timestamps,
        prefix: options.prefix,
        colour: options.colour,
        since: options.since,
      },
      (text) => io.stdout(text),
    );
    if (stopping) await stopping;
  } finally {
    signals.off('SIGINT', onSignal);
    signals.off('SIGTERM', onSignal);
    offDie();
    events.close();
  }
  if (failures.length > 0) throw failures[0];
  if (options.exitCodeFrom !== undefined) return exitCodeFrom ?? 0;
  if (interrupted) return 130;
  return exitCode ?? 0;
}
