/**
 * Containers' output on one stream, the way `docker compose logs` and attached `up` print it:
 * each line prefixed with its container's name (padded, coloured when asked, see
 * src/ui/log-formatter.ts), lines of several containers interleaved line by line, never cut.
 *
 * Without `follow`, each container's log is read once and the call returns. With it, every
 * container is followed across restarts (logs/container-follower.ts), containers of the same
 * services that start later (new replicas, recreated containers) join in, "exited with code N"
 * is printed when one stops, and the call returns once none is running or restarting any more,
 * or when `signal` aborts (docker compose's monitor and printer).
 */
import type Docker from 'dockerode';
import type { EngineEvent } from '../../runtime/api/engine-types.js';
import { SERVICE_LABEL } from '../plan/compose-labels.js';
import type { ObservedContainer } from '../plan/observed-state.js';
import { observeContainerInspect } from '../plan/read-observed-container.js';
import { createLogFormatter, type LogFormatter } from '../ui/log-formatter.js';
import { watchProjectContainers } from './logs/container-events.js';
import {
  ContainerFollower,
  inspectContainer,
  inspectState,
  type FollowerOutput,
} from './logs/container-follower.js';
import { readContainerLog, type LogRequest } from './logs/container-log-stream.js';
import { toEngineTimestamp } from './logs/engine-timestamp.js';
import { LogCursor } from './logs/log-cursor.js';
import { logName } from './logs/log-name.js';

export interface LogOptions {
  follow: boolean;
  /** Lines from the end of each container's log; all when absent. */
  tail?: number | 'all';
  /** Print the engine's timestamp before each line (`-t`). */
  timestamps: boolean;
  /** Prefix each line with the container's name (`--no-log-prefix` turns it off). */
  prefix: boolean;
  colour: boolean;
  /** As typed by the user: a date, a Unix time or a duration back from now (`10m`). */
  since?: string;
  until?: string;
}

/** Resolves when every stream has ended; throws a TimestampError for an unreadable `since`/`until`. */
export async function streamLogs(
  docker: Docker,
  containers: readonly ObservedContainer[],
  options: LogOptions,
  write: (text: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const now = new Date();
  const request: LogRequest = {
    follow: options.follow,
    tail: String(options.tail ?? 'all'),
    // Always asked for: the cursor needs them to resume a stream; it strips them unless wanted.
    timestamps: true,
    ...(options.since !== undefined && { since: toEngineTimestamp(options.since, now) }),
    ...(options.until !== undefined && { until: toEngineTimestamp(options.until, now) }),
  };
  if (containers.length === 0) return;
  const formatter = createLogFormatter({ prefix: options.prefix, colour: options.colour });
  for (const container of containers) formatter.register(logName(container));
  if (!options.follow) {
    await Promise.all(
      containers.map((container) =>
        readOnce(docker, container, request, options.timestamps, formatter, write, signal),
      ),
    );
    return;
  }
  await followAll(docker, containers, { request, options, formatter, write }, signal);
}

async function readOnce(
  docker: Docker,
  container: ObservedContainer,
  request: LogRequest,
  keepTimestamps: boolean,
  formatter: LogFormatter,
  write: (text: string) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const inspect = await inspectContainer(docker, container.id);
  if (inspect === undefined) return;
  const name = logName(container);
  const cursor = new LogCursor(keepTimestamps);
  const target = { id: container.id, tty: inspect.Config.Tty === true };
  await readContainerLog(
    docker,
    target,
    request,
    (lines) => {
      const printed = cursor.accept(lines);
      if (printed.length > 0) write(formatter.formatLines(name, printed));
    },
    signal,
  );
}

interface FollowSetup {
  readonly request: LogRequest;
  readonly options: LogOptions;
  readonly formatter: LogFormatter;
  readonly write: (text: string) => void;
}

async function followAll(
  docker: Docker,
  containers: readonly ObservedContainer[],
  setup: FollowSetup,
  signal: AbortSignal | undefined,
): Promise<void> {
  const { request, options, formatter, write } = setup;
  const project = containers[0]!.project;
  const services = new Set(containers.map((container) => container.service));
  // `watch` ends the event subscription; `streams` ends the log streams (on abort or failure).
  const watch = new AbortController();
  const streams = new AbortController();
  const abortAll = (): void => {
    watch.abort();
    streams.abort();
  };
  signal?.addEventListener('abort', abortAll);
  const followers = new Map<string, ContainerFollower>();
  const runs: Promise<void>[] = [];
  let failure: unknown;
  // Until every container given has its follower, one that stops early must not end the follow.
  let ready = false;
  const checkOver = (): void => {
    if (!ready) return;
    if ([...followers.values()].every((f) => f.state === 'stopped' || f.state === 'gone')) watch.abort();
  };

  const output: FollowerOutput = {
    lines: (name, lines) => write(formatter.formatLines(name, lines)),
    status: (name, message) => write(formatter.formatStatus(name, message)),
    changed: checkOver,
  };
  const follow = (id: string, name: string, tty: boolean, from: LogRequest): void => {
    const follower = new ContainerFollower(
      docker,
      id,
      name,
      tty,
      from,
      output,
      streams.signal,
      options.timestamps,
    );
    followers.set(id, follower);
    runs.push(
      follower.run().catch((error: unknown) => {
        failure ??= error;
        abortAll();
      }),
    );
  };

  try {
    // Subscribed before the containers are looked at, so a start or die in between is not lost.
    const events = await watchProjectContainers(docker, project, watch.signal);
    for (const container of containers) {
      const inspect = await inspectContainer(docker, container.id);
      if (inspect) follow(container.id, logName(container), inspect.Config.Tty === true, request);
    }
    ready = true;
    checkOver();
    for await (const event of events) {
      if (!services.has(event.Actor.Attributes[SERVICE_LABEL] ?? '')) continue;
      await onEvent(event);
    }
  } finally {
    for (const follower of followers.values()) follower.finish();
    await Promise.all(runs);
    signal?.removeEventListener('abort', abortAll);
  }
  if (failure !== undefined) throw failure;

  async function onEvent(event: EngineEvent): Promise<void> {
    const id = event.Actor.ID;
    const known = followers.get(id);
    if (event.Action === 'start') {
      if (known) return known.started();
      // A container that was not there when the follow began: a new replica or a recreated one.
      const inspect = await inspectContainer(docker, id);
      if (!inspect) return;
      const name = logName(observeContainerInspect(inspect));
      formatter.register(name);
      const since = toEngineTimestamp(inspect.State.StartedAt, new Date());
      follow(id, name, inspect.Config.Tty === true, { ...request, tail: 'all', since });
    } else if (event.Action === 'die' && known) {
      const state = await inspectState(docker, id);
      const restarting = state !== undefined && (state.Restarting || state.Running);
      const code = event.Actor.Attributes.exitCode ?? String(state?.ExitCode ?? '');
      known.died(`exited with code ${code}${restarting ? ' (restarting)' : ''}`);
    }
  }
}
