/**
 * In-memory fakes of the services the API layer calls (runtime/api/engine-services.ts). They
 * stand in for ImageStore, ContainerService and VolumeService at the seam the server takes as a
 * parameter, so the HTTP layer (routes, framing, streaming, hijacking) is tested against the
 * real docker CLI without namespaces or runc. A fake "container" runs a tiny script of its
 * command: `echo words…` prints and exits 0, `exit N` exits N, `sleep` runs until stopped,
 * `fail words…` prints to stderr and exits 1. Their behaviour is not the real engine's; only the
 * API shapes are.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, conflict, notFound, notModified } from '../../../runtime/api/api-error.js';
import type {
  ContainerService,
  EngineServices,
  ImageService,
  LogEntry,
  LogOptions,
  PullOptions,
  StopOptions,
  VolumeService,
} from '../../../runtime/api/engine-services.js';
import type {
  ContainerCreateRequest,
  ContainerCreateResponse,
  ContainerInspect,
  ContainerListOptions,
  ContainerState,
  ContainerSummary,
  ContainerWaitResponse,
  ImageDeleteResponseItem,
  ImageInspect,
  ImageSummary,
  Volume,
  VolumeCreateRequest,
  WaitCondition,
} from '../../../runtime/api/engine-types.js';
import { createSystemService, type SystemFacts } from '../../../runtime/api/system-service.js';
import { EventBus } from '../../../runtime/events.js';

const ZERO_TIME = '0001-01-01T00:00:00Z';

export const FAKE_FACTS: SystemFacts = {
  engineVersion: '0.1.0-test',
  engineId: 'fake-engine',
  hostname: 'fakehost',
  kernelVersion: '6.0.0-fake',
  operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
  osVersion: '12',
  arch: 'amd64',
  machine: 'x86_64',
  cpus: 2,
  memTotal: 2 * 1024 ** 3,
  ociRuntime: { name: 'runc', path: '/usr/sbin/runc', version: '1.1.5' },
  storageDriver: 'overlay',
  dataDir: '/fake/data',
  cgroupVersion: '2',
  nodeVersion: 'node20',
  warnings: [],
};

export function fakeServices(): EngineServices & {
  images: FakeImages;
  containers: FakeContainers;
  volumes: FakeVolumes;
} {
  const events = new EventBus();
  const images = new FakeImages(events);
  const volumes = new FakeVolumes();
  const containers = new FakeContainers(events, images);
  const system = createSystemService(FAKE_FACTS, { containers, images });
  return { images, containers, volumes, system, events };
}

// ---------------------------------------------------------------------------------------------

interface FakeImage {
  id: string;
  name: string;
  tag: string;
  digest: string;
}

export class FakeImages implements ImageService {
  readonly stored = new Map<string, FakeImage>();
  /** Names the fake registry knows. */
  readonly remote = new Set(['busybox', '127.0.0.1:5000/busybox']);

  constructor(private readonly events: EventBus) {}

  async pull(reference: string, options: PullOptions): Promise<void> {
    const [name = '', tag = 'latest'] = splitTag(reference);
    if (!/^[a-z0-9./:_-]+$/.test(name)) throw new ApiError(400, `invalid reference format: "${reference}"`);
    if (!this.remote.has(name)) {
      throw new ApiError(404, `pull access denied for ${name}, repository does not exist`);
    }
    options.onProgress({ status: `Pulling from ${name}`, id: tag });
    options.onProgress({ status: 'Pulling fs layer', id: 'aaaaaaaaaaaa' });
    options.onProgress({
      status: 'Downloading',
      id: 'aaaaaaaaaaaa',
      progress: '[=====>   ] 5B/10B',
      progressDetail: { current: 5, total: 10 },
    });
    options.onProgress({ status: 'Pull complete', id: 'aaaaaaaaaaaa' });
    const digest = `sha256:${'d'.repeat(64)}`;
    options.onProgress({ status: `Digest: ${digest}` });
    options.onProgress({ status: `Status: Downloaded newer image for ${name}:${tag}` });
    const image = { id: `sha256:${'1'.repeat(64)}`, name, tag, digest };
    this.stored.set(`${name}:${tag}`, image);
    this.events.publish({ type: 'image', action: 'pull', id: `${name}:${tag}`, attributes: { name } });
  }

  async list(): Promise<ImageSummary[]> {
    return [...this.stored.values()].map((image) => ({
      Id: image.id,
      ParentId: '',
      RepoTags: [`${image.name}:${image.tag}`],
      RepoDigests: [`${image.name}@${image.digest}`],
      Created: 1_700_000_000,
      Size: 1_000_000,
      SharedSize: -1,
      Labels: null,
      Containers: -1,
    }));
  }

  find(name: string): FakeImage | undefined {
    const [repo = '', tag = 'latest'] = splitTag(name);
    return this.stored.get(`${repo}:${tag}`) ?? [...this.stored.values()].find((image) => image.id === name);
  }

  async inspect(name: string): Promise<ImageInspect> {
    const image = this.find(name);
    if (!image) throw notFound(`No such image: ${name}`);
    return {
      Id: image.id,
      RepoTags: [`${image.name}:${image.tag}`],
      RepoDigests: [`${image.name}@${image.digest}`],
      Parent: '',
      Comment: '',
      Created: '2023-11-14T22:13:20Z',
      DockerVersion: '',
      Author: '',
      Config: { Cmd: ['sh'], Env: ['PATH=/bin'] },
      Architecture: 'amd64',
      Os: 'linux',
      Size: 1_000_000,
      GraphDriver: { Name: 'overlay2', Data: null },
      RootFS: { Type: 'layers', Layers: [`sha256:${'a'.repeat(64)}`] },
      Metadata: {},
    };
  }

  async remove(name: string): Promise<ImageDeleteResponseItem[]> {
    const image = this.find(name);
    if (!image) throw notFound(`No such image: ${name}`);
    this.stored.delete(`${image.name}:${image.tag}`);
    return [{ Untagged: `${image.name}:${image.tag}` }, { Deleted: image.id }];
  }
}

