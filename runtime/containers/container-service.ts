/**
 * The engine's containers, Docker's verbs: create, start, stop, kill, restart, wait, remove, list,
 * inspect, logs. Records live on disk (`ContainerStore`) and in memory; each run is a runc
 * container under its own conmon (`launchContainer`), so containers outlive the engine, and
 * `recover` rebuilds this view after an engine restart.
 *
 * Supervision (exit files, restart policies, healthchecks) is `ContainerSupervisor`'s; this class
 * holds the records, the per-container lock and the waiters, and emits Docker's events.
 *
 * Errors the caller caused are `StatusError`s (404 no such container, 409 conflict, 304 nothing to
 * do, 400 bad request); the API layer maps their `statusCode`.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  ContainerCreateRequest,
  ContainerCreateResponse,
  ContainerInspect,
  ContainerListOptions,
  ContainerSummary,
  ContainerWaitResponse,
  EndpointSettings,
  EngineEvent,
  WaitCondition,
} from '../api/engine-types.js';
import { findProgram } from '../host/find-program.js';
import type { EnginePaths } from '../host/paths.js';
import { isProcessAlive } from '../host/process-alive.js';
import { makeEvent } from '../events.js';
import type { StorageDriver } from '../storage/overlay-rootfs.js';
import { mountRootfs, unmountRootfs } from '../storage/overlay-rootfs.js';
import { badRequest, conflict, notFound, notModified, StatusError } from '../status-error.js';
import type { VolumeService } from '../storage/volume-service.js';
import { readContainerLogs, type LogOptions } from './container-logs.js';
import type { ContainerNetworks, JoinedNetworks } from './container-networks.js';
import { containerName, findByReference, newContainerId } from './container-names.js';
import type { ContainerRecord } from './container-record.js';
import { ContainerStore } from './container-store.js';
import { ContainerSupervisor } from './container-supervisor.js';
import { inspectContainer, summarizeContainer } from './container-view.js';
import { ContainerWaiters } from './container-waiters.js';
import type { ImageLookup } from './image-lookup.js';
import type { LogEntry } from './k8s-log.js';
import { KeyLock } from './key-lock.js';
import type { LaunchedContainer } from './conmon.js';
import { createContainer, launchContainer, startCreated, type LaunchContext } from './launch-container.js';
import { joinedNamespaces } from './joined-namespaces.js';
import { selectContainers } from './list-filters.js';
import { OciRuntime, type OciRuntimeName } from './oci-runtime.js';
import { prepareContainer } from './prepare-container.js';
import { renamedName } from './rename-container.js';
import { readInitIdentity, signalInit, type InitIdentity } from './signal-init.js';
import { normalizeSignal, signalNumber } from './signals.js';
import { startFailure, startFailureCode } from './start-failure.js';
import { writeEtcFiles } from './write-etc-files.js';
import { trace } from '../api/trace.js';

export interface ContainerServiceDeps {
  paths: Pick<EnginePaths, 'dataDir' | 'runtimeDir' | 'runcRoot'>;
  images: ImageLookup;
  volumes: VolumeService;
  ociRuntime: OciRuntimeName;
  storageDriver: StorageDriver;
  emit(event: EngineEvent): void;
  /** Where programs are looked up (conmon, runc, catatonit); the engine's environment by default. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The address `host-gateway` stands for (slirp4netns: 10.0.2.2). */
  hostGateway?: string;
  /** The engine's own resolv.conf, which containers start from. */
  resolvConf?: string;
  /** Networks to join at start; without them containers share the engine's network namespace. */
  networks?: ContainerNetworks;
  now?: () => Date;
}

export interface StopOptions {
  /** Seconds between the stop signal and SIGKILL; absent means the container's own, else 10. */
  timeout?: number;
  signal?: string;
}

const DEFAULT_STOP_TIMEOUT_S = 10;
/** How long a SIGKILLed container may take to be reported dead before stop gives up. */
const KILL_GRACE_MS = 10_000;

