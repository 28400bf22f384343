/**
 * The labels docker compose writes on what it creates, so that a later run (of tscompose or of
 * any tool that reads compose labels: `docker compose ps`, Portainer, Testcontainers) can find a
 * project's containers, networks and volumes again and tell whether they are up to date.
 *
 * Pure: every value comes from the arguments. The config hash is computed by the caller (it needs
 * the service with its `service:` references resolved, see resolve-service-references.ts), and the
 * image id by whoever inspected the image.
 */
import type { Mapping, ServiceConfig } from '../compose/project.js';

export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';
export const CONTAINER_NUMBER_LABEL = 'com.docker.compose.container-number';
export const CONFIG_HASH_LABEL = 'com.docker.compose.config-hash';
export const ONEOFF_LABEL = 'com.docker.compose.oneoff';
export const WORKING_DIR_LABEL = 'com.docker.compose.project.working_dir';
export const CONFIG_FILES_LABEL = 'com.docker.compose.project.config_files';
export const ENVIRONMENT_FILE_LABEL = 'com.docker.compose.project.environment_file';
export const DEPENDS_ON_LABEL = 'com.docker.compose.depends_on';
export const IMAGE_LABEL = 'com.docker.compose.image';
export const VERSION_LABEL = 'com.docker.compose.version';
export const NETWORK_LABEL = 'com.docker.compose.network';
export const VOLUME_LABEL = 'com.docker.compose.volume';

/** What the labels say about the project as a whole: where it was loaded from, and by which tool. */
export interface ProjectLabelContext {
  readonly projectName: string;
  /** The project directory (absolute). */
  readonly workingDir: string;
  /** The compose files, absolute, in the order given. */
  readonly configFiles: readonly string[];
  /** `--env-file` files, absolute; the label is written only when some were given, as compose does. */
  readonly envFiles?: readonly string[];
  /** The version written in `com.docker.compose.version` (tscompose's own). */
  readonly version: string;
}

export interface ContainerLabelInput {
  readonly serviceName: string;
  readonly service: ServiceConfig;
  /** The replica number; one-off containers (`run`) have none. */
  readonly number?: number;
  readonly oneoff: boolean;
  readonly configHash: string;
  /** The image id (`sha256:…`) the container is created from, when known. */
  readonly imageId?: string;
}

/**
 * The labels of a service container: the user's `labels` first, then compose's own, which win on
 * a clash (docker compose merges `service.Labels` then `CustomLabels` the same way).
 */
export function containerLabels(project: ProjectLabelContext, input: ContainerLabelInput): Mapping {
  const labels: Mapping = { ...(input.service.labels ?? {}) };
  labels[PROJECT_LABEL] = project.projectName;
  labels[SERVICE_LABEL] = input.serviceName;
  labels[VERSION_LABEL] = project.version;
  labels[WORKING_DIR_LABEL] = project.workingDir;
  labels[CONFIG_FILES_LABEL] = project.configFiles.join(',');
  if (project.envFiles && project.envFiles.length > 0) {
    labels[ENVIRONMENT_FILE_LABEL] = project.envFiles.join(',');
  }
  labels[ONEOFF_LABEL] = input.oneoff ? 'True' : 'False';
  labels[CONFIG_HASH_LABEL] = input.configHash;
  if (input.number !== undefined && input.number > 0) labels[CONTAINER_NUMBER_LABEL] = String(input.number);
  labels[DEPENDS_ON_LABEL] = dependsOnLabel(input.service);
  if (input.imageId) labels[IMAGE_LABEL] = input.imageId;
  return labels;
}

/**
 * `db:service_healthy:false,cache:service_started:true`: each dependency with its condition and
 * `restart`. Docker compose writes them in Go's random map order; we sort them so the label of an
 * unchanged service never changes between runs.
 */
export function dependsOnLabel(service: ServiceConfig): string {
  return Object.entries(service.depends_on ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, dependency]) => `${name}:${dependency.condition}:${String(dependency.restart ?? false)}`)
    .join(',');
}

export interface ResourceLabelInput {
  readonly kind: 'network' | 'volume';
  readonly projectName: string;
  /** The resource's key in the compose file (`default`, `data`), not its engine name. */
  readonly key: string;
  readonly version: string;
  readonly userLabels?: Mapping;
  readonly configHash: string;
}

/**
 * Labels of a network or volume compose creates: the user's first, compose's win. The key label
 * (`com.docker.compose.network=default`) is how a later run recognises the resource as the one the
 * file declares, whatever its engine name.
 */
export function resourceLabels(input: ResourceLabelInput): Mapping {
  return {
    ...(input.userLabels ?? {}),
    [input.kind === 'network' ? NETWORK_LABEL : VOLUME_LABEL]: input.key,
    [PROJECT_LABEL]: input.projectName,
    [VERSION_LABEL]: input.version,
    [CONFIG_HASH_LABEL]: input.configHash,
  };
}
