/**
 * The OCI runtime spec (the bundle's config.json) for one container, shaped like the spec Docker
 * hands runc (moby `oci/defaults.go` and `daemon/oci_linux.go`): Docker's default mounts (/proc,
 * /dev, /dev/pts, /dev/shm, /dev/mqueue, /sys, /sys/fs/cgroup), the container's /etc/hostname,
 * /etc/hosts and /etc/resolv.conf bound from its folder, the request's mounts (parents before
 * children), the default capabilities, masked and read-only /proc paths, and new mount, pid, ipc
 * and uts namespaces.
 *
 * Rootless differences, on purpose:
 * - no user namespace of its own: the container shares the engine's, so its uid 0 is the user's
 *   uid on the host and the subordinate range covers the rest;
 * - the network namespace comes from the networks (runtime/network): a bridge network's container
 *   joins the namespace its sandbox bind-mounted (`namespacePaths.network`); `host` stays in the
 *   engine's (rootlesskit's); `none` gets an empty one, `container:<id>` joins another's;
 * - no cgroup path and no resources: the user cannot write this host's v1 cgroups, and runc
 *   ignores cgroup errors for rootless containers that ask for nothing;
 * - no rlimits unless `Ulimits` asks: a user namespace cannot raise a hard limit, so the
 *   container inherits the engine's;
 * - no seccomp profile yet.
 *
 * Pure: every path and value comes in through `OciSpecInput`.
 */
import type { HostConfig } from '../api/engine-types.js';
import { containerCapabilities } from './capabilities.js';
import type { ResolvedUser } from './resolve-user.js';

export interface OciMount {
  destination: string;
  type: string;
  source: string;
  options?: string[];
}

type NamespaceType = 'pid' | 'network' | 'ipc' | 'uts' | 'mount';

export interface OciSpec {
  ociVersion: string;
  process: {
    terminal: boolean;
    user: { uid: number; gid: number; additionalGids?: number[] };
    args: string[];
    env: string[];
    cwd: string;
    capabilities: { bounding: string[]; effective: string[]; permitted: string[] };
    rlimits?: { type: string; hard: number; soft: number }[];
    noNewPrivileges: boolean;
    oomScoreAdj?: number;
  };
  root: { path: string; readonly: boolean };
  hostname?: string;
  domainname?: string;
  mounts: OciMount[];
  linux: {
    namespaces: { type: NamespaceType; path?: string }[];
    maskedPaths: string[];
    readonlyPaths: string[];
    sysctl?: Record<string, string>;
  };
}

export interface OciSpecInput {
  args: readonly string[];
  env: readonly string[];
  cwd: string;
  user: ResolvedUser;
  terminal: boolean;
  hostname: string;
  domainname?: string;
  /** The merged rootfs on the host side. */
  rootfs: string;
  hostConfig: HostConfig;
  /** The request's mounts, resolved to host paths. */
  mounts: readonly OciMount[];
  /** Host paths of the container's own /etc files. */
  etcFiles: { hostname: string; hosts: string; resolvConf: string };
  /** Namespaces joined rather than created (`container:<id>` modes): type → /proc/<pid>/ns/<type>. */
  namespacePaths?: Partial<Record<Exclude<NamespaceType, 'mount'>, string>>;
  /** Host path of a static init (catatonit) for `HostConfig.Init`. */
  initBinary?: string;
}

export const DEFAULT_MASKED_PATHS: readonly string[] = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/interrupts',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
  '/sys/devices/virtual/powercap',
];

export const DEFAULT_READONLY_PATHS: readonly string[] = [
  '/proc/bus',
  '/proc/fs',
  '/proc/irq',
  '/proc/sys',
  '/proc/sysrq-trigger',
];

/** Where `HostConfig.Init` mounts the init, as Docker does. */
export const INIT_PATH = '/sbin/docker-init';

const DEFAULT_SHM_SIZE = 64 * 1024 * 1024;