/** `docker.io/library/busybox:1` → [`busybox`, `1`]: the docker CLI sends names fully qualified. */
function splitTag(reference: string): string[] {
  reference = reference.replace(/^docker\.io\/(library\/)?/, '');
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/')) return [reference.slice(0, colon), reference.slice(colon + 1)];
  return [reference];
}

// ---------------------------------------------------------------------------------------------

interface FakeContainer {
  id: string;
  name: string;
  request: ContainerCreateRequest;
  image: string;
  state: ContainerState;
  output: LogEntry[];
  /** Wakes followers and waiters on every change. */
  changed: Set<() => void>;
  exits: number;
}

export class FakeContainers implements ContainerService {
  readonly records = new Map<string, FakeContainer>();

  constructor(
    private readonly events: EventBus,
    private readonly images: FakeImages,
  ) {}

  async create(request: ContainerCreateRequest, name?: string): Promise<ContainerCreateResponse> {
    const image = request.Image ?? '';
    if (!this.images.find(image)) throw notFound(`No such image: ${image}`);
    const id = randomBytes(32).toString('hex');
    const chosen = name ?? `fake_${id.slice(0, 6)}`;
    if ([...this.records.values()].some((record) => record.name === chosen)) {
      throw conflict(`Conflict. The container name "/${chosen}" is already in use`);
    }
    const state: ContainerState = {
      Status: 'created',
      Running: false,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: 0,
      ExitCode: 0,
      Error: '',
      StartedAt: ZERO_TIME,
      FinishedAt: ZERO_TIME,
    };
    this.records.set(id, {
      id,
      name: chosen,
      request,
      image,
      state,
      output: [],
      changed: new Set(),
      exits: 0,
    });
    this.publish(id, 'create');
    return { Id: id, Warnings: [] };
  }

  async start(idOrName: string): Promise<void> {
    const record = this.get(idOrName);
    if (record.state.Running) throw notModified();
    Object.assign(record.state, {
      Status: 'running',
      Running: true,
      Pid: 4242,
      StartedAt: new Date().toISOString(),
    });
    this.publish(record.id, 'start');
    this.touch(record);
    const command = commandOf(record.request);
    // Run the script on a later tick, as a real process would print after start returns.
    setTimeout(() => this.run(record, command), 5);
  }

