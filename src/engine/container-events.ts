/**
 * The engine's container events for one project (`GET /events`, filtered by the project's
 * label), handed to whoever listens for a container id. Waits for health and exits are built on
 * it instead of polling: the engine says `health_status: healthy` or `die` the moment it happens.
 *
 * Open it before looking at a container's state, then look: an event that happens between the
 * two is not lost, because the listener is already there.
 */
import type Docker from 'dockerode';
import type { EngineEvent } from '../../runtime/api/engine-types.js';
import { PROJECT_LABEL } from '../plan/compose-labels.js';
import { toEngineError } from './engine-error.js';
import { readJsonLines } from './json-lines.js';

export type ContainerEventListener = (event: EngineEvent) => void;

export interface ContainerEvents {
  /** Calls `listener` for each event of this container (by full id) until the returned function is called. */
  on(containerId: string, listener: ContainerEventListener): () => void;
  /** Calls `listener` for every event of the project's containers. */
  onAny(listener: ContainerEventListener): () => void;
  /** Rejects when the stream breaks before close(): waits built on it must not hang. */
  readonly failed: Promise<never>;
  close(): void;
}

export async function openContainerEvents(docker: Docker, project: string): Promise<ContainerEvents> {
  const filters = JSON.stringify({ type: ['container'], label: [`${PROJECT_LABEL}=${project}`] });
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.getEvents({ filters });
  } catch (error) {
    throw toEngineError('events', error);
  }
  const byId = new Map<string, Set<ContainerEventListener>>();
  const everyone = new Set<ContainerEventListener>();
  let closed = false;
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => (fail = reject));
  // Nobody may be waiting when the stream breaks; the rejection is still observed by waits later.
  failed.catch(() => undefined);

  void (async () => {
    try {
      for await (const value of readJsonLines(stream)) {
        const event = value as EngineEvent;
        for (const listener of [...everyone]) listener(event);
        for (const listener of [...(byId.get(event.Actor.ID) ?? [])]) listener(event);
      }
      if (!closed) fail(new Error('the engine closed its event stream'));
    } catch (error) {
      if (!closed) fail(toEngineError('events', error));
    }
  })();

  return {
    on(containerId, listener) {
      const set = byId.get(containerId) ?? new Set();
      set.add(listener);
      byId.set(containerId, set);
      return () => set.delete(listener);
    },
    onAny(listener) {
      everyone.add(listener);
      return () => everyone.delete(listener);
    },
    failed,
    close() {
      closed = true;
      (stream as unknown as { destroy?: () => void }).destroy?.();
    },
  };
}
