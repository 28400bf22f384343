/**
 * `tscompose start`: the containers that are not running, started service by service with
 * dependencies first (docker compose's start: `Starting` then `Started`; running containers are
 * left alone and print nothing). It does not wait for a dependency's health: `up` does that.
 */
import type { Project } from '../compose/project.js';
import type { ObservedContainer } from '../plan/observed-state.js';
import { toEngineError } from './engine-error.js';
import {
  containerError,
  containerEvent,
  forEachContainer,
  walkServiceContainers,
} from './stop-start-order.js';
import type { ContainerCommandContext } from './stop-containers.js';

export async function startContainers(
  context: ContainerCommandContext,
  containers: readonly ObservedContainer[],
  project: Project | undefined,
): Promise<void> {
  await walkServiceContainers(containers, project, 'dependencies-first', (_service, group) =>
    forEachContainer(
      group.filter((container) => container.state !== 'running'),
      (container) => startContainer(context, container),
    ),
  );
}

async function startContainer(
  { docker, reporter, clock }: ContainerCommandContext,
  container: ObservedContainer,
): Promise<void> {
  reporter.event(containerEvent(container, 'starting', clock));
  try {
    await docker.getContainer(container.id).start();
  } catch (error) {
    const failure = toEngineError(`start ${container.name}`, error);
    // 304: already started in the meantime.
    if (failure.statusCode !== 304) {
      reporter.event(containerError(container, 'Error while Starting', clock));
      throw failure;
    }
  }
  reporter.event(containerEvent(container, 'started', clock));
}