export class ContainerService {
  private readonly records = new Map<string, ContainerRecord>();
  private readonly store: ContainerStore;
  private readonly lock = new KeyLock();
  private readonly waiters = new ContainerWaiters();
  /** The init process of each container this engine launched, for `signal` (see signal-init.ts). */
  private readonly inits = new Map<string, InitIdentity>();
  /** The queue of `prewarm`s, one at a time. */
  private prewarms: Promise<void> = Promise.resolve();
  /** Created containers whose runtime container `prewarm` made: their start is `runc start`. */
  private readonly prewarmed = new Map<string, LaunchedContainer>();
  /** Starts under way, and who waits for there to be none (`prewarm` yields to starts). */
  private starting = 0;
  private readonly noStarts: (() => void)[] = [];
  private readonly runtime: OciRuntime;
  private readonly supervisor: ContainerSupervisor;
  private readonly conmonPath: string;
  private readonly initBinary: string | undefined;
  private readonly now: () => Date;

  constructor(private readonly deps: ContainerServiceDeps) {
    const env = deps.env ?? process.env;
    this.now = deps.now ?? (() => new Date());
    this.store = new ContainerStore(join(deps.paths.dataDir, 'containers'));
    this.runtime = OciRuntime.locate(deps.ociRuntime, deps.paths.runcRoot, env);
    const conmon = findProgram('conmon', env);
    if (!conmon) throw new Error('conmon is not installed (see `tscompose doctor`)');
    this.conmonPath = conmon;
    this.initBinary = findProgram('catatonit', env);
    this.supervisor = new ContainerSupervisor({
      runtime: this.runtime,
      store: this.store,
      lock: this.lock,
      now: this.now,
      record: (id) => this.records.get(id),
      save: (record) => this.save(record),
      emit: (record, action, extra) => this.emit(record, action, extra),
      exited: (record) => this.waiters.exited(record.Id, record.State.ExitCode, record.State.Error),
      relaunch: (record) => this.run(record),
      destroy: (record, options) => this.destroy(record, options),
      stopped: (record) => this.deps.networks?.release(record.Id) ?? Promise.resolve(),
    });
    deps.volumes.setUsageProbe((name) =>
      [...this.records.values()]
        .filter((record) => record.Mounts.some((mount) => mount.point.Name === name))
        .map((record) => record.Id),
    );
  }

