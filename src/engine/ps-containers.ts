/**
 * The containers `ps` lists, as the engine summarises them (image, command, status text, ports),
 * which is more than the planner's ObservedContainer carries. Found by compose's labels, as
 * project-containers.ts finds them; one-off (`run`) containers only with `-a`, as compose does.
 */
import type Docker from 'dockerode';
import type { ContainerSummary } from '../../runtime/api/engine-types.js';
import { ONEOFF_LABEL, PROJECT_LABEL, SERVICE_LABEL } from '../plan/compose-labels.js';
import { toEngineError } from './engine-error.js';

export interface PsQuery {
  readonly all: boolean;
  /** Only these services; every service when empty. */
  readonly services: readonly string[];
}

export async function listPsContainers(
  docker: Docker,
  project: string,
  query: PsQuery,
): Promise<ContainerSummary[]> {
  const label = [`${PROJECT_LABEL}=${project}`];
  if (!query.all) label.push(`${ONEOFF_LABEL}=False`);
  if (query.services.length === 1) label.push(`${SERVICE_LABEL}=${query.services[0]}`);
  try {
    const summaries = (await docker.listContainers({
      all: query.all,
      filters: JSON.stringify({ label }),
    })) as unknown as ContainerSummary[];
    return summaries.filter(
      (summary) =>
        query.services.length === 0 || query.services.includes(summary.Labels[SERVICE_LABEL] ?? ''),
    );
  } catch (error) {
    throw toEngineError('list containers', error);
  }
}
