/**
 * The engine as the stock docker CLI (v28) sees it, through DOCKER_HOST: the Engine API subset
 * that compose needs, real images from a real registry, real containers in the user's own user
 * namespace. Run once per storage driver: native overlay, then fuse-overlayfs forced, because many
 * users' kernels lack the first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentEnginePaths } from '../../runtime/host/current-engine-paths.js';
import { docker, dockerOk, tscompose } from './support/commands.js';

/** Docker's default capability set, as /proc/self/status prints CapEff. */
const DOCKER_DEFAULT_CAP_EFF = '00000000a80425fb';

/**
 * Files of the host's root that the user must not read: scripts/prepare-tests.sh makes the first
 * (root, 0600) when the suite is run as root; Debian's /etc/shadow (root:shadow, 0640) stands in
 * when a developer runs the suite as themselves.
 */
const ROOT_ONLY_FILES = ['/tmp/tscompose-test-root-only', '/etc/shadow'];

/** Files Docker masks with /dev/null (moby's oci/defaults.go); directories are checked apart. */
const MASKED_PROC_FILES = [
  '/proc/kcore',
  '/proc/keys',
  '/proc/timer_list',
  '/proc/sched_debug',
  '/proc/latency_stats',
];

const busybox = inject('busybox');

async function inspectContainer(id: string): Promise<ContainerInspectView> {
  return (JSON.parse(await dockerOk(['inspect', id])) as ContainerInspectView[])[0] as ContainerInspectView;
}

interface ContainerInspectView {
  Id: string;
  RestartCount: number;
  State: { Status: string; Running: boolean; Pid: number; ExitCode: number; Health?: { Status: string } };
}