  async create(request: ContainerCreateRequest, name?: string): Promise<ContainerCreateResponse> {
    const id = newContainerId();
    const storedName = containerName(name, id);
    const holder = [...this.records.values()].find((record) => record.Name === storedName);
    if (holder) {
      throw conflict(
        `Conflict. The container name "${storedName}" is already in use by container "${holder.Id}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    }
    if (!request.Image)
      throw badRequest('config cannot be empty in order to create a container: no image given');
    const image = await this.deps.images.find(request.Image);
    if (!image) throw notFound(`No such image: ${request.Image}`);
    this.deps.networks?.check(request);
    const record = await prepareContainer({
      id,
      name: storedName,
      request,
      image,
      volumes: this.deps.volumes,
      storageDriver: this.deps.storageDriver,
      now: this.now(),
    });
    await writeEtcFiles(record, this.store.files(id), {
      resolvConf: this.deps.resolvConf ?? '/etc/resolv.conf',
      ...(this.deps.hostGateway ? { hostGateway: this.deps.hostGateway } : {}),
    });
    // The name is checked again now that the awaits are over: two creates may have raced.
    if ([...this.records.values()].some((other) => other.Name === storedName)) {
      await this.store.delete(id);
      throw conflict(`Conflict. The container name "${storedName}" is already in use.`);
    }
    this.records.set(id, record);
    trace(`create ${storedName} prepared`);
    await this.store.save(record);
    this.emit(record, 'create');
    this.prewarm(id);
    const warnings =
      (request.HostConfig?.Devices ?? []).length > 0
        ? ['devices are not passed to rootless containers yet; ignored']
        : [];
    return { Id: id, Warnings: warnings };
  }

  async start(reference: string): Promise<void> {
    const { Id } = this.get(reference);
    await this.lock.run(Id, async () => {
      const record = this.mustGet(Id);
      if (record.State.Running && !record.State.Restarting) throw notModified('container already started');
      this.supervisor.cancelRestart(Id);
      record.ManuallyStopped = false;
      record.RestartCount = 0;
      try {
        await this.run(record);
      } catch (error) {
        // Docker removes an AutoRemove container whose start failed: `docker run --rm` waits for that.
        if (record.HostConfig.AutoRemove) await this.destroy(record, { volumes: true });
        throw error;
      }
    });
  }

  async stop(reference: string, options: StopOptions = {}): Promise<void> {
    const { Id } = this.get(reference);
    const stopped = await this.lock.run(Id, async () => {
      const record = this.mustGet(Id);
      if (!record.State.Running) throw notModified('container already stopped');
      record.ManuallyStopped = true;
      if (record.State.Restarting) {
        this.supervisor.cancelRestart(Id);
        record.State = { ...record.State, Status: 'exited', Running: false, Restarting: false };
        await this.save(record);
        await unmountRootfs(this.store.files(Id).rootfs);
        await this.deps.networks?.release(Id);
        this.waiters.exited(Id, record.State.ExitCode);
        return true;
      }
      await this.save(record);
      return false;
    });
    if (!stopped) {
      const record = this.mustGet(Id);
      const signal = options.signal || record.Config.StopSignal || 'SIGTERM';
      const timeout = options.timeout ?? record.Config.StopTimeout ?? DEFAULT_STOP_TIMEOUT_S;
      await this.signalAndWait(record, signal, timeout < 0 ? undefined : timeout * 1000);
    }
    this.emit(this.mustGet(Id), 'stop');
  }

  async kill(reference: string, signal = 'SIGKILL'): Promise<void> {
    const { Id } = this.get(reference);
    await this.lock.run(Id, async () => {
      const record = this.mustGet(Id);
      if (!record.State.Running || record.State.Restarting)
        throw conflict(`Cannot kill container: ${reference}: Container ${Id} is not running`);
      record.ManuallyStopped = true;
      await this.save(record);
      this.emit(record, 'kill', { signal: signalNumber(signal) });
      await this.signal(record, signal);
    });
  }

  async restart(reference: string, options: StopOptions = {}): Promise<void> {
    const { Id } = this.get(reference);
    if (this.mustGet(Id).State.Running) await this.stop(Id, options);
    await this.start(Id);
    this.emit(this.mustGet(Id), 'restart');
  }

  /**
   * Gives the container a new name, kept on disk. A running container's DNS names on its
   * networks were fixed when it joined them and change at its next start.
   */
  async rename(reference: string, name: string | undefined): Promise<void> {
    const { Id } = this.get(reference);
    await this.lock.run(Id, async () => {
      const record = this.mustGet(Id);
      const stored = renamedName(this.records.values(), record, name);
      const oldName = record.Name;
      record.Name = stored;
      await this.save(record);
      this.emit(record, 'rename', { oldName });
    });
  }

  /** Registers before its first await, so an exit right after the call is not missed. */
  wait(reference: string, condition: WaitCondition = 'not-running'): Promise<ContainerWaitResponse> {
    let record: ContainerRecord;
    try {
      record = this.get(reference);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (condition === 'not-running' && !record.State.Running) {
      return Promise.resolve({ StatusCode: record.State.ExitCode, Error: null });
    }
    return this.waiters.wait(record.Id, condition);
  }

  async remove(reference: string, options: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    const { Id } = this.get(reference);
    const record = this.mustGet(Id);
    if (record.State.Restarting && !options.force) {
      throw conflict(
        `You cannot remove a restarting container ${Id}. Stop the container before attempting removal or force remove`,
      );
    }
    if (record.State.Running && !record.State.Restarting) {
      if (!options.force) {
        throw conflict(
          `You cannot remove a running container ${Id}. Stop the container before attempting removal or force remove`,
        );
      }
      await this.lock.run(Id, async () => {
        record.ManuallyStopped = true;
        await this.save(record);
      });
      await this.signalAndWait(record, 'SIGKILL', undefined);
    }
    await this.lock.run(Id, async () => {
      const current = this.records.get(Id);
      if (current) await this.destroy(current, { volumes: options.volumes ?? false });
    });
  }

  async list(options: ContainerListOptions): Promise<ContainerSummary[]> {
    const nowMs = this.now().getTime();
    return selectContainers([...this.records.values()], options).map((record) => {
      const summary = summarizeContainer(record, nowMs);
      if (!this.deps.networks) return summary;
      const { Ports, Networks } = this.deps.networks.summary(record);
      return { ...summary, Ports, NetworkSettings: { Networks } };
    });
  }

  async inspect(reference: string): Promise<ContainerInspect> {
    const record = this.get(reference);
    const inspect = inspectContainer(record, this.store.files(record.Id));
    if (this.deps.networks) inspect.NetworkSettings = this.deps.networks.settings(record);
    return inspect;
  }

  /** The record itself, for other engine parts (networks, exec) that need more than inspect. */
  find(reference: string): ContainerRecord {
    return this.get(reference);
  }

  /** With `follow`, keeps reading until the container stops or `signal` aborts. */
  async *logs(reference: string, options: LogOptions = {}): AsyncGenerator<LogEntry> {
    const { Id } = this.get(reference);
    const live = (): boolean => this.records.get(Id)?.State.Running ?? false;
    yield* readContainerLogs(
      {
        path: this.store.files(Id).log,
        isLive: live,
        stopped: () =>
          live() ? this.waiters.wait(Id, 'not-running').then(() => undefined) : Promise.resolve(),
      },
      options,
    );
  }

  /** `docker network connect`: recorded for the next start, and joined now when running. */
  async connectNetwork(reference: string, network: string, settings: EndpointSettings = {}): Promise<void> {
    const networks = this.requireNetworks();
    const { Id } = this.get(reference);
    await this.lock.run(Id, async () => {
      const record = this.mustGet(Id);
      const name = networks.networkName(network);
      const mode = record.HostConfig.NetworkMode ?? 'default';
      if (mode === 'host' || mode === 'none' || mode.startsWith('container:')) {
        throw badRequest(`container cannot be connected to network ${name}: its network mode is ${mode}`);
      }
      record.NetworkingConfig = {
        ...record.NetworkingConfig,
        EndpointsConfig: { ...(record.NetworkingConfig.EndpointsConfig ?? {}), [name]: settings },
      };
      if (record.State.Running) await networks.connect(record, name);
      await this.save(record);
    });
  }

  /**
   * `docker network disconnect`. A stopped or created container may leave any network, as in
   * Docker (docker-compose v1 disconnects and reconnects a created container to set its aliases);
   * the network its mode names is joined again at the next start. A running one keeps that
   * network: its namespace was built around it.
   */
  async disconnectNetwork(reference: string, network: string): Promise<void> {
    const networks = this.requireNetworks();
    const { Id } = this.get(reference);
    await this.lock.run(Id, async () => {
      const record = this.mustGet(Id);
      const name = networks.networkName(network);
      const mode = record.HostConfig.NetworkMode ?? 'default';
      if (record.State.Running && (mode === name || (name === 'bridge' && mode === 'default'))) {
        throw badRequest(
          `cannot disconnect container ${record.Name.slice(1)} from ${name}, its network mode`,
        );
      }
      const { [name]: _dropped, ...rest } = record.NetworkingConfig.EndpointsConfig ?? {};
      record.NetworkingConfig = { ...record.NetworkingConfig, EndpointsConfig: rest };
      await networks.disconnect(record, name);
      await this.save(record);
    });
  }

  /**
   * After an engine restart: load every record, and for each container that was running, find out
   * what happened while nobody watched (still running under its conmon, or exited with a code in
   * its exit file), then resume supervision and restart policies.
   */
  async recover(): Promise<void> {
    const { records, orphans } = await this.store.loadAll();
    await Promise.all(orphans.map((dir) => rm(dir, { recursive: true, force: true })));
    for (const record of records) this.records.set(record.Id, record);
    // A container the previous engine prewarmed waits in `runc init` in a namespace of its own;
    // both go, so that its start is a clean one.
    await Promise.all(
      records
        .filter((record) => record.State.Status === 'created')
        .map(async (record) => {
          await this.runtime.delete(record.Id);
          await this.deps.networks?.release(record.Id);
        }),
    );
    await Promise.all(
      records.map((record) => this.lock.run(record.Id, () => this.supervisor.recover(record))),
    );
  }

  /** Stops watching (timers, inotify); containers keep running. For an orderly engine shutdown. */
  close(): void {
    this.supervisor.closeAll();
  }

  // ---------------------------------------------------------------------------------------------

  /** Starts one run; the caller holds the lock. */
  private async run(record: ContainerRecord): Promise<void> {
    this.starting += 1;
    try {
      await this.launch(record);
    } finally {
      this.starting -= 1;
      if (this.starting === 0) for (const resolve of this.noStarts.splice(0)) resolve();
    }
  }

  private async launch(record: ContainerRecord): Promise<void> {
    const files = this.store.files(record.Id);
    let launched;
    let joined: JoinedNetworks = {};
    let prewarmed: LaunchedContainer | undefined;
    try {
      trace(`run ${record.Name} begin`);
      prewarmed = await this.takePrewarmed(record.Id);
      joined = (await this.deps.networks?.attach(record)) ?? {};
      trace(`run ${record.Name} attached`);
      await this.writeStartEtcFiles(record, joined, prewarmed !== undefined);
      trace(`run ${record.Name} networks-joined`);
      const networkReady = joined.ready;
      const beforeStart = networkReady ? { beforeStart: () => networkReady } : {};
      if (prewarmed) {
        await startCreated(record, files, { runtime: this.runtime, ...beforeStart });
        launched = prewarmed;
      } else {
        launched = await launchContainer(record, files, {
          ...this.launchContext(record, joined.netnsPath),
          ...beforeStart,
        });
      }
    } catch (error) {
      // A namespace still being set up is left to finish (its own failure is this one, or later
      // than it) before its links and ports are released.
      await joined.ready?.catch(() => undefined);
      // A prewarmed container whose start failed before `runc start` waits in `runc init` still.
      if (prewarmed) await this.runtime.delete(record.Id).catch(() => undefined);
      await this.deps.networks?.release(record.Id);
      const message = error instanceof Error ? error.message : String(error);
      record.State = {
        ...record.State,
        Error: message,
        ExitCode: startFailureCode(message),
        Running: false,
        Restarting: false,
        Pid: 0,
        Status: record.State.Status === 'created' ? 'created' : 'exited',
      };
      await this.save(record);
      throw startFailure(message, error);
    }
    record.ConmonPid = launched.conmonPid;
    const init = await readInitIdentity(launched.pid);
    if (init) this.inits.set(record.Id, init);
    else this.inits.delete(record.Id);
    record.State = {
      ...record.State,
      Status: 'running',
      Running: true,
      Restarting: false,
      Paused: false,
      OOMKilled: false,
      Dead: false,
      Pid: launched.pid,
      ExitCode: 0,
      Error: '',
      StartedAt: this.now().toISOString(),
    };
    this.supervisor.resetHealth(record);
    await this.save(record);
    trace(`run ${record.Name} saved`);
    this.emit(record, 'start');
    this.supervisor.watch(record);
  }

  private launchContext(record: ContainerRecord, netnsPath: string | undefined): LaunchContext {
    return {
      runtime: this.runtime,
      conmonPath: this.conmonPath,
      socketDir: join(this.deps.paths.runtimeDir, 'conmon'),
      ...(this.initBinary ? { initBinary: this.initBinary } : {}),
      namespacePaths: {
        ...joinedNamespaces(record.HostConfig, (reference) => this.get(reference)),
        ...(netnsPath ? { network: netnsPath } : {}),
      },
    };
  }

  /**
   * Prepares a created container in the background, one container at a time, so that its start
   * is little more than `runc start`: in `up`, the containers that wait for a dependency are
   * created at once and started later, and their mount and `runc create` (CPU-heavy) would
   * otherwise be part of each of those starts. First the rootfs is mounted, then, in a network
   * namespace of its own that nothing is linked to yet, conmon runs `runc create`. Nothing
   * visible changes: the container stays `created` (no pid, no address, no DNS name, no port;
   * `start` attaches the networks as always), stop is a no-op, removal deletes the runtime's
   * container and the namespace, and `recover` deletes what a killed engine left prewarmed.
   * Each step waits while a start is under way (a start is what somebody waits for, this is
   * not), and holds the container's lock, so a start waits for a step in flight. Any failure is
   * only an early attempt: the start does the work again and reports its own failure.
   */
  private prewarm(id: string): void {
    const step = (work: (record: ContainerRecord) => Promise<void>): void => {
      this.prewarms = this.prewarms.then(async () => {
        while (this.starting > 0) await new Promise<void>((resolve) => this.noStarts.push(resolve));
        await this.lock
          .run(id, async () => {
            const record = this.records.get(id);
            if (!record || record.State.Status !== 'created' || this.prewarmed.has(id)) return;
            await work(record);
          })
          .catch(() => undefined);
      });
    };
    step((record) =>
      mountRootfs(this.store.files(id).rootfs, record.Storage.layerDirs, record.Storage.driver),
    );
    step(async (record) => {
      if (!canPrewarm(record)) return;
      try {
        const netnsPath = await this.deps.networks?.prepareNamespace(record);
        const launched = await createContainer(
          record,
          this.store.files(id),
          this.launchContext(record, netnsPath),
        );
        this.prewarmed.set(id, launched);
        trace(`prewarm ${record.Name} created`);
      } catch (error) {
        await this.deps.networks?.release(id);
        throw error;
      }
    });
  }

  /**
   * The prewarmed runtime container of a container being started, if it is still usable: its
   * conmon and its process waiting in `runc init` are alive. One whose conmon exited is deleted,
   * and the start creates the container again.
   */
  private async takePrewarmed(id: string): Promise<LaunchedContainer | undefined> {
    const launched = this.prewarmed.get(id);
    if (!launched) return undefined;
    this.prewarmed.delete(id);
    if (isProcessAlive(launched.conmonPid) && isProcessAlive(launched.pid)) return launched;
    await this.runtime.delete(id).catch(() => undefined);
    return undefined;
  }

  /** Writes the container's /etc files at each start, with its address and DNS server on a network. */
  private async writeStartEtcFiles(
    record: ContainerRecord,
    joined: JoinedNetworks,
    inPlace: boolean,
  ): Promise<void> {
    await writeEtcFiles(record, this.store.files(record.Id), {
      inPlace,
      resolvConf: this.deps.resolvConf ?? '/etc/resolv.conf',
      ...(this.deps.hostGateway ? { hostGateway: this.deps.hostGateway } : {}),
      ...(joined.address ? { address: joined.address } : {}),
      ...(joined.nameservers ? { nameservers: joined.nameservers } : {}),
    });
  }

  private requireNetworks(): ContainerNetworks {
    if (!this.deps.networks) throw badRequest('this engine runs containers without networks');
    return this.deps.networks;
  }

  /** Sends the signal, waits up to `timeoutMs` for the exit, then SIGKILL; never holds the lock. */
  private async signalAndWait(
    record: ContainerRecord,
    signal: string,
    timeoutMs: number | undefined,
  ): Promise<void> {
    const exited = this.waiters.wait(record.Id, 'next-exit');
    const kill = async (name: string): Promise<void> => {
      this.emit(record, 'kill', { signal: signalNumber(name) });
      try {
        await this.signal(record, name);
      } catch (error) {
        // The container may have exited between our check and the signal (`stop -t 0` of one that
        // obeys SIGTERM at once: runc says "not running" before conmon's exit file is read). Only
        // one that stays alive is a failure.
        if (await settlesWithin(exited, KILL_GRACE_MS)) return;
        if (this.records.get(record.Id)?.State.Running && !this.records.get(record.Id)?.State.Restarting)
          throw error;
      }
    };
    if (!this.records.get(record.Id)?.State.Running) return;
    await kill(signal);
    if (normalizeSignal(signal) !== 'KILL' && !(await settlesWithin(exited, timeoutMs ?? Infinity)))
      await kill('SIGKILL');
    if (!(await settlesWithin(exited, KILL_GRACE_MS)))
      throw new Error(`container ${record.Id} did not exit after SIGKILL`);
  }

  /**
   * Signals the container's init, as `runc kill` does; directly when this engine launched that
   * init into a pid namespace of the container's own, else through the runtime. An init that has
   * exited already fails as runc fails ("not running").
   */
  private async signal(record: ContainerRecord, signal: string): Promise<void> {
    const init = this.inits.get(record.Id);
    const number = Number(signalNumber(signal));
    const ownPidNamespace = !record.HostConfig.PidMode;
    if (!init || init.pid !== record.State.Pid || !ownPidNamespace || !Number.isInteger(number)) {
      await this.runtime.kill(record.Id, normalizeSignal(signal));
      return;
    }
    if (!(await signalInit(init, number))) throw new Error(`container ${record.Id} is not running`);
  }

  /** Deletes the container and its files; the caller holds the lock and the container is stopped. */
  private async destroy(record: ContainerRecord, options: { volumes: boolean }): Promise<void> {
    this.supervisor.unwatch(record.Id);
    this.inits.delete(record.Id);
    this.prewarmed.delete(record.Id);
    const files = this.store.files(record.Id);
    // The runtime's container first: a prewarmed one still uses its rootfs.
    await this.runtime.delete(record.Id);
    await unmountRootfs(files.rootfs);
    await this.deps.networks?.release(record.Id);
    this.records.delete(record.Id);
    await this.store.delete(record.Id);
    if (options.volumes) {
      for (const mount of record.Mounts.filter((candidate) => candidate.anonymous && candidate.point.Name)) {
        // 409: another container uses it too; it stays, as in Docker. Anything else is a real failure.
        await this.deps.volumes.remove(mount.point.Name as string).catch((error: unknown) => {
          if (!(error instanceof StatusError && error.statusCode === 409)) throw error;
        });
      }
    }
    this.emit(record, 'destroy');
    this.waiters.removed(record.Id, record.State.ExitCode);
  }

  private get(reference: string): ContainerRecord {
    return findByReference(this.records.values(), reference);
  }

  private mustGet(id: string): ContainerRecord {
    const record = this.records.get(id);
    if (!record) throw notFound(`No such container: ${id}`);
    return record;
  }

  /** Writes a known container's record; one removed meanwhile (a late health result) is not revived. */
  private async save(record: ContainerRecord): Promise<void> {
    if (this.records.get(record.Id) !== record) return;
    await this.store.save(record);
  }

  private emit(record: ContainerRecord, action: string, extra: Record<string, string> = {}): void {
    const attributes = {
      ...(record.Config.Labels ?? {}),
      image: record.Config.Image ?? record.Image,
      name: record.Name.slice(1),
      ...extra,
    };
    this.deps.emit(
      makeEvent(
        { type: 'container', action, id: record.Id, attributes },
        BigInt(this.now().getTime()) * 1_000_000n,
      ),
    );
  }
}

/**
 * Whether a created container may be created ahead of its start: not when it joins another
 * container's namespaces (that one may not run yet, and its pid may change) nor when a fresh
 * volume is to be seeded from its image (another container may write to the volume first).
 */
function canPrewarm(record: ContainerRecord): boolean {
  const joins = [record.HostConfig.NetworkMode, record.HostConfig.PidMode, record.HostConfig.IpcMode];
  if (joins.some((mode) => mode?.startsWith('container:'))) return false;
  return !record.Mounts.some((mount) => mount.copyUp);
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  if (ms === Infinity) {
    await promise;
    return true;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
