/**
 * `tscompose kill`: a signal sent to every chosen container at once (docker compose's kill),
 * shown as compose shows it: `Killing`, then `Killed`.
 */
import type { ObservedContainer } from '../plan/observed-state.js';
import { toEngineError } from './engine-error.js';
import { containerError, containerEvent, forEachContainer } from './stop-start-order.js';
import type { ContainerCommandContext } from './stop-containers.js';

export async function killContainers(
  { docker, reporter, clock }: ContainerCommandContext,
  containers: readonly ObservedContainer[],
  signal: string,
): Promise<void> {
  await forEachContainer(containers, async (container) => {
    reporter.event(containerEvent(container, 'killing', clock));
    try {
      await docker.getContainer(container.id).kill({ signal });
    } catch (error) {
      reporter.event(containerError(container, 'Error while Killing', clock));
      throw toEngineError(`kill ${container.name}`, error);
    }
    reporter.event(containerEvent(container, 'killed', clock));
  });
}