export function buildOciSpec(input: OciSpecInput): OciSpec {
  const host = input.hostConfig;
  const caps = containerCapabilities({
    capAdd: host.CapAdd,
    capDrop: host.CapDrop,
    privileged: host.Privileged,
  });
  const namespaces = containerNamespaces(host, input.namespacePaths ?? {});
  const ownUts = namespaces.some((namespace) => namespace.type === 'uts' && !namespace.path);
  const init = host.Init && input.initBinary;
  const spec: OciSpec = {
    ociVersion: '1.0.2',
    process: {
      terminal: input.terminal,
      user: {
        uid: input.user.uid,
        gid: input.user.gid,
        ...(input.user.additionalGids.length > 0 ? { additionalGids: input.user.additionalGids } : {}),
      },
      args: init ? [INIT_PATH, '--', ...input.args] : [...input.args],
      env: [...input.env],
      cwd: input.cwd || '/',
      capabilities: { bounding: caps, effective: caps, permitted: caps },
      noNewPrivileges: noNewPrivileges(host.SecurityOpt),
    },
    root: { path: input.rootfs, readonly: host.ReadonlyRootfs ?? false },
    mounts: containerMounts(input, init ? input.initBinary : undefined),
    linux: {
      namespaces,
      maskedPaths: host.Privileged ? [] : [...(host.MaskedPaths ?? DEFAULT_MASKED_PATHS)],
      readonlyPaths: host.Privileged ? [] : [...(host.ReadonlyPaths ?? DEFAULT_READONLY_PATHS)],
    },
  };
  if (ownUts) {
    spec.hostname = input.hostname;
    if (input.domainname) spec.domainname = input.domainname;
  }
  const rlimits = (host.Ulimits ?? []).map((limit) => ({
    type: `RLIMIT_${(limit.Name ?? '').toUpperCase()}`,
    soft: limit.Soft ?? 0,
    hard: limit.Hard ?? 0,
  }));
  if (rlimits.length > 0) spec.process.rlimits = rlimits;
  if (host.OomScoreAdj) spec.process.oomScoreAdj = host.OomScoreAdj;
  if (host.Sysctls && Object.keys(host.Sysctls).length > 0) spec.linux.sysctl = { ...host.Sysctls };
  return spec;
}

function containerNamespaces(
  host: HostConfig,
  paths: Partial<Record<Exclude<NamespaceType, 'mount'>, string>>,
): { type: NamespaceType; path?: string }[] {
  const result: { type: NamespaceType; path?: string }[] = [{ type: 'mount' }];
  const add = (
    type: Exclude<NamespaceType, 'mount'>,
    mode: string | undefined,
    ownByDefault: boolean,
  ): void => {
    const path = paths[type];
    if (path) result.push({ type, path });
    else if (mode === 'host') return;
    else if (ownByDefault || mode === 'none') result.push({ type });
  };
  add('pid', host.PidMode, true);
  add('ipc', host.IpcMode, true);
  add('uts', host.UTSMode, true);
  // Bridge networks arrive as a path; without one (`host`, or no networks) it is the engine's own.
  add('network', host.NetworkMode, false);
  return result;
}

function containerMounts(input: OciSpecInput, initBinary: string | undefined): OciMount[] {
  const host = input.hostConfig;
  const shmSize = host.ShmSize && host.ShmSize > 0 ? host.ShmSize : DEFAULT_SHM_SIZE;
  const defaults: OciMount[] = [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    {
      destination: '/dev',
      type: 'tmpfs',
      source: 'tmpfs',
      options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'],
    },
    {
      destination: '/dev/pts',
      type: 'devpts',
      source: 'devpts',
      options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'],
    },
    {
      destination: '/sys',
      type: 'sysfs',
      source: 'sysfs',
      options: ['nosuid', 'noexec', 'nodev', host.Privileged ? 'rw' : 'ro'],
    },
    {
      destination: '/sys/fs/cgroup',
      type: 'cgroup',
      source: 'cgroup',
      options: ['ro', 'nosuid', 'noexec', 'nodev'],
    },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    {
      destination: '/dev/shm',
      type: 'tmpfs',
      source: 'shm',
      options: ['nosuid', 'noexec', 'nodev', 'mode=1777', `size=${shmSize}`],
    },
  ];
  const requested = new Set(input.mounts.map((mount) => mount.destination));
  const etc: OciMount[] = [
    {
      destination: '/etc/hostname',
      type: 'bind',
      source: input.etcFiles.hostname,
      options: ['rbind', 'rprivate'],
    },
    { destination: '/etc/hosts', type: 'bind', source: input.etcFiles.hosts, options: ['rbind', 'rprivate'] },
    {
      destination: '/etc/resolv.conf',
      type: 'bind',
      source: input.etcFiles.resolvConf,
      options: ['rbind', 'rprivate'],
    },
  ];
  const init: OciMount[] = initBinary
    ? [{ destination: INIT_PATH, type: 'bind', source: initBinary, options: ['rbind', 'ro', 'rprivate'] }]
    : [];
  const user = [...input.mounts, ...init].sort((a, b) => depth(a.destination) - depth(b.destination));
  return [
    ...defaults.filter((mount) => !requested.has(mount.destination)),
    ...etc.filter((mount) => !requested.has(mount.destination)),
    ...user,
  ];
}

function depth(path: string): number {
  return path.split('/').filter(Boolean).length;
}

function noNewPrivileges(securityOpt: readonly string[] | null | undefined): boolean {
  return (securityOpt ?? []).some((option) => /^no-new-privileges(?:[:=]true)?$/.test(option));
}