  private run(record: FakeContainer, command: string[]): void {
    const [verb, ...words] = command;
    if (verb === 'sleep') return;
    if (verb === 'echo') this.print(record, 'stdout', `${words.join(' ')}\n`);
    if (verb === 'fail') this.print(record, 'stderr', `${words.join(' ')}\n`);
    this.exit(record, verb === 'exit' ? Number(words[0] ?? 0) : verb === 'fail' ? 1 : 0);
  }

  private print(record: FakeContainer, stream: LogEntry['stream'], text: string): void {
    record.output.push({ stream, data: Buffer.from(text), time: new Date().toISOString() });
    this.touch(record);
  }

  private exit(record: FakeContainer, code: number): void {
    Object.assign(record.state, {
      Status: 'exited',
      Running: false,
      Pid: 0,
      ExitCode: code,
      FinishedAt: new Date().toISOString(),
    });
    record.exits++;
    this.publish(record.id, 'die', { exitCode: String(code) });
    this.touch(record);
    if (record.request.HostConfig?.AutoRemove) void this.remove(record.id, { force: true, volumes: false });
  }

  async stop(idOrName: string, _options: StopOptions): Promise<void> {
    const record = this.get(idOrName);
    if (!record.state.Running) throw notModified();
    this.publish(record.id, 'kill', { signal: '15' });
    this.exit(record, 143);
    this.publish(record.id, 'stop');
  }

  async kill(idOrName: string, signal: string): Promise<void> {
    const record = this.get(idOrName);
    if (!record.state.Running) throw conflict(`Container ${record.id} is not running`);
    this.publish(record.id, 'kill', { signal });
    this.exit(record, 137);
  }

  async restart(idOrName: string, options: StopOptions): Promise<void> {
    const record = this.get(idOrName);
    if (record.state.Running) await this.stop(idOrName, options);
    await this.start(record.id);
  }

