/**
 * What the engine holds for one project, captured once before planning (docker compose's
 * ObservedState): its containers, stopped and one-off ones included; the networks and volumes
 * that carry its label or a name it declares (so a clash with someone else's is seen); and the
 * local image id of each image its services name. The lists are asked for in parallel: this is on
 * every `up`'s critical path.
 */
import type Docker from 'dockerode';
import type { Project } from '../compose/project.js';
import { PROJECT_LABEL } from '../plan/compose-labels.js';
import { serviceImageName } from '../plan/container-name.js';
import type { ObservedNetwork, ObservedState, ObservedVolume } from '../plan/observed-state.js';
import { toEngineError } from './engine-error.js';
import { listProjectContainers } from './project-containers.js';
import { localImageId } from './local-image.js';

export async function observeProject(docker: Docker, project: Project): Promise<ObservedState> {
  const [containers, networks, volumes, images] = await Promise.all([
    listProjectContainers(docker, project.name, { all: true, oneoff: 'include' }),
    observeNetworks(docker, project),
    observeVolumes(docker, project),
    observeImages(docker, project),
  ]);
  return { containers, networks, volumes, images };
}

async function observeNetworks(docker: Docker, project: Project): Promise<ObservedNetwork[]> {
  const declared = new Set(
    Object.entries(project.networks ?? {}).map(([key, network]) => network.name ?? `${project.name}_${key}`),
  );
  const all = await docker.listNetworks().catch((error: unknown) => {
    throw toEngineError('list networks', error);
  });
  return all
    .filter((network) => network.Labels?.[PROJECT_LABEL] === project.name || declared.has(network.Name))
    .map((network) => ({ id: network.Id, name: network.Name, labels: network.Labels ?? {} }));
}

async function observeVolumes(docker: Docker, project: Project): Promise<ObservedVolume[]> {
  const declared = new Set(
    Object.entries(project.volumes ?? {}).map(([key, volume]) => volume.name ?? `${project.name}_${key}`),
  );
  const answer = await docker.listVolumes().catch((error: unknown) => {
    throw toEngineError('list volumes', error);
  });
  return (answer.Volumes ?? [])
    .filter((volume) => volume.Labels?.[PROJECT_LABEL] === project.name || declared.has(volume.Name))
    .map((volume) => ({ name: volume.Name, driver: volume.Driver, labels: volume.Labels ?? {} }));
}

/** Image reference → local id, for the images the services run; missing ones are left out. */
async function observeImages(docker: Docker, project: Project): Promise<Record<string, string>> {
  const references = new Set(
    Object.entries(project.services).map(([name, service]) => serviceImageName(project.name, name, service)),
  );
  const found = await Promise.all(
    [...references].map(async (reference) => [reference, await localImageId(docker, reference)] as const),
  );
  const images: Record<string, string> = {};
  for (const [reference, id] of found) if (id) images[reference] = id;
  return images;
}
