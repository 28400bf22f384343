/**
 * `docker create`'s work before anything runs: check the request, merge it with the image config,
 * resolve its mounts (creating named and anonymous volumes), and build the record the engine keeps.
 * Nothing is mounted and no process starts; the rootfs is mounted by `start`.
 *
 * Requests Docker would refuse are refused here with its messages, so a bad request never leaves
 * a container behind.
 */
import type { ContainerCreateRequest, HostConfig } from '../api/engine-types.js';
import type { StorageDriver } from '../storage/overlay-rootfs.js';
import { badRequest } from '../status-error.js';
import type { VolumeService } from '../storage/volume-service.js';
import { containerCapabilities } from './capabilities.js';
import { createdState, type ContainerRecord } from './container-record.js';
import { parseExtraHost } from './etc-files.js';
import { healthSettings } from './health-state.js';
import type { ImageHandle } from './image-lookup.js';
import { mergeContainerConfig } from './merge-config.js';
import { planMounts } from './mount-plan.js';
import { resolveMounts } from './resolve-mounts.js';

export interface PrepareInput {
  id: string;
  name: string;
  request: ContainerCreateRequest;
  image: ImageHandle;
  volumes: VolumeService;
  storageDriver: StorageDriver;
  now: Date;
}

export async function prepareContainer(input: PrepareInput): Promise<ContainerRecord> {
  const { request, image } = input;
  const hostConfig: HostConfig = { ...(request.HostConfig ?? {}) };
  checkHostConfig(hostConfig);
  const { config, command } = mergeContainerConfig(request, image.config, input.id);
  healthSettings(config.Healthcheck);
  const mounts = await resolveMounts(planMounts(hostConfig, config.Volumes), input.volumes);
  return {
    Id: input.id,
    Name: input.name,
    Created: input.now.toISOString(),
    Path: command.Path,
    Args: command.Args,
    Config: config,
    HostConfig: {
      ...hostConfig,
      NetworkMode: hostConfig.NetworkMode || 'default',
      RestartPolicy: hostConfig.RestartPolicy ?? { Name: 'no', MaximumRetryCount: 0 },
    },
    NetworkingConfig: request.NetworkingConfig ?? {},
    Image: image.id,
    State: createdState(),
    RestartCount: 0,
    ManuallyStopped: false,
    ConmonPid: 0,
    Mounts: mounts,
    Storage: { driver: input.storageDriver, layerDirs: image.layerDirs },
  };
}

function checkHostConfig(hostConfig: HostConfig): void {
  const policy = hostConfig.RestartPolicy;
  const name = policy?.Name ?? '';
  if (!['', 'no', 'always', 'unless-stopped', 'on-failure'].includes(name)) {
    throw badRequest(
      `invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`,
    );
  }
  if ((policy?.MaximumRetryCount ?? 0) < 0)
    throw badRequest('invalid restart policy: maximum retry count must be a positive integer');
  if (name !== 'on-failure' && (policy?.MaximumRetryCount ?? 0) > 0) {
    throw badRequest(`invalid restart policy: maximum retry count can only be used with 'on-failure'`);
  }
  if (hostConfig.AutoRemove && name !== '' && name !== 'no') {
    throw badRequest(`can't create 'AutoRemove' container with restart policy`);
  }
  containerCapabilities({ capAdd: hostConfig.CapAdd, capDrop: hostConfig.CapDrop });
  for (const entry of hostConfig.ExtraHosts ?? []) parseExtraHost(entry, '0.0.0.0');
  const mode = hostConfig.NetworkMode ?? '';
  if (
    mode.startsWith('container:') &&
    hostConfig.PortBindings &&
    Object.keys(hostConfig.PortBindings).length > 0
  ) {
    throw badRequest('conflicting options: port publishing and the container type network mode');
  }
}
