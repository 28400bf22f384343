/**
 * Every compose project the engine holds, found as docker compose's List finds them: containers
 * with a project label and a config hash (so containers of other tools are not projects), running
 * ones only unless `all`.
 */
import type Docker from 'dockerode';
import type { ContainerSummary } from '../../runtime/api/engine-types.js';
import { CONFIG_HASH_LABEL, PROJECT_LABEL } from '../plan/compose-labels.js';
import { toEngineError } from './engine-error.js';

export async function listProjectSummaries(docker: Docker, all: boolean): Promise<ContainerSummary[]> {
  try {
    return (await docker.listContainers({
      all,
      filters: JSON.stringify({ label: [PROJECT_LABEL, CONFIG_HASH_LABEL] }),
    })) as unknown as ContainerSummary[];
  } catch (error) {
    throw toEngineError('list containers', error);
  }
}