describe.each(['overlay', 'fuse-overlayfs'] as const)('the engine with %s storage', (driver) => {
  const env = { TSCOMPOSE_STORAGE_DRIVER: driver };

  beforeAll(async () => {
    // A fresh engine per driver: the driver is chosen when the engine starts.
    await tscompose(['engine', 'stop']);
    const started = await tscompose(['engine', 'start'], { env });
    expect(started.code, started.stderr).toBe(0);
  });

  afterAll(async () => {
    const all = (await dockerOk(['ps', '-aq'])).split('\n').filter(Boolean);
    if (all.length > 0) await dockerOk(['rm', '-f', ...all]);
  });

  it('answers docker version and docker info', async () => {
    const version = JSON.parse(await dockerOk(['version', '--format', '{{json .}}'])) as {
      Server: { ApiVersion: string } | null;
    };
    expect(version.Server?.ApiVersion).toMatch(/^1\.\d+$/);
    const info = JSON.parse(await dockerOk(['info', '--format', '{{json .}}'])) as { Driver: string };
    expect(info.Driver).toBe(driver);
  });

  it('pulls the image with the digest the registry serves, and lists it', async () => {
    const pulled = await dockerOk(['pull', busybox.reference]);
    expect(pulled).toContain(`Digest: ${busybox.digest}`);
    const digests = await dockerOk([
      'images',
      '--digests',
      '--format',
      '{{.Repository}}:{{.Tag}} {{.Digest}}',
    ]);
    expect(digests).toContain(`${busybox.reference} ${busybox.digest}`);
  });

  it('runs a container to completion with --rm and returns its exit code', async () => {
    const result = await docker(['run', '--rm', busybox.reference, 'sh', '-c', 'echo hello; exit 3']);
    expect(result.stdout).toBe('hello\n');
    expect(result.code).toBe(3);
    expect(await dockerOk(['ps', '-aq'])).toBe('');
  });

  it('runs a detached container that ps, logs, inspect, stop and rm see', async () => {
    const id = await dockerOk([
      'run',
      '-d',
      '--name',
      `ticker-${driver}`,
      busybox.reference,
      'sh',
      '-c',
      'echo up; exec sleep 600',
    ]);
    expect(await dockerOk(['ps', '--format', '{{.ID}} {{.Names}}'])).toContain(
      `${id.slice(0, 12)} ticker-${driver}`,
    );
    await expect.poll(() => dockerOk(['logs', id])).toBe('up');
    expect((await inspectContainer(id)).State).toMatchObject({ Status: 'running', Running: true });
    await dockerOk(['stop', '-t', '1', id]);
    // sleep ignores nothing: SIGTERM ends it, so it exits 143 rather than being killed.
    expect((await inspectContainer(id)).State).toMatchObject({ Status: 'exited', Running: false });
    expect(await dockerOk(['ps', '-a', '--format', '{{.Names}} {{.State}}'])).toContain(
      `ticker-${driver} exited`,
    );
    await dockerOk(['rm', id]);
    expect((await docker(['inspect', id])).code).toBe(1);
  });

  it('creates, lists and removes a volume, which keeps data between containers', async () => {
    const name = `data-${driver}`;
    await dockerOk(['volume', 'create', name]);
    expect(await dockerOk(['volume', 'ls', '--format', '{{.Name}}'])).toContain(name);
    await dockerOk([
      'run',
      '--rm',
      '-v',
      `${name}:/data`,
      busybox.reference,
      'sh',
      '-c',
      'echo kept > /data/file',
    ]);
    expect(
      await dockerOk(['run', '--rm', '-v', `${name}:/data`, busybox.reference, 'cat', '/data/file']),
    ).toBe('kept');
    await dockerOk(['volume', 'rm', name]);
    expect(await dockerOk(['volume', 'ls', '--format', '{{.Name}}'])).not.toContain(name);
  });

  it("maps the container's root to the user's own uid on the host", async () => {
    // Read from inside, uid_map shows where the container's uids land in the parent namespace.
    const uidMap = await dockerOk(['run', '--rm', busybox.reference, 'cat', '/proc/self/uid_map']);
    expect(uidMap.split('\n')[0]?.trim().split(/\s+/)).toEqual(['0', String(process.getuid?.()), '1']);
  });

  it('lets an unprivileged user in the container read /etc/hosts, resolv.conf and hostname', async () => {
    const read = await docker([
      'run',
      '--rm',
      '--user',
      'nobody',
      busybox.reference,
      'cat',
      '/etc/hosts',
      '/etc/resolv.conf',
      '/etc/hostname',
    ]);
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toContain('localhost');
  });

  // Run as root, the engine's user is root, who may read root's files: the point is moot.
  it.skipIf(process.getuid?.() === 0)(
    "cannot read a host file of root's with mode 0600 through a bind mount",
    async () => {
      const secret = ROOT_ONLY_FILES.find((file) => existsSync(file));
      expect(secret, `none of ${ROOT_ONLY_FILES.join(', ')} exists`).toBeDefined();
      const result = await docker([
        'run',
        '--rm',
        '-v',
        `${secret}:/secret:ro`,
        busybox.reference,
        'cat',
        '/secret',
      ]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/Permission denied/);
    },
  );

  // Firecracker's kernel has no /proc/kcore: a path the kernel lacks cannot be covered, so the
  // check takes Docker's masked /proc files that exist on this host (kcore wherever it exists).
  it('masks /proc/kcore and the other sensitive /proc files, and gives the default capabilities', async () => {
    const present = MASKED_PROC_FILES.filter((file) => existsSync(file));
    expect(present.length).toBeGreaterThan(0);
    const script = present.map((file) => `printf '%s %s\\n' ${file} "$(wc -c < ${file})"`).join('; ');
    const sizes = await dockerOk(['run', '--rm', busybox.reference, 'sh', '-c', script]);
    expect(sizes.split('\n')).toEqual(present.map((file) => `${file} 0`));
    const mounts = await dockerOk(['run', '--rm', busybox.reference, 'cat', '/proc/self/mountinfo']);
    const covered = mounts.split('\n').map((line) => line.split(' ')[4]);
    expect(covered).toEqual(expect.arrayContaining(present));
    const status = await dockerOk(['run', '--rm', busybox.reference, 'cat', '/proc/self/status']);
    expect(/^CapEff:\s+(\w+)$/m.exec(status)?.[1]).toBe(DOCKER_DEFAULT_CAP_EFF);
  });

  it('turns a failing healthcheck unhealthy within interval × retries', async () => {
    const id = await dockerOk([
      'run',
      '-d',
      '--health-cmd',
      'exit 1',
      '--health-interval',
      '1s',
      '--health-retries',
      '2',
      '--health-timeout',
      '1s',
      busybox.reference,
      'sleep',
      '600',
    ]);
    await expect
      .poll(async () => (await inspectContainer(id)).State.Health?.Status, {
        timeout: 2_000 + 2 * 1_000 + 2_000,
      })
      .toBe('unhealthy');
  });

  it('restarts an on-failure:3 container exactly three times', async () => {
    const id = await dockerOk([
      'run',
      '-d',
      '--restart',
      'on-failure:3',
      busybox.reference,
      'sh',
      '-c',
      'exit 1',
    ]);
    await expect
      .poll(
        async () => {
          const view = await inspectContainer(id);
          return { restarts: view.RestartCount, status: view.State.Status, code: view.State.ExitCode };
        },
        { timeout: 20_000 },
      )
      .toEqual({ restarts: 3, status: 'exited', code: 1 });
    // And no fourth time.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await inspectContainer(id)).RestartCount).toBe(3);
  });

  it('keeps a container running when the engine is killed, and finds it again', async () => {
    const id = await dockerOk(['run', '-d', busybox.reference, 'sleep', '600']);
    const before = await inspectContainer(id);
    const enginePid = Number(readFileSync(currentEnginePaths().pidFile, 'utf8').trim());
    process.kill(enginePid, 'SIGKILL');
    // The container's process is still there while no engine runs.
    expect(() => process.kill(before.State.Pid, 0)).not.toThrow();
    const restarted = await tscompose(['engine', 'start'], { env });
    expect(restarted.code, restarted.stderr).toBe(0);
    expect((await inspectContainer(id)).State).toMatchObject({ Status: 'running', Pid: before.State.Pid });
    expect(await dockerOk(['ps', '-q', '--no-trunc'])).toContain(id);
  });
});
