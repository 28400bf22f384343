/**
 * `tscompose stop`: each service's containers stopped at once, dependents before their
 * dependencies (docker compose's stop: `Stopping` then `Stopped` for every container, stopped
 * ones included, since stopping them again is harmless).
 */
import type Docker from 'dockerode';
import type { Project } from '../compose/project.js';
import type { ObservedContainer } from '../plan/observed-state.js';
import type { Reporter } from '../ui/reporter.js';
import { toEngineError } from './engine-error.js';
import {
  containerError,
  containerEvent,
  forEachContainer,
  walkServiceContainers,
} from './stop-start-order.js';

export interface ContainerCommandContext {
  readonly docker: Docker;
  readonly reporter: Reporter;
  readonly clock: () => number;
}

export interface StopOptions {
  /** Seconds before SIGKILL; the container's own stop timeout when absent. */
  readonly timeout?: number;
}

export async function stopContainers(
  context: ContainerCommandContext,
  containers: readonly ObservedContainer[],
  project: Project | undefined,
  options: StopOptions,
): Promise<void> {
  await walkServiceContainers(containers, project, 'dependents-first', (_service, group) =>
    forEachContainer(group, (container) => stopContainer(context, container, options)),
  );
}

export async function stopContainer(
  { docker, reporter, clock }: ContainerCommandContext,
  container: ObservedContainer,
  options: StopOptions,
): Promise<void> {
  reporter.event(containerEvent(container, 'stopping', clock));
  try {
    await docker.getContainer(container.id).stop(options.timeout === undefined ? {} : { t: options.timeout });
  } catch (error) {
    const failure = toEngineError(`stop ${container.name}`, error);
    // 304: already stopped, which is what was asked.
    if (failure.statusCode !== 304) {
      reporter.event(containerError(container, 'Error while Stopping', clock));
      throw failure;
    }
  }
  reporter.event(containerEvent(container, 'stopped', clock));
}
