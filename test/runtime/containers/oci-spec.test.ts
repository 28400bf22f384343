import { describe, expect, it } from 'vitest';
import {
  capabilityMask,
  containerCapabilities,
  DEFAULT_CAPABILITIES,
} from '../../../runtime/containers/capabilities.js';
import { buildOciSpec, type OciSpecInput } from '../../../runtime/containers/oci-spec.js';

function input(overrides: Partial<OciSpecInput> = {}): OciSpecInput {
  return {
    args: ['sh', '-c', 'true'],
    env: ['PATH=/bin'],
    cwd: '/',
    user: { uid: 0, gid: 0, additionalGids: [], home: '/root' },
    terminal: false,
    hostname: 'web',
    rootfs: '/data/c/rootfs/merged',
    hostConfig: {},
    mounts: [],
    etcFiles: { hostname: '/data/c/hostname', hosts: '/data/c/hosts', resolvConf: '/data/c/resolv.conf' },
    ...overrides,
  };
}

describe('capabilities: Docker defaults, CapAdd, CapDrop', () => {
  it('the default set is the fourteen, CapEff a80425fb', () => {
    expect(containerCapabilities({})).toHaveLength(14);
    expect(new Set(containerCapabilities({}))).toEqual(new Set(DEFAULT_CAPABILITIES));
    expect(capabilityMask(containerCapabilities({}))).toBe('00000000a80425fb');
  });

  it.each([
    {
      name: 'add by short lower-case name',
      options: { capAdd: ['net_admin'] },
      has: ['CAP_NET_ADMIN', 'CAP_CHOWN'],
      lacks: [],
    },
    {
      name: 'drop',
      options: { capDrop: ['CHOWN', 'CAP_KILL'] },
      has: ['CAP_SETUID'],
      lacks: ['CAP_CHOWN', 'CAP_KILL'],
    },
    {
      name: 'drop ALL keeps what is added',
      options: { capDrop: ['ALL'], capAdd: ['NET_BIND_SERVICE'] },
      has: ['CAP_NET_BIND_SERVICE'],
      lacks: ['CAP_CHOWN'],
    },
    { name: 'add ALL', options: { capAdd: ['ALL'] }, has: ['CAP_SYS_ADMIN', 'CAP_BPF'], lacks: [] },
    {
      name: 'privileged',
      options: { privileged: true, capDrop: ['ALL'] },
      has: ['CAP_SYS_ADMIN'],
      lacks: [],
    },
  ])('$name', ({ options, has, lacks }) => {
    const caps = containerCapabilities(options);
    for (const name of has) expect(caps).toContain(name);
    for (const name of lacks) expect(caps).not.toContain(name);
  });

  it('refuses an unknown capability (400)', () => {
    expect(() => containerCapabilities({ capAdd: ['CAP_FLY'] })).toThrow(
      expect.objectContaining({ statusCode: 400 }),
    );
  });
});

