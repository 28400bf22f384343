/**
 * A project's containers as the engine holds them, found by compose's project label (docker
 * compose's getContainers): every command that acts on "the project's containers" (`ps`, `stop`,
 * `logs`, `down` …) starts here, so they all agree on what belongs to a project and in what order.
 */
import type Docker from 'dockerode';
import type { ContainerSummary } from '../../runtime/api/engine-types.js';
import { ONEOFF_LABEL, PROJECT_LABEL, SERVICE_LABEL } from '../plan/compose-labels.js';
import type { ObservedContainer } from '../plan/observed-state.js';
import { observeContainerSummary } from '../plan/read-observed-container.js';
import { compareText } from '../plan/compare-text.js';

export interface ContainerQuery {
  /** Stopped containers too (`ps -a`); running ones only when false. */
  readonly all: boolean;
  /** Only these services' containers; every service when empty or absent. */
  readonly services?: readonly string[];
  /** `run` containers: left out unless asked for. */
  readonly oneoff?: 'exclude' | 'include' | 'only';
}

export async function listProjectContainers(
  docker: Docker,
  project: string,
  query: ContainerQuery,
): Promise<ObservedContainer[]> {
  const label = [`${PROJECT_LABEL}=${project}`];
  const services = query.services ?? [];
  // The engine filters one service label at a time; several are filtered here.
  if (services.length === 1) label.push(`${SERVICE_LABEL}=${services[0]}`);
  const oneoff = query.oneoff ?? 'exclude';
  if (oneoff === 'exclude') label.push(`${ONEOFF_LABEL}=False`);
  if (oneoff === 'only') label.push(`${ONEOFF_LABEL}=True`);
  const summaries = (await docker.listContainers({
    all: query.all,
    filters: JSON.stringify({ label }),
  })) as unknown as ContainerSummary[];
  return summaries
    .map(observeContainerSummary)
    .filter((container) => services.length === 0 || services.includes(container.service))
    .sort(byServiceAndNumber);
}

/** Service name, then replica number, then name: the order `ps` prints and `stop` walks. */
export function byServiceAndNumber(a: ObservedContainer, b: ObservedContainer): number {
  return compareText(a.service, b.service) || a.number - b.number || compareText(a.name, b.name);
}
