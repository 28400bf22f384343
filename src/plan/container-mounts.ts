/**
 * A service's storage as the Engine API's Binds, Mounts and Tmpfs, the way docker compose splits
 * them: a bind or named volume with no advanced option goes in `Binds` as `src:dst:opts` (the
 * only form that creates a missing host directory), anything else in `Mounts`. Anonymous volumes
 * of a replaced container are inherited, so `up` keeps their data across a recreate; file-based
 * secrets and configs are read-only binds at `/run/secrets/<name>` and `/<name>`.
 *
 * Not here: secrets and configs from `environment` or `content` (the engine must write those into
 * the container; untranslated-fields.ts reports them) and `image` mounts.
 */
import type { Project, ServiceConfig, ServiceVolumeConfig } from '../compose/project.js';
import type { Mount } from '../../runtime/api/engine-types.js';
import type { ObservedMount } from './observed-state.js';

export interface MountSettings {
  readonly Binds: string[];
  readonly Mounts: Mount[];
  readonly Tmpfs: Record<string, string>;
}

export interface MountInput {
  readonly project: Project;
  readonly service: ServiceConfig;
  /** The mounts of the container being replaced, whose anonymous volumes are kept. */
  readonly inherit?: readonly ObservedMount[];
  /** The image's declared `VOLUME`s: their anonymous volumes are kept too. */
  readonly imageVolumes?: readonly string[];
}

export function mountSettings(input: MountInput): MountSettings {
  const { project, service } = input;
  const binds: string[] = [];
  const mounts: Mount[] = [];
  const targets = new Set<string>();
  const add = (mount: Mount, bind: string | undefined): void => {
    targets.add(mount.Target ?? '');
    if (bind) binds.push(bind);
    else mounts.push(mount);
  };

  let volumes = [...(service.volumes ?? [])];
  for (const old of input.inherit ?? []) {
    if (old.type === 'tmpfs') continue;
    const anonymous = volumes.find((volume) => volume.target === old.destination && !volume.source);
    if (!anonymous && !input.imageVolumes?.includes(old.destination)) continue;
    volumes = volumes.filter((volume) => volume !== anonymous);
    add(
      {
        Type: old.type,
        Source: old.type === 'volume' ? (old.name ?? old.source) : old.source,
        Target: old.destination,
        ReadOnly: old.readOnly,
      },
      undefined,
    );
  }
  for (const volume of volumes) {
    if (targets.has(volume.target)) continue;
    const mount = toMount(project, volume);
    if (mount) add(mount, bindString(project, volume, mount));
  }
  for (const [target, mount] of fileMounts(project, service)) {
    if (!targets.has(target)) add(mount, mount.BindOptions ? undefined : `${mount.Source}:${target}:ro`);
  }

  const tmpfs: Record<string, string> = {};
  for (const entry of (service.tmpfs as string[] | string | undefined) ?? []) {
    const [path = '', ...options] = String(entry).split(':');
    tmpfs[path] = options.join(':');
  }
  return { Binds: binds, Mounts: mounts, Tmpfs: tmpfs };
}

function toMount(project: Project, volume: ServiceVolumeConfig): Mount | undefined {
  const base = { Target: volume.target, ...(volume.read_only ? { ReadOnly: true } : {}) };
  const consistency = volume.consistency ? { Consistency: volume.consistency } : {};
  switch (volume.type) {
    case 'bind': {
      const bind = volume.bind;
      const options = bind
        ? {
            BindOptions: {
              ...(bind.propagation
                ? { Propagation: bind.propagation as NonNullable<Mount['BindOptions']>['Propagation'] }
                : {}),
              CreateMountpoint: bind.create_host_path === true,
              ...recursiveOption(bind.recursive),
            },
          }
        : {};
      return { Type: 'bind', Source: volume.source ?? '', ...base, ...consistency, ...options };
    }
    case 'volume': {
      const source = volume.source ? (project.volumes?.[volume.source]?.name ?? volume.source) : '';
      const options = volume.volume
        ? {
            VolumeOptions: {
              ...(volume.volume.nocopy ? { NoCopy: true } : {}),
              ...(volume.volume.subpath ? { Subpath: volume.volume.subpath } : {}),
              ...(volume.volume.labels ? { Labels: { ...volume.volume.labels } } : {}),
            },
          }
        : {};
      return { Type: 'volume', Source: source, ...base, ...consistency, ...options };
    }
    case 'tmpfs': {
      const tmpfs = volume.tmpfs;
      const options = tmpfs
        ? {
            TmpfsOptions: {
              ...(tmpfs.size !== undefined ? { SizeBytes: tmpfs.size } : {}),
              ...(tmpfs.mode !== undefined ? { Mode: tmpfs.mode } : {}),
            },
          }
        : {};
      return { Type: 'tmpfs', ...base, ...options };
    }
    case 'npipe':
    case 'cluster':
    case 'image':
      // Windows pipes and swarm cluster volumes have no meaning here; image mounts are not
      // supported by the engine yet (untranslated-fields.ts warns about them).
      return undefined;
    default:
      return assertNever(volume.type);
  }
}

function recursiveOption(recursive: string | undefined): NonNullable<Mount['BindOptions']> {
  switch (recursive) {
    case 'disabled':
      return { NonRecursive: true };
    case 'writable':
      return { ReadOnlyNonRecursive: true };
    case 'readonly':
      return { ReadOnlyForceRecursive: true };
    default:
      return {};
  }
}

/**
 * The legacy `src:dst:opts` form, when the mount needs nothing it cannot say: a bind that may
 * create its host path and has no propagation or recursion setting; a named project volume with
 * no labels, subpath or nocopy.
 */
function bindString(project: Project, volume: ServiceVolumeConfig, mount: Mount): string | undefined {
  if (volume.type === 'bind') {
    const bind = volume.bind;
    if (bind && (bind.create_host_path !== true || bind.propagation || bind.recursive)) return undefined;
  } else if (volume.type === 'volume') {
    if (!volume.source || !project.volumes?.[volume.source]) return undefined;
    const options = volume.volume;
    if (
      options &&
      ((options.labels && Object.keys(options.labels).length > 0) || options.subpath || options.nocopy)
    ) {
      return undefined;
    }
  } else return undefined;
  const flags = [volume.read_only ? 'ro' : 'rw'];
  if (volume.bind?.selinux) flags.push(volume.bind.selinux);
  if (volume.bind?.propagation) flags.push(volume.bind.propagation);
  return `${mount.Source}:${volume.target}:${flags.join(',')}`;
}

/** File-based secrets and configs, by target. A secret's bind never creates its source. */
function fileMounts(project: Project, service: ServiceConfig): Array<[string, Mount]> {
  const result: Array<[string, Mount]> = [];
  for (const secret of service.secrets ?? []) {
    const file = project.secrets?.[secret.source]?.file;
    if (!file) continue;
    const target = absoluteTarget('/run/secrets/', secret.target ?? secret.source);
    result.push([
      target,
      {
        Type: 'bind',
        Source: file,
        Target: target,
        ReadOnly: true,
        BindOptions: { CreateMountpoint: false },
      },
    ]);
  }
  for (const config of service.configs ?? []) {
    const file = project.configs?.[config.source]?.file;
    if (!file) continue;
    const target = absoluteTarget('/', config.target ?? config.source);
    result.push([target, { Type: 'bind', Source: file, Target: target, ReadOnly: true }]);
  }
  return result;
}

function absoluteTarget(base: string, target: string): string {
  return target.startsWith('/') ? target : base + target;
}

function assertNever(value: never): never {
  throw new Error(`unexpected volume type: ${String(value)}`);
}
