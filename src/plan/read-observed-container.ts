/**
 * The engine's answers about a container, read into an `ObservedContainer`: labels parsed once
 * here, so the reconciler compares typed values. The list answer (`GET /containers/json`) carries
 * health and exit code only inside its human status text (`Up 3 seconds (healthy)`,
 * `Exited (137) 2 seconds ago`), so they are read from there; inspect carries them as fields.
 */
import type {
  ContainerInspect,
  ContainerSummary,
  HealthStatus,
  MountPoint,
} from '../../runtime/api/engine-types.js';
import {
  CONFIG_HASH_LABEL,
  CONTAINER_NUMBER_LABEL,
  IMAGE_LABEL,
  ONEOFF_LABEL,
  PROJECT_LABEL,
  SERVICE_LABEL,
} from './compose-labels.js';
import type { ObservedContainer, ObservedMount } from './observed-state.js';

export function observeContainerSummary(summary: ContainerSummary): ObservedContainer {
  const labels = summary.Labels ?? {};
  const networks: Record<string, string> = {};
  for (const [name, endpoint] of Object.entries(summary.NetworkSettings?.Networks ?? {})) {
    networks[name] = endpoint.NetworkID ?? '';
  }
  return {
    id: summary.Id,
    name: stripSlash(summary.Names[0] ?? summary.Id),
    ...fromLabels(labels),
    imageId: summary.ImageID,
    state: summary.State,
    ...healthFromStatus(summary.Status),
    ...exitCodeFromStatus(summary.Status),
    created: summary.Created,
    networks,
    mounts: (summary.Mounts ?? []).map(observeMount),
    labels,
  };
}

export function observeContainerInspect(inspect: ContainerInspect): ObservedContainer {
  const labels = inspect.Config.Labels ?? {};
  const networks: Record<string, string> = {};
  for (const [name, endpoint] of Object.entries(inspect.NetworkSettings?.Networks ?? {})) {
    networks[name] = endpoint.NetworkID ?? '';
  }
  const state = inspect.State;
  return {
    id: inspect.Id,
    name: stripSlash(inspect.Name),
    ...fromLabels(labels),
    imageId: inspect.Image,
    state: state.Status,
    ...(state.Health ? { health: state.Health.Status } : {}),
    ...(state.Status === 'exited' || state.Status === 'dead' ? { exitCode: state.ExitCode } : {}),
    created: Math.floor(Date.parse(inspect.Created) / 1000),
    networks,
    mounts: (inspect.Mounts ?? []).map(observeMount),
    labels,
  };
}

type LabelFields = Pick<
  ObservedContainer,
  'project' | 'service' | 'number' | 'oneoff' | 'configHash' | 'imageLabel'
>;

function fromLabels(labels: Readonly<Record<string, string>>): LabelFields {
  const number = Number.parseInt(labels[CONTAINER_NUMBER_LABEL] ?? '', 10);
  const image = labels[IMAGE_LABEL];
  return {
    project: labels[PROJECT_LABEL] ?? '',
    service: labels[SERVICE_LABEL] ?? '',
    number: Number.isNaN(number) ? 0 : number,
    oneoff: labels[ONEOFF_LABEL] === 'True',
    configHash: labels[CONFIG_HASH_LABEL] ?? '',
    ...(image ? { imageLabel: image } : {}),
  };
}

function observeMount(mount: MountPoint): ObservedMount {
  return {
    type: mount.Type,
    ...(mount.Name ? { name: mount.Name } : {}),
    source: mount.Source,
    destination: mount.Destination,
    readOnly: !mount.RW,
  };
}

/** Docker's status suffixes: `(healthy)`, `(unhealthy)`, `(health: starting)`. */
function healthFromStatus(status: string): { health?: HealthStatus } {
  if (status.includes('(healthy)')) return { health: 'healthy' };
  if (status.includes('(unhealthy)')) return { health: 'unhealthy' };
  if (status.includes('(health: starting)')) return { health: 'starting' };
  return {};
}

function exitCodeFromStatus(status: string): { exitCode?: number } {
  const match = /^Exited \((-?\d+)\)/.exec(status);
  return match?.[1] ? { exitCode: Number(match[1]) } : {};
}

function stripSlash(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name;
}
