/**
 * The container's mounts as the request states them, parsed once into one list: `HostConfig.Binds`
 * (`src:dst[:opts]`, where a src that is not an absolute path names a volume), `HostConfig.Mounts`
 * (the long syntax), `HostConfig.Tmpfs`, and the image's `Volumes`, which become anonymous volumes
 * unless the request mounts something there. Two mounts on one target are refused, as in Docker.
 *
 * Pure: volumes are named here, not created; the container service resolves them to folders.
 */
import { posix } from 'node:path';
import type { HostConfig, Mount } from '../api/engine-types.js';
import { badRequest } from '../status-error.js';

export type Propagation = 'private' | 'rprivate' | 'shared' | 'rshared' | 'slave' | 'rslave';

export type MountRequest =
  | {
      kind: 'bind';
      source: string;
      target: string;
      readOnly: boolean;
      propagation: Propagation;
      recursive: boolean;
      /** `-v` creates a missing host folder; `--mount type=bind` refuses it. */
      createSource: boolean;
      /** The option text inspect shows in `Mode`. */
      mode: string;
    }
  | {
      kind: 'volume';
      /** Absent for an anonymous volume. */
      name?: string;
      target: string;
      readOnly: boolean;
      noCopy: boolean;
      subpath?: string;
      labels: Record<string, string>;
      mode: string;
    }
  | { kind: 'tmpfs'; target: string; options: string[] };

const PROPAGATIONS = new Set<string>(['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave']);

export function planMounts(
  hostConfig: HostConfig,
  imageVolumes: Record<string, unknown> | null | undefined,
): MountRequest[] {
  const mounts: MountRequest[] = [
    ...(hostConfig.Binds ?? []).map(parseBind),
    ...(hostConfig.Mounts ?? []).map(parseMount),
    ...Object.entries(hostConfig.Tmpfs ?? {}).map(([target, options]) => tmpfs(target, options)),
  ];
  const seen = new Set<string>();
  for (const mount of mounts) {
    if (seen.has(mount.target)) throw badRequest(`Duplicate mount point: ${mount.target}`);
    seen.add(mount.target);
  }
  for (const target of Object.keys(imageVolumes ?? {})) {
    const clean = cleanTarget(target);
    if (seen.has(clean)) continue;
    seen.add(clean);
    mounts.push({ kind: 'volume', target: clean, readOnly: false, noCopy: false, labels: {}, mode: '' });
  }
  return mounts;
}

/** `-v` syntax: `/host:/ctr`, `/host:/ctr:ro,rshared`, `name:/ctr:nocopy`, or `/ctr` alone (anonymous). */
export function parseBind(spec: string): MountRequest {
  const parts = spec.split(':');
  if (parts.length === 1) {
    return {
      kind: 'volume',
      target: cleanTarget(spec),
      readOnly: false,
      noCopy: false,
      labels: {},
      mode: '',
    };
  }
  if (parts.length > 3) throw badRequest(`invalid volume specification: '${spec}'`);
  const [source = '', target = '', mode = ''] = parts;
  if (source === '' || target === '') throw badRequest(`invalid volume specification: '${spec}'`);
  const options = mode === '' ? [] : mode.split(',');
  let readOnly = false;
  let propagation: Propagation = 'rprivate';
  let noCopy = false;
  for (const option of options) {
    if (option === 'ro' || option === 'rw') readOnly = option === 'ro';
    else if (PROPAGATIONS.has(option)) propagation = option as Propagation;
    else if (option === 'nocopy') noCopy = true;
    // SELinux relabels and macOS consistency hints mean nothing here; Docker accepts them too.
    else if (!['z', 'Z', 'consistent', 'cached', 'delegated'].includes(option)) {
      throw badRequest(`invalid mode: ${option}`);
    }
  }
  if (posix.isAbsolute(source)) {
    if (noCopy) throw badRequest(`invalid mode: nocopy (only for volumes)`);
    return {
      kind: 'bind',
      source: posix.normalize(source),
      target: cleanTarget(target),
      readOnly,
      propagation,
      recursive: true,
      createSource: true,
      mode,
    };
  }
  return {
    kind: 'volume',
    name: source,
    target: cleanTarget(target),
    readOnly,
    noCopy,
    labels: {},
    mode: mode || 'z',
  };
}

