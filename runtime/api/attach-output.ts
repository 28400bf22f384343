/**
 * The output an attach sees, built from the log and the event bus (ContainerService has no
 * attach of its own, and a non-interactive attach only needs the output). Docker's clients
 * attach before they start (`docker run`, `docker start -a`), so a container that isn't running
 * is waited for: the attach follows the log from the moment it started, so nothing it printed
 * in its first milliseconds is lost. The stream ends when the container stops, or is removed
 * before it ever starts.
 *
 * Deliberately not here: stdin and TTY resizing (interactive attach needs conmon's attach
 * socket, a later issue).
 */
import type { ContainerService, LogEntry } from './engine-services.js';
import type { EventBus } from '../events.js';

export interface AttachOptions {
  stdout: boolean;
  stderr: boolean;
  /** `logs=1`: replay what was written before the attach. */
  replay: boolean;
  /** `stream=1`: keep following new output. */
  follow: boolean;
  signal: AbortSignal;
}

export async function* attachedOutput(
  containers: ContainerService,
  bus: EventBus,
  id: string,
  options: AttachOptions,
): AsyncIterable<LogEntry> {
  const streams = { stdout: options.stdout, stderr: options.stderr, signal: options.signal };
  if (!options.follow) {
    if (options.replay) yield* containers.logs(id, { ...streams, follow: false });
    return;
  }
  // Subscribe before reading the state, so a start between the two is not missed.
  const { Id } = await containers.inspect(id);
  const started = nextStart(bus, Id, options.signal);
  const attachedAt = bus.clock();
  const { State } = await containers.inspect(id);
  if (!State.Running) {
    if (!(await started.promise)) return;
  } else {
    started.cancel();
  }
  // A never-started container has no earlier output to skip; otherwise skip what preceded us.
  const skipEarlier = !options.replay && State.Status !== 'created';
  yield* containers.logs(id, { ...streams, follow: true, ...(skipEarlier && { since: attachedAt }) });
}

/** Resolves true at the container's next `start` event, false if it is destroyed or we are aborted. */
function nextStart(bus: EventBus, id: string, signal: AbortSignal) {
  let cancel = () => {};
  const promise = new Promise<boolean>((resolve) => {
    const unsubscribe = bus.subscribe(
      (event) => settle(event.Action === 'start'),
      (event) =>
        event.Type === 'container' && event.Actor.ID === id && ['start', 'destroy'].includes(event.Action),
    );
    const onAbort = () => settle(false);
    signal.addEventListener('abort', onAbort);
    function settle(value: boolean) {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    }
    cancel = () => settle(false);
  });
  return { promise, cancel };
}
