/**
 * What the API layer asks of the engine's parts, as interfaces. The handlers are written against
 * these and nothing else, so they hold no logic and their tests pass small in-memory fakes.
 * runtime/engine.ts adapts the real ImageStore, ContainerService and VolumeService to them (the
 * names and arguments follow the contracts in the engine brief; an adapter absorbs any drift).
 */
import type {
  ContainerCreateRequest,
  ContainerCreateResponse,
  ContainerInspect,
  ContainerListOptions,
  ContainerSummary,
  ContainerWaitResponse,
  ImageDeleteResponseItem,
  ImageInspect,
  ImageSummary,
  ListFilters,
  NetworkConnectRequest,
  NetworkCreateRequest,
  NetworkCreateResponse,
  NetworkDisconnectRequest,
  NetworkInspect,
  NetworkPruneResponse,
  PullProgress,
  SystemInfo,
  SystemVersion,
  Volume,
  VolumeCreateRequest,
  VolumePruneResponse,
  WaitCondition,
} from './engine-types.js';
import type { EventBus } from '../events.js';

/** Registry credentials from the `X-Registry-Auth` header, as Docker encodes them. */
export interface RegistryAuth {
  username?: string;
  password?: string;
  serveraddress?: string;
  identitytoken?: string;
  registrytoken?: string;
}

export interface PullOptions {
  onProgress: (progress: PullProgress) => void;
  signal?: AbortSignal;
  auth?: RegistryAuth;
  /** `os/arch[/variant]`; absent means the engine's own platform. */
  platform?: string;
}

export interface ImageService {
  /** Pulls `reference` (`name[:tag|@digest]`) and resolves when the image is stored. */
  pull(reference: string, options: PullOptions): Promise<void>;
  list(options: { filters: ListFilters }): Promise<ImageSummary[]>;
  inspect(name: string): Promise<ImageInspect>;
  remove(name: string, options: { force: boolean; noprune: boolean }): Promise<ImageDeleteResponseItem[]>;
}

export interface StopOptions {
  /** Seconds to wait after the stop signal before SIGKILL; absent means the container's own. */
  timeout?: number;
  signal?: string;
}

/** One chunk of a container's output, as conmon recorded it. */
export interface LogEntry {
  stream: 'stdout' | 'stderr';
  data: Buffer;
  /** RFC 3339 with nanoseconds. */
  time: string;
}

export interface LogOptions {
  follow: boolean;
  stdout: boolean;
  stderr: boolean;
  /** Only the last n lines of what is already written; absent means all. */
  tail?: number;
  /** Nanoseconds since the epoch, inclusive. */
  since?: bigint;
  until?: bigint;
  /** Ends a follow early (the client went away). */
  signal?: AbortSignal;
}

export interface ContainerService {
  create(request: ContainerCreateRequest, name?: string): Promise<ContainerCreateResponse>;
  /** Throws a 304 ApiError (or NotModifiedError) when already running. */
  start(id: string): Promise<void>;
  stop(id: string, options: StopOptions): Promise<void>;
  kill(id: string, signal: string): Promise<void>;
  restart(id: string, options: StopOptions): Promise<void>;
  /** Resolves when the condition holds; must begin watching before its first await. */
  wait(id: string, condition: WaitCondition): Promise<ContainerWaitResponse>;
  remove(id: string, options: { force: boolean; volumes: boolean }): Promise<void>;
  /** Docker's rename: 400 without a name or with the current one, 409 when another holds it. */
  rename(id: string, name: string | undefined): Promise<void>;
  list(options: ContainerListOptions): Promise<ContainerSummary[]>;
  inspect(idOrName: string): Promise<ContainerInspect>;
  /** With `follow`, keeps going until the container stops (or the signal aborts). */
  logs(id: string, options: LogOptions): AsyncIterable<LogEntry>;
}

export interface VolumeService {
  create(request: VolumeCreateRequest): Promise<Volume>;
  list(options: { filters: ListFilters }): Promise<Volume[]>;
  inspect(name: string): Promise<Volume>;
  remove(name: string, options: { force: boolean }): Promise<void>;
  prune?(options: { filters: ListFilters }): Promise<VolumePruneResponse>;
}

export interface NetworkService {
  create(request: NetworkCreateRequest): Promise<NetworkCreateResponse>;
  list(options: { filters: ListFilters }): Promise<NetworkInspect[]>;
  inspect(idOrName: string): Promise<NetworkInspect>;
  remove(idOrName: string): Promise<void>;
  connect(idOrName: string, request: NetworkConnectRequest): Promise<void>;
  disconnect(idOrName: string, request: NetworkDisconnectRequest): Promise<void>;
  prune(options: { filters: ListFilters }): Promise<NetworkPruneResponse>;
}

/** `/version` and `/info`, computed by the engine from its services and the host. */
export interface SystemService {
  version(): Promise<SystemVersion>;
  info(): Promise<SystemInfo>;
}

export interface EngineServices {
  images: ImageService;
  containers: ContainerService;
  volumes: VolumeService;
  /** Absent in API tests whose fakes need no networks; the engine always has it. */
  networks?: NetworkService;
  system: SystemService;
  events: EventBus;
}
