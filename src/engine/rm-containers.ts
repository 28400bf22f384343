/**
 * `tscompose rm`: stopped containers removed at once (docker compose's remove: `Removing` then
 * `Removed`). Which containers, and whether the user agreed, is the command's business.
 */
import type { ObservedContainer } from '../plan/observed-state.js';
import { toEngineError } from './engine-error.js';
import { containerError, containerEvent, forEachContainer } from './stop-start-order.js';
import type { ContainerCommandContext } from './stop-containers.js';

export interface RemoveOptions {
  /** Remove the container's anonymous volumes too (`-v`). */
  readonly volumes: boolean;
  readonly force: boolean;
}

export async function removeContainers(
  { docker, reporter, clock }: ContainerCommandContext,
  containers: readonly ObservedContainer[],
  options: RemoveOptions,
): Promise<void> {
  await forEachContainer(containers, async (container) => {
    reporter.event(containerEvent(container, 'removing', clock));
    try {
      await docker.getContainer(container.id).remove({ v: options.volumes, force: options.force });
    } catch (error) {
      const failure = toEngineError(`remove ${container.name}`, error);
      // Already gone (an auto-remove container, or another command): nothing left to do.
      if (failure.statusCode !== 404) {
        reporter.event(containerError(container, 'Error while Removing', clock));
        throw failure;
      }
    }
    reporter.event(containerEvent(container, 'removed', clock));
  });
}