describe('buildOciSpec', () => {
  it('Docker defaults: caps in three sets, masked and read-only /proc, its own mount/pid/ipc/uts namespaces', () => {
    const spec = buildOciSpec(input());
    expect(spec.process.capabilities.effective).toEqual(spec.process.capabilities.bounding);
    expect(spec.process.capabilities.permitted).toHaveLength(14);
    expect(spec.linux.maskedPaths).toContain('/proc/kcore');
    expect(spec.linux.maskedPaths).toContain('/sys/firmware');
    expect(spec.linux.readonlyPaths).toEqual([
      '/proc/bus',
      '/proc/fs',
      '/proc/irq',
      '/proc/sys',
      '/proc/sysrq-trigger',
    ]);
    expect(spec.linux.namespaces).toEqual([
      { type: 'mount' },
      { type: 'pid' },
      { type: 'ipc' },
      { type: 'uts' },
    ]);
    expect(spec.hostname).toBe('web');
    expect(spec.process.noNewPrivileges).toBe(false);
    expect(spec.process.rlimits).toBeUndefined();
    expect(spec.root).toEqual({ path: '/data/c/rootfs/merged', readonly: false });
  });

  it('default mounts, then the /etc files, then the request mounts parents first', () => {
    const spec = buildOciSpec(
      input({
        mounts: [
          { destination: '/data/sub', type: 'bind', source: '/h/sub', options: ['rbind', 'rprivate'] },
          { destination: '/data', type: 'bind', source: '/h/data', options: ['rbind', 'rprivate', 'ro'] },
        ],
      }),
    );
    expect(spec.mounts.map((mount) => mount.destination)).toEqual([
      '/proc',
      '/dev',
      '/dev/pts',
      '/sys',
      '/sys/fs/cgroup',
      '/dev/mqueue',
      '/dev/shm',
      '/etc/hostname',
      '/etc/hosts',
      '/etc/resolv.conf',
      '/data',
      '/data/sub',
    ]);
    expect(spec.mounts.find((mount) => mount.destination === '/etc/hosts')).toEqual({
      destination: '/etc/hosts',
      type: 'bind',
      source: '/data/c/hosts',
      options: ['rbind', 'rprivate'],
    });
    expect(spec.mounts.find((mount) => mount.destination === '/dev/shm')?.options).toContain('size=67108864');
  });

  it('a request mount replaces the default or /etc file at the same place', () => {
    const spec = buildOciSpec(
      input({
        mounts: [
          { destination: '/dev/shm', type: 'tmpfs', source: 'tmpfs', options: ['size=1m'] },
          { destination: '/etc/hosts', type: 'bind', source: '/mine', options: ['rbind'] },
        ],
      }),
    );
    expect(spec.mounts.filter((mount) => mount.destination === '/dev/shm')).toEqual([
      { destination: '/dev/shm', type: 'tmpfs', source: 'tmpfs', options: ['size=1m'] },
    ]);
    expect(spec.mounts.filter((mount) => mount.destination === '/etc/hosts')).toHaveLength(1);
  });

  it.each([
    {
      name: 'NetworkMode none gets an empty network namespace',
      hostConfig: { NetworkMode: 'none' },
      expected: [{ type: 'network' }],
    },
    {
      name: 'PidMode host shares the engine pid namespace',
      hostConfig: { PidMode: 'host' },
      expectedMissing: 'pid',
    },
    { name: 'UTSMode host sets no hostname', hostConfig: { UTSMode: 'host' }, expectedMissing: 'uts' },
  ])('$name', ({ hostConfig, expected, expectedMissing }) => {
    const spec = buildOciSpec(input({ hostConfig }));
    if (expected) expect(spec.linux.namespaces).toEqual(expect.arrayContaining(expected));
    if (expectedMissing)
      expect(spec.linux.namespaces.map((namespace) => namespace.type)).not.toContain(expectedMissing);
    if (expectedMissing === 'uts') expect(spec.hostname).toBeUndefined();
  });

  it('joins another container namespace by path', () => {
    const spec = buildOciSpec(
      input({ hostConfig: { NetworkMode: 'container:db' }, namespacePaths: { network: '/proc/42/ns/net' } }),
    );
    expect(spec.linux.namespaces).toContainEqual({ type: 'network', path: '/proc/42/ns/net' });
  });

  it('user, cwd, read-only rootfs, no-new-privileges, ulimits, sysctls, shm size', () => {
    const spec = buildOciSpec(
      input({
        user: { uid: 1000, gid: 1000, additionalGids: [50], home: '/home/app' },
        cwd: '/srv',
        hostConfig: {
          ReadonlyRootfs: true,
          SecurityOpt: ['no-new-privileges:true'],
          Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }],
          Sysctls: { 'net.ipv4.ip_forward': '1' },
          ShmSize: 1024 * 1024,
        },
      }),
    );
    expect(spec.process.user).toEqual({ uid: 1000, gid: 1000, additionalGids: [50] });
    expect(spec.process.cwd).toBe('/srv');
    expect(spec.root.readonly).toBe(true);
    expect(spec.process.noNewPrivileges).toBe(true);
    expect(spec.process.rlimits).toEqual([{ type: 'RLIMIT_NOFILE', soft: 1024, hard: 2048 }]);
    expect(spec.linux.sysctl).toEqual({ 'net.ipv4.ip_forward': '1' });
    expect(spec.mounts.find((mount) => mount.destination === '/dev/shm')?.options).toContain('size=1048576');
  });

  it('privileged: every capability, nothing masked, /sys writable', () => {
    const spec = buildOciSpec(input({ hostConfig: { Privileged: true } }));
    expect(spec.process.capabilities.effective).toContain('CAP_SYS_ADMIN');
    expect(spec.linux.maskedPaths).toEqual([]);
    expect(spec.linux.readonlyPaths).toEqual([]);
    expect(spec.mounts.find((mount) => mount.destination === '/sys')?.options).toContain('rw');
  });

  it('Init runs the command under the bound init', () => {
    const spec = buildOciSpec(input({ hostConfig: { Init: true }, initBinary: '/usr/bin/catatonit' }));
    expect(spec.process.args).toEqual(['/sbin/docker-init', '--', 'sh', '-c', 'true']);
    expect(spec.mounts).toContainEqual({
      destination: '/sbin/docker-init',
      type: 'bind',
      source: '/usr/bin/catatonit',
      options: ['rbind', 'ro', 'rprivate'],
    });
  });
});