  wait(idOrName: string, condition: WaitCondition): Promise<ContainerWaitResponse> {
    const record = this.get(idOrName);
    const exitsAtCall = record.exits;
    const done = () => {
      if (condition === 'removed') return !this.records.has(record.id);
      if (condition === 'next-exit') return record.exits > exitsAtCall;
      return !record.state.Running;
    };
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        record.changed.delete(check);
        resolve({ StatusCode: record.state.ExitCode, Error: null });
      };
      record.changed.add(check);
      check();
    });
  }

  async rename(idOrName: string, name: string | undefined): Promise<void> {
    const record = this.get(idOrName);
    if (!name) throw new ApiError(400, 'Neither old nor new names may be empty');
    if ([...this.records.values()].some((other) => other !== record && other.name === name)) {
      throw conflict(`Conflict. The container name "/${name}" is already in use`);
    }
    record.name = name;
    this.publish(record.id, 'rename');
  }

  async remove(idOrName: string, options: { force: boolean; volumes: boolean }): Promise<void> {
    const record = this.get(idOrName);
    if (record.state.Running && !options.force) {
      throw conflict(
        `You cannot remove a running container ${record.id}. Stop the container before attempting removal or force remove`,
      );
    }
    if (record.state.Running) this.exit(record, 137);
    this.records.delete(record.id);
    this.publish(record.id, 'destroy');
    this.touch(record);
  }

  async list(options: ContainerListOptions): Promise<ContainerSummary[]> {
    return [...this.records.values()]
      .filter((record) => options.all || record.state.Running)
      .filter((record) => matchesLabels(record, options.filters.label ?? []))
      .map((record) => ({
        Id: record.id,
        Names: [`/${record.name}`],
        Image: record.image,
        ImageID: this.images.find(record.image)?.id ?? '',
        Command: commandOf(record.request).join(' '),
        Created: 1_700_000_000,
        Ports: [],
        Labels: record.request.Labels ?? {},
        State: record.state.Status,
        Status: record.state.Running ? 'Up 1 second' : `Exited (${record.state.ExitCode}) 1 second ago`,
        HostConfig: { NetworkMode: 'host' },
        NetworkSettings: { Networks: {} },
        Mounts: [],
      }));
  }

  async inspect(idOrName: string): Promise<ContainerInspect> {
    const record = this.get(idOrName);
    const [path = '', ...args] = commandOf(record.request);
    return {
      Id: record.id,
      Created: '2023-11-14T22:13:20.000000000Z',
      Path: path,
      Args: args,
      State: { ...record.state },
      Image: this.images.find(record.image)?.id ?? '',
      ResolvConfPath: '',
      HostnamePath: '',
      HostsPath: '',
      LogPath: '',
      Name: `/${record.name}`,
      RestartCount: 0,
      Driver: 'overlay',
      Platform: 'linux',
      MountLabel: '',
      ProcessLabel: '',
      AppArmorProfile: '',
      ExecIDs: null,
      HostConfig: record.request.HostConfig ?? {},
      GraphDriver: { Name: 'overlay', Data: null },
      Mounts: [],
      Config: { ...record.request, Image: record.image },
      NetworkSettings: { Ports: {}, Networks: {} },
    };
  }

  async *logs(idOrName: string, options: LogOptions): AsyncIterable<LogEntry> {
    const record = this.get(idOrName);
    const nanos = (entry: LogEntry) => BigInt(Date.parse(entry.time)) * 1_000_000n;
    const wanted = (entry: LogEntry) =>
      options[entry.stream] && (options.since === undefined || nanos(entry) >= options.since);
    const existing = record.output.filter(wanted);
    let next = options.tail === undefined ? 0 : Math.max(existing.length - options.tail, 0);
    let seen = 0;
    for (;;) {
      const entries = record.output.filter(wanted);
      for (; seen < entries.length; seen++) {
        if (seen >= next) yield entries[seen] as LogEntry;
      }
      next = 0;
      if (!options.follow || !record.state.Running || options.signal?.aborted) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          record.changed.delete(wake);
          resolve();
        };
        record.changed.add(wake);
        options.signal?.addEventListener('abort', wake);
      });
    }
  }

  private get(idOrName: string): FakeContainer {
    const found = [...this.records.values()].find(
      (record) =>
        record.id === idOrName ||
        record.name === idOrName ||
        (idOrName.length >= 3 && record.id.startsWith(idOrName)),
    );
    if (!found) throw notFound(`No such container: ${idOrName}`);
    return found;
  }

  private touch(record: FakeContainer): void {
    for (const wake of [...record.changed]) wake();
  }

  private publish(id: string, action: string, extra: Record<string, string> = {}): void {
    const record = this.records.get(id);
    const attributes = {
      ...(record?.request.Labels ?? {}),
      name: record?.name ?? '',
      image: record?.image ?? '',
      ...extra,
    };
    this.events.publish({ type: 'container', action, id, attributes });
  }
}

function commandOf(request: ContainerCreateRequest): string[] {
  const cmd = request.Cmd;
  if (typeof cmd === 'string') return ['sh', '-c', cmd];
  return cmd && cmd.length > 0 ? cmd : ['sh'];
}

function matchesLabels(record: FakeContainer, labels: string[]): boolean {
  const own = record.request.Labels ?? {};
  return labels.every((label) => {
    const [key = '', value] = label.split('=', 2);
    return key in own && (value === undefined || own[key] === value);
  });
}

// ---------------------------------------------------------------------------------------------

export class FakeVolumes implements VolumeService {
  readonly stored = new Map<string, Volume>();

  async create(request: VolumeCreateRequest): Promise<Volume> {
    const name = request.Name || randomBytes(32).toString('hex');
    const volume: Volume = this.stored.get(name) ?? {
      Name: name,
      Driver: 'local',
      Mountpoint: `/fake/volumes/${name}/_data`,
      CreatedAt: '2023-11-14T22:13:20Z',
      Labels: request.Labels ?? {},
      Scope: 'local',
      Options: request.DriverOpts ?? {},
    };
    this.stored.set(name, volume);
    return volume;
  }

  async list(): Promise<Volume[]> {
    return [...this.stored.values()];
  }

  async inspect(name: string): Promise<Volume> {
    const volume = this.stored.get(name);
    if (!volume) throw notFound(`get ${name}: no such volume`);
    return volume;
  }

  async remove(name: string): Promise<void> {
    if (!this.stored.delete(name)) throw notFound(`get ${name}: no such volume`);
  }
}
