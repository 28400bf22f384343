/**
 * The container steps, run inside the user's namespaces (uid 0 there, the test user outside) by
 * enter-namespace.ts. Each step is a fresh process that builds a `ContainerService` and calls
 * `recover()` first, as a restarted engine does, then prints one JSON line of what it observed.
 * Some steps leave containers running on purpose and exit: the next step, another process, must
 * find them.
 *
 * TSC_TEST_STORAGE_DRIVER picks overlay or fuse-overlayfs for the containers created.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerCreateRequest, EngineEvent } from '../../../../runtime/api/engine-types.js';
import { ContainerService } from '../../../../runtime/containers/container-service.js';
import { currentEnginePaths } from '../../../../runtime/host/current-engine-paths.js';
import type { StorageDriver } from '../../../../runtime/storage/overlay-rootfs.js';
import { VolumeService } from '../../../../runtime/storage/volume-service.js';
import { busyboxImage } from './busybox-image.js';

const paths = currentEnginePaths();
const driver = (process.env.TSC_TEST_STORAGE_DRIVER ?? 'overlay') as StorageDriver;
const events: EngineEvent[] = [];
const listeners = new Set<(event: EngineEvent) => void>();
const volumes = new VolumeService(join(paths.dataDir, 'volumes'));
const service = new ContainerService({
  paths,
  images: await busyboxImage(paths.dataDir),
  volumes,
  ociRuntime: 'runc',
  storageDriver: driver,
  hostGateway: '10.0.2.2',
  emit: (event) => {
    events.push(event);
    for (const listener of listeners) listener(event);
  },
});
await service.recover();

const SECOND = 1_000_000_000;

async function run(
  request: Omit<ContainerCreateRequest, 'Image'>,
  name?: string,
): Promise<{ id: string; exitCode: number; logs: string }> {
  const { Id } = await service.create({ Image: 'busybox', ...request }, name);
  const exited = service.wait(Id, 'next-exit');
  await service.start(Id);
  const { StatusCode } = await exited;
  return { id: Id, exitCode: StatusCode, logs: await logText(Id) };
}

async function logText(id: string, options: Parameters<ContainerService['logs']>[1] = {}): Promise<string> {
  let text = '';
  for await (const entry of service.logs(id, options)) text += entry.data.toString();
  return text;
}

function nextEvent(predicate: (event: EngineEvent) => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms`)), timeoutMs);
    const listener = (event: EngineEvent): void => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      listeners.delete(listener);
      resolve(Date.now() - started);
    };
    listeners.add(listener);
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const actions = (id: string): string[] =>
  events.filter((event) => event.Actor.ID === id).map((event) => event.Action);

const IDENTITY_SCRIPT = [
  'echo "uid_map=$(head -n1 /proc/self/uid_map | tr -s " ")"',
  'echo "id=$(id -u)"',
  'grep CapEff /proc/self/status',
  'echo "kcore_exists=$(test -e /proc/kcore && echo yes || echo no)"',
  'echo "kcore_bytes=$(head -c 16 /proc/kcore 2>/dev/null | wc -c)"',
  'echo "keys_bytes=$(cat /proc/keys 2>/dev/null | wc -c)"',
  'echo "hostname=$(hostname)"',
  'echo "hosts=$(grep -c localhost /etc/hosts)"',
  'echo "resolv=$(grep nameserver /etc/resolv.conf | head -n1)"',
  'if [ -e /secret/file ]; then cat /secret/file >/dev/null 2>&1 && echo secret=read || echo secret=denied; fi',
  'echo "sys_ro=$(touch /sys/x 2>/dev/null && echo no || echo yes)"',
  'cat /proc/self/mountinfo',
].join('\n');

const steps: Record<string, (...args: string[]) => Promise<unknown>> = {
  /** uid mapping, capabilities, masked paths, the /etc files, a host-root file through a bind. */
  identity: async (secretDir = '') => {
    const request: Omit<ContainerCreateRequest, 'Image'> = {
      Cmd: ['sh', '-c', IDENTITY_SCRIPT],
      Hostname: 'probe',
      HostConfig: secretDir ? { Binds: [`${secretDir}:/secret:ro`] } : {},
    };
    const result = await run(request);
    const inspect = await service.inspect(result.id);
    await service.remove(result.id);
    return {
      ...result,
      inspect: {
        State: inspect.State,
        Driver: inspect.Driver,
        Mounts: inspect.Mounts,
        Path: inspect.Path,
        Args: inspect.Args,
      },
    };
  },

  /** `User: app` (1000 in the image): the process's pid, to read its host uid from outside. */
  'user-start': async () => {
    const { Id } = await service.create({ Image: 'busybox', User: 'app', Cmd: ['sleep', '30'] });
    await service.start(Id);
    const inspect = await service.inspect(Id);
    return {
      id: Id,
      pid: inspect.State.Pid,
      statusUid: (await readFile(`/proc/${inspect.State.Pid}/status`, 'utf8')).match(/^Uid:\s+(\d+)/m)?.[1],
    };
  },

  'on-failure': async () => {
    const { Id } = await service.create({
      Image: 'busybox',
      Cmd: ['sh', '-c', 'echo run; exit 3'],
      HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } },
    });
    await service.start(Id);
    await until(async () => (await service.inspect(Id)).State.Status === 'exited', 20_000);
    // The next back-off would be 800 ms; wait past it to show no fourth restart comes.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const inspect = await service.inspect(Id);
    return {
      restartCount: inspect.RestartCount,
      state: inspect.State,
      actions: actions(Id),
      runs: (await logText(Id)).split('\n').filter((line) => line === 'run').length,
    };
  },

  healthcheck: async () => {
    const failing = await service.create({
      Image: 'busybox',
      Cmd: ['sleep', '60'],
      Healthcheck: {
        Test: ['CMD-SHELL', 'echo probing; exit 1'],
        Interval: 1 * SECOND,
        Timeout: 1 * SECOND,
        Retries: 3,
      },
    });
    const passing = await service.create({
      Image: 'busybox',
      Cmd: ['sleep', '60'],
      Healthcheck: { Test: ['CMD', 'true'], Interval: SECOND / 2 },
    });
    const unhealthy = nextEvent(
      (event) => event.Actor.ID === failing.Id && event.Action === 'health_status: unhealthy',
      20_000,
    );
    const healthy = nextEvent(
      (event) => event.Actor.ID === passing.Id && event.Action === 'health_status: healthy',
      20_000,
    );
    await service.start(failing.Id);
    await service.start(passing.Id);
    const startingStatus = (await service.inspect(failing.Id)).State.Health?.Status;
    const [unhealthyAfterMs, healthyAfterMs] = await Promise.all([unhealthy, healthy]);
    const failed = (await service.inspect(failing.Id)).State.Health;
    const list = await service.list({ all: true, filters: { health: ['unhealthy'] } });
    await service.remove(failing.Id, { force: true });
    await service.remove(passing.Id, { force: true });
    return {
      startingStatus,
      unhealthyAfterMs,
      healthyAfterMs,
      failed,
      unhealthyListed: list.map((row) => row.Id),
      status: list[0]?.Status,
    };
  },

  stop: async () => {
    const stubborn = await service.create({ Image: 'busybox', Cmd: ['sleep', '1000'] });
    const polite = await service.create({
      Image: 'busybox',
      Cmd: ['sh', '-c', 'trap "echo bye; exit 5" TERM; echo ready; while true; do sleep 0.1; done'],
    });
    const custom = await service.create({
      Image: 'busybox',
      StopSignal: 'SIGUSR1',
      Cmd: ['sh', '-c', 'trap "exit 7" USR1; while true; do sleep 0.1; done'],
    });
    for (const { Id } of [stubborn, polite, custom]) await service.start(Id);
    await until(async () => (await logText(polite.Id)).includes('ready'), 5000);
    const timed = async (id: string, options: { timeout?: number }) => {
      const started = Date.now();
      await service.stop(id, options);
      return {
        ms: Date.now() - started,
        exitCode: (await service.inspect(id)).State.ExitCode,
        actions: actions(id),
      };
    };
    const result = {
      stubborn: await timed(stubborn.Id, { timeout: 1 }),
      polite: { ...(await timed(polite.Id, {})), logs: await logText(polite.Id) },
      custom: await timed(custom.Id, {}),
      stopAgain: await service.stop(stubborn.Id).then(
        () => 'stopped',
        (error: { statusCode?: number }) => error.statusCode,
      ),
    };
    for (const { Id } of [stubborn, polite, custom]) await service.remove(Id);
    return result;
  },

  logs: async () => {
    const { Id } = await service.create({
      Image: 'busybox',
      Cmd: ['sh', '-c', 'for i in 1 2 3; do echo out$i; echo err$i >&2; sleep 0.3; done'],
    });
    await service.start(Id);
    const followed: { stream: string; text: string }[] = [];
    for await (const entry of service.logs(Id, { follow: true }))
      followed.push({ stream: entry.stream, text: entry.data.toString() });
    const tail = await logText(Id, { tail: 2 });
    const stdoutOnly = await logText(Id, { stderr: false });
    const state = (await service.inspect(Id)).State;
    await service.remove(Id);
    return { followed, tail, stdoutOnly, running: state.Running };
  },

  /** Starts a long-running container and exits: this process is the one that started it. */
  'start-detached': async (name = 'survivor', command = 'echo started; sleep 60') => {
    const { Id } = await service.create({ Image: 'busybox', Cmd: ['sh', '-c', command] }, name);
    await service.start(Id);
    const inspect = await service.inspect(Id);
    return { id: Id, pid: inspect.State.Pid, starterPid: process.pid };
  },

  /** A later process: what does the service find after `recover()`? */
  inspect: async (name = 'survivor') => {
    const inspect = await service.inspect(name);
    return { state: inspect.State, logs: await logText(name), actions: actions(inspect.Id) };
  },

  remove: async (name = 'survivor') => {
    await service.remove(name, { force: true, volumes: true });
    return { removed: name };
  },

  volumes: async () => {
    const writer = await run({
      Cmd: ['sh', '-c', 'echo kept > /data/file'],
      HostConfig: { Binds: ['shared-data:/data'] },
    });
    const reader = await run({
      Cmd: ['cat', '/data/file'],
      HostConfig: { Mounts: [{ Type: 'volume', Source: 'shared-data', Target: '/data', ReadOnly: true }] },
    });
    const anonymous = await run({
      Cmd: ['sh', '-c', 'touch /scratch/x'],
      HostConfig: { Binds: ['/scratch'] },
    });
    const anonymousName = (await service.inspect(anonymous.id)).Mounts[0]?.Name ?? '';
    const inUse = await volumes.remove('shared-data').then(
      () => 'removed',
      (error: { statusCode?: number; message?: string }) => `${error.statusCode}: ${error.message}`,
    );
    await service.remove(writer.id);
    await service.remove(reader.id);
    await volumes.remove('shared-data');
    await service.remove(anonymous.id, { volumes: true });
    return {
      reader,
      inUse,
      anonymousGone: !(await volumes.exists(anonymousName)),
      left: (await volumes.list()).map((volume) => volume.Name),
    };
  },

  /** Removes every container and volume this test made, from inside, where their files belong to us. */
  cleanup: async () => {
    const all = await service.list({ all: true, filters: {} });
    for (const { Id } of all) await service.remove(Id, { force: true, volumes: true });
    for (const volume of await volumes.list()) await volumes.remove(volume.Name);
    return { removed: all.length };
  },
};

const step = steps[process.argv[2] ?? ''];
if (step === undefined) {
  process.stderr.write(`usage: container-steps.ts ${Object.keys(steps).join('|')}\n`);
  process.exit(2);
}
try {
  process.stdout.write(`${JSON.stringify(await step(...process.argv.slice(3)))}\n`);
} finally {
  service.close();
}
process.exit(0);