/** `--mount` syntax, already structured by the client. */
export function parseMount(mount: Mount): MountRequest {
  const type = mount.Type ?? 'volume';
  if (!mount.Target)
    throw badRequest(`invalid mount config for type "${type}": field Target must not be empty`);
  const target = cleanTarget(mount.Target);
  const readOnly = mount.ReadOnly ?? false;
  if (type === 'bind') {
    if (!mount.Source)
      throw badRequest(`invalid mount config for type "bind": field Source must not be empty`);
    if (!posix.isAbsolute(mount.Source))
      throw badRequest(
        `invalid mount config for type "bind": invalid mount path: '${mount.Source}' mount path must be absolute`,
      );
    const propagation = mount.BindOptions?.Propagation ?? 'rprivate';
    return {
      kind: 'bind',
      source: posix.normalize(mount.Source),
      target,
      readOnly,
      propagation,
      recursive: !mount.BindOptions?.NonRecursive,
      createSource: mount.BindOptions?.CreateMountpoint ?? false,
      mode: '',
    };
  }
  if (type === 'volume') {
    const subpath = mount.VolumeOptions?.Subpath;
    if (subpath !== undefined && (posix.isAbsolute(subpath) || posix.normalize(subpath).startsWith('..'))) {
      throw badRequest(
        `invalid mount config for type "volume": subpath must be a relative path within the volume`,
      );
    }
    return {
      kind: 'volume',
      ...(mount.Source ? { name: mount.Source } : {}),
      target,
      readOnly,
      noCopy: mount.VolumeOptions?.NoCopy ?? false,
      ...(subpath ? { subpath: posix.normalize(subpath) } : {}),
      labels: mount.VolumeOptions?.Labels ?? {},
      mode: '',
    };
  }
  if (type === 'tmpfs') {
    if (mount.Source)
      throw badRequest(`invalid mount config for type "tmpfs": field Source must not be specified`);
    const options: string[] = [];
    if (mount.TmpfsOptions?.SizeBytes) options.push(`size=${mount.TmpfsOptions.SizeBytes}`);
    if (mount.TmpfsOptions?.Mode) options.push(`mode=${mount.TmpfsOptions.Mode.toString(8)}`);
    return { kind: 'tmpfs', target, options: withTmpfsDefaults(options, readOnly) };
  }
  throw badRequest(`mount type "${type}" is not supported`);
}

function tmpfs(target: string, text: string): MountRequest {
  const options = text === '' ? [] : text.split(',');
  return { kind: 'tmpfs', target: cleanTarget(target), options: withTmpfsDefaults(options, false) };
}

/** Docker's tmpfs defaults (`noexec,nosuid,nodev`), which explicit options override. */
function withTmpfsDefaults(options: string[], readOnly: boolean): string[] {
  const result = [...options];
  const has = (name: string, opposite: string): boolean => result.includes(name) || result.includes(opposite);
  if (!has('exec', 'noexec')) result.unshift('noexec');
  if (!has('suid', 'nosuid')) result.unshift('nosuid');
  if (!has('dev', 'nodev')) result.unshift('nodev');
  if (readOnly) result.push('ro');
  return result;
}

function cleanTarget(target: string): string {
  if (!posix.isAbsolute(target))
    throw badRequest(`invalid mount config: mount path must be absolute: ${target}`);
  const clean = posix.normalize(target);
  if (clean === '/') throw badRequest(`invalid specification: destination can't be '/'`);
  return clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
}
