/**
 * Turns the parsed mount requests into what the container keeps: host paths for runc and Docker's
 * `MountPoint` for inspect. Named volumes that do not exist are created (Docker does the same on
 * `run -v name:/path`); anonymous ones get a random name and Docker's anonymous label. Bind
 * sources given with `-v` are created when missing; with `--mount` they must exist.
 *
 * Also the first-start copy-up: a fresh volume receives what the image has at its target, unless
 * `nocopy` was asked, as Docker does.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { execa } from 'execa';
import { describeFailure } from '../storage/command-failure.js';
import { badRequest } from '../status-error.js';
import { ANONYMOUS_VOLUME_LABEL, type VolumeService } from '../storage/volume-service.js';
import type { ContainerMount } from './container-record.js';
import type { MountRequest } from './mount-plan.js';
import { resolveInRoot } from './rootfs-paths.js';

export async function resolveMounts(
  requests: readonly MountRequest[],
  volumes: VolumeService,
): Promise<ContainerMount[]> {
  const result: ContainerMount[] = [];
  for (const request of requests) result.push(await resolveMount(request, volumes));
  return result;
}

async function resolveMount(request: MountRequest, volumes: VolumeService): Promise<ContainerMount> {
  switch (request.kind) {
    case 'bind': {
      await ensureBindSource(request.source, request.createSource);
      const options = [request.recursive ? 'rbind' : 'bind', request.propagation];
      if (request.readOnly) options.push('ro');
      return {
        point: {
          Type: 'bind',
          Source: request.source,
          Destination: request.target,
          Mode: request.mode,
          RW: !request.readOnly,
          Propagation: request.propagation,
        },
        oci: { destination: request.target, type: 'bind', source: request.source, options },
        copyUp: false,
        anonymous: false,
      };
    }
    case 'volume': {
      const anonymous = request.name === undefined;
      const labels = anonymous ? { ...request.labels, [ANONYMOUS_VOLUME_LABEL]: '' } : request.labels;
      const existed = !anonymous && (await volumes.exists(request.name as string));
      const volume = existed
        ? await volumes.inspect(request.name as string)
        : await volumes.create({ ...(request.name ? { Name: request.name } : {}), Labels: labels });
      const base = await volumes.mountSource(volume.Name);
      const source = request.subpath ? posix.join(base, request.subpath) : base;
      if (request.subpath)
        await stat(source).catch(() => {
          throw badRequest(`cannot access path ${source}: the volume has no subpath ${request.subpath}`);
        });
      const options = ['rbind', 'rprivate'];
      if (request.readOnly) options.push('ro');
      return {
        point: {
          Type: 'volume',
          Name: volume.Name,
          Source: volume.Mountpoint,
          Destination: request.target,
          Driver: 'local',
          Mode: request.mode,
          RW: !request.readOnly,
          Propagation: '',
        },
        oci: { destination: request.target, type: 'bind', source, options },
        copyUp: !request.noCopy && !request.subpath && source === volume.Mountpoint,
        anonymous,
      };
    }
    case 'tmpfs':
      return {
        point: {
          Type: 'tmpfs',
          Source: '',
          Destination: request.target,
          Mode: '',
          RW: !request.options.includes('ro'),
          Propagation: '',
        },
        oci: { destination: request.target, type: 'tmpfs', source: 'tmpfs', options: request.options },
        copyUp: false,
        anonymous: false,
      };
    default: {
      const unknown: never = request;
      throw new Error(`unknown mount ${JSON.stringify(unknown)}`);
    }
  }
}

async function ensureBindSource(source: string, create: boolean): Promise<void> {
  try {
    await stat(source);
    return;
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) {
      throw badRequest(
        `invalid mount config for type "bind": cannot use bind source path ${source}: ${describeFailure(error)}`,
      );
    }
  }
  if (!create)
    throw badRequest(`invalid mount config for type "bind": bind source path does not exist: ${source}`);
  try {
    await mkdir(source, { recursive: true, mode: 0o755 });
  } catch (cause) {
    throw badRequest(`error while creating mount source path '${source}': ${describeFailure(cause)}`);
  }
}

/** Seeds an empty volume with the image's content at the mount target (Docker's copy-up). */
export async function copyUpVolume(rootfs: string, target: string, volumeDir: string): Promise<void> {
  const source = await resolveInRoot(rootfs, target);
  let isDir = false;
  try {
    isDir = (await stat(source)).isDirectory();
  } catch (error) {
    // ENOENT: the image has nothing at the target; the volume stays empty.
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  if (!isDir || (await readdir(volumeDir)).length > 0 || (await readdir(source)).length === 0) return;
  try {
    await execa('cp', ['-a', '--', `${source}/.`, volumeDir], { stdin: 'ignore' });
  } catch (cause) {
    throw new Error(`cannot copy the image's ${target} into its volume: ${describeFailure(cause)}`, {
      cause,
    });
  }
}
