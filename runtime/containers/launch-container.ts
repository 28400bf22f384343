/**
 * One run of a container, from a stopped record to a running process: mount the rootfs, seed fresh
 * volumes, resolve the user in the image's own /etc/passwd, create the working directory, write
 * the bundle's config.json, start conmon (which runs `runc create`), then, once the caller's
 * `beforeStart` (the network namespace's addresses and ports) is done, `runc start`. The two halves
 * are apart (`createContainer`, `startCreated`) so that a created container can be prepared ahead
 * of its start (see `ContainerService.prewarm`).
 *
 * The spec is written at each start, as Docker does, because it depends on the mounted rootfs
 * (the user's ids) and on other containers (`container:<id>` namespaces). On failure the rootfs is
 * unmounted again and the runtime's state removed, so a failed start leaves nothing running.
 */
import { mkdir, rm } from 'node:fs/promises';
import { mountRootfs, unmountRootfs } from '../storage/overlay-rootfs.js';
import { launchConmon, type LaunchedContainer } from './conmon.js';
import type { ContainerFiles, ContainerRecord } from './container-record.js';
import { buildOciSpec, type OciSpecInput } from './oci-spec.js';
import type { OciRuntime } from './oci-runtime.js';
import { processEnv } from './process-env.js';
import { resolveUser } from './resolve-user.js';
import { copyUpVolume } from './resolve-mounts.js';
import { mkdirInRoot, readFileInRoot } from './rootfs-paths.js';
import { writeFileReplace } from './write-file-replace.js';
import { trace } from '../api/trace.js';

export interface LaunchContext {
  runtime: OciRuntime;
  conmonPath: string;
  /** Where conmon puts its attach sockets. */
  socketDir: string;
  initBinary?: string;
  namespacePaths: OciSpecInput['namespacePaths'];
  /** Awaited between `runc create` and `runc start`: what must be in place before the process runs. */
  beforeStart?: () => Promise<void>;
}

export async function launchContainer(
  record: ContainerRecord,
  files: ContainerFiles,
  context: LaunchContext,
): Promise<LaunchedContainer> {
  const launched = await createContainer(record, files, context);
  await startCreated(record, files, context);
  return launched;
}

/**
 * The second half of a launch, for a container whose `createContainer` is done (at once, or ahead
 * of time while it sat `created`): `beforeStart`, then `runc start`. On failure the runtime's
 * container is deleted and the rootfs unmounted, as for a failed `createContainer`.
 */
export async function startCreated(
  record: ContainerRecord,
  files: ContainerFiles,
  context: Pick<LaunchContext, 'runtime' | 'beforeStart'>,
): Promise<void> {
  try {
    await context.beforeStart?.();
    await context.runtime.start(record.Id);
    trace(`launch ${record.Name} runc-started`);
  } catch (error) {
    await cleanUp(record, files, context.runtime);
    throw error;
  }
}

/**
 * Everything up to `runc create` under conmon: the container exists, its process waits in
 * `runc init` until `runc start`. Leaves nothing behind when it fails.
 */
export async function createContainer(
  record: ContainerRecord,
  files: ContainerFiles,
  context: LaunchContext,
): Promise<LaunchedContainer> {
  await Promise.all([
    mkdir(files.bundle, { recursive: true }),
    mkdir(files.exitDir, { recursive: true }),
    mkdir(context.socketDir, { recursive: true }),
  ]);
  await Promise.all([
    rm(files.exitFile, { force: true }),
    rm(files.pidFile, { force: true }),
    rm(files.conmonPidFile, { force: true }),
  ]);
  const step = (what: string): void => trace(`launch ${record.Name} ${what}`);
  step('dirs');
  await context.runtime.delete(record.Id);
  step('runtime-deleted');
  await mountRootfs(files.rootfs, record.Storage.layerDirs, record.Storage.driver);
  step('mounted');
  try {
    const root = files.rootfs.merged;
    for (const mount of record.Mounts) {
      if (mount.copyUp) {
        await copyUpVolume(root, mount.point.Destination, mount.oci.source);
        mount.copyUp = false;
      }
    }
    const user = resolveUser(
      record.Config.User ?? '',
      await readFileInRoot(root, '/etc/passwd'),
      await readFileInRoot(root, '/etc/group'),
      record.HostConfig.GroupAdd ?? [],
    );
    const cwd = record.Config.WorkingDir || '/';
    await mkdirInRoot(root, cwd);
    const hostname = record.Config.Hostname ?? record.Id.slice(0, 12);
    const spec = buildOciSpec({
      args: [record.Path, ...record.Args],
      env: processEnv({ env: record.Config.Env ?? [], hostname, tty: record.Config.Tty ?? false }),
      cwd,
      user,
      terminal: record.Config.Tty ?? false,
      hostname,
      ...(record.Config.Domainname ? { domainname: record.Config.Domainname } : {}),
      rootfs: root,
      hostConfig: record.HostConfig,
      mounts: record.Mounts.map((mount) => mount.oci),
      etcFiles: { hostname: files.hostname, hosts: files.hosts, resolvConf: files.resolvConf },
      namespacePaths: context.namespacePaths,
      ...(context.initBinary ? { initBinary: context.initBinary } : {}),
    });
    step('spec-built');
    // Written at every start, so a lost one is written again before runc reads it.
    await writeFileReplace(files.spec, JSON.stringify(spec, null, 2) + '\n');
    step('spec-written');
    const launched = await launchConmon(
      {
        id: record.Id,
        name: record.Name.slice(1),
        conmonPath: context.conmonPath,
        runtimePath: context.runtime.path,
        runtimeRoot: context.runtime.root,
        bundle: files.bundle,
        pidFile: files.pidFile,
        conmonPidFile: files.conmonPidFile,
        logPath: files.log,
        exitDir: files.exitDir,
        socketDir: context.socketDir,
        terminal: record.Config.Tty ?? false,
      },
      files.conmonLog,
    );
    step('conmon-created');
    return launched;
  } catch (error) {
    await cleanUp(record, files, context.runtime);
    throw error;
  }
}

/** Clean-up after a failed start: its own failures would hide the error that matters. */
async function cleanUp(record: ContainerRecord, files: ContainerFiles, runtime: OciRuntime): Promise<void> {
  await runtime.delete(record.Id).catch(() => undefined);
  await unmountRootfs(files.rootfs).catch(() => undefined);
}
