/**
 * `tscompose restart`: every container of the chosen services restarted through the engine's
 * restart (stop, then start), service by service with dependencies first, as docker compose's
 * restart does, shown as compose shows it: `Restarting`, then `Started`.
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
import type { ContainerCommandContext, StopOptions } from './stop-containers.js';

export async function restartContainers(
  context: ContainerCommandContext,
  containers: readonly ObservedContainer[],
  project: Project | undefined,
  options: StopOptions,
): Promise<void> {
  await walkServiceContainers(containers, project, 'dependencies-first', (_service, group) =>
    forEachContainer(group, (container) => restartContainer(context, container, options)),
  );
}

async function restartContainer(
  { docker, reporter, clock }: ContainerCommandContext,
  container: ObservedContainer,
  options: StopOptions,
): Promise<void> {
  reporter.event(containerEvent(container, 'restarting', clock));
  try {
    await docker
      .getContainer(container.id)
      .restart(options.timeout === undefined ? {} : { t: options.timeout });
  } catch (error) {
    reporter.event(containerError(container, 'Error while Restarting', clock));
    throw toEngineError(`restart ${container.name}`, error);
  }
  reporter.event(containerEvent(container, 'started', clock));
}
