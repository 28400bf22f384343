/**
 * The Docker Engine API JSON shapes the engine serves and the CLI's client reads: one module
 * shared by both sides of the socket, so a field renamed here fails to compile everywhere it is
 * used. Names and casing follow moby's api/swagger.yaml (v1.44), PascalCase on the wire; the few
 * camel-case fields (`status`, `progressDetail`, `time`, `timeNano`) are Docker's own.
 *
 * Types only, no logic. Request types mark everything optional, because clients send sparse
 * bodies. Response types mark as required what the docker CLI dereferences without checking
 * (Go would panic on a nil `State` or `Config`), and leave the rest optional. Durations are
 * nanoseconds, as in Docker; sizes are bytes; `Created` is RFC 3339 in inspect and Unix seconds
 * in summaries, as in Docker.
 *
 * Deliberately left out: swarm, plugins, build cache, cluster volumes, Windows-only fields.
 */

/** A map of names to empty objects, Docker's way of writing a set (`ExposedPorts`, `Volumes`). */
export type EmptyObjectSet = Record<string, Record<string, never>>;

// ---------------------------------------------------------------------------------------------
// Health checks and restart policies

/** `Config.Healthcheck`. Durations in nanoseconds; 0 means "inherit" (from the image, or Docker's default). */
export interface HealthConfig {
  /** `[]` inherit, `["NONE"]` disable, `["CMD", args...]` exec, `["CMD-SHELL", command]` via /bin/sh -c. */
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  Retries?: number;
  StartPeriod?: number;
  /** API 1.44: the interval used during the start period. */
  StartInterval?: number;
}

export type HealthStatus = 'none' | 'starting' | 'healthy' | 'unhealthy';

/** One probe run, as kept in `State.Health.Log` (Docker keeps the last five). */
export interface HealthcheckResult {
  /** RFC 3339 with nanoseconds. */
  Start: string;
  End: string;
  ExitCode: number;
  Output: string;
}

export interface Health {
  Status: HealthStatus;
  FailingStreak: number;
  Log: HealthcheckResult[];
}

export type RestartPolicyName = '' | 'no' | 'always' | 'unless-stopped' | 'on-failure';

export interface RestartPolicy {
  Name?: RestartPolicyName;
  /** Only meaningful for `on-failure`; 0 means unlimited. */
  MaximumRetryCount?: number;
}

// ---------------------------------------------------------------------------------------------
// Container configuration (the create request)

export type MountType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';

/** `HostConfig.Mounts[]`: the long mount syntax. */
export interface Mount {
  Target?: string;
  Source?: string;
  Type?: MountType;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: {
    Propagation?: 'private' | 'rprivate' | 'shared' | 'rshared' | 'slave' | 'rslave';
    NonRecursive?: boolean;
    CreateMountpoint?: boolean;
    ReadOnlyNonRecursive?: boolean;
    ReadOnlyForceRecursive?: boolean;
  };
  VolumeOptions?: {
    NoCopy?: boolean;
    Labels?: Record<string, string>;
    DriverConfig?: { Name?: string; Options?: Record<string, string> };
    Subpath?: string;
  };
  TmpfsOptions?: {
    SizeBytes?: number;
    /** File mode as a number (0o1777 is sent as 1023). */
    Mode?: number;
  };
}

/** One host address for a published port; an empty `HostPort` means "any free port". */
export interface PortBinding {
  HostIp?: string;
  HostPort?: string;
}

/** `"80/tcp"` → bindings. `null` appears in inspect output for exposed but unpublished ports. */
export type PortMap = Record<string, PortBinding[] | null>;

export interface LogConfig {
  Type?: string;
  Config?: Record<string, string>;
}

export interface Ulimit {
  Name?: string;
  Soft?: number;
  Hard?: number;
}

export interface DeviceMapping {
  PathOnHost?: string;
  PathInContainer?: string;
  CgroupPermissions?: string;
}

/** `HostConfig`: how the engine runs the container (Docker's `Resources` fields are inlined). */
export interface HostConfig {
  // Resources (a subset; the rest are accepted and ignored until cgroups are managed).
  CpuShares?: number;
  Memory?: number;
  MemoryReservation?: number;
  MemorySwap?: number;
  NanoCpus?: number;
  CpuPeriod?: number;
  CpuQuota?: number;
  CpusetCpus?: string;
  CpusetMems?: string;
  PidsLimit?: number | null;
  OomKillDisable?: boolean | null;
  Devices?: DeviceMapping[];
  Ulimits?: Ulimit[];
  /** Run an init (catatonit/tini) as PID 1. */
  Init?: boolean | null;

  /** `"src:dst[:opts]"`, where src is a host path or a volume name. */
  Binds?: string[] | null;
  ContainerIDFile?: string;
  LogConfig?: LogConfig;
  NetworkMode?: string;
  PortBindings?: PortMap;
  RestartPolicy?: RestartPolicy;
  AutoRemove?: boolean;
  VolumeDriver?: string;
  VolumesFrom?: string[] | null;
  Mounts?: Mount[];
  ConsoleSize?: [number, number] | null;
  Annotations?: Record<string, string>;
  CapAdd?: string[] | null;
  CapDrop?: string[] | null;
  CgroupnsMode?: 'private' | 'host' | '';
  Dns?: string[] | null;
  DnsOptions?: string[] | null;
  DnsSearch?: string[] | null;
  /** `"host:ip"` (Docker also accepts `"host=ip"` since 1.45's CLI). */
  ExtraHosts?: string[] | null;
  GroupAdd?: string[] | null;
  IpcMode?: string;
  Cgroup?: string;
  Links?: string[] | null;
  OomScoreAdj?: number;
  PidMode?: string;
  Privileged?: boolean;
  PublishAllPorts?: boolean;
  ReadonlyRootfs?: boolean;
  SecurityOpt?: string[] | null;
  StorageOpt?: Record<string, string>;
  /** Target → mount options (`"size=64m,mode=1777"`). */
  Tmpfs?: Record<string, string>;
  UTSMode?: string;
  UsernsMode?: string;
  /** Bytes; 0 means Docker's default of 64 MiB. */
  ShmSize?: number;
  Sysctls?: Record<string, string>;
  Runtime?: string;
  Isolation?: string;
  MaskedPaths?: string[];
  ReadonlyPaths?: string[];
}

/** `Config`: what runs inside the container (the image config's fields, overridable per container). */
export interface ContainerConfig {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  ExposedPorts?: EmptyObjectSet | null;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  /** `"NAME=value"` entries. */
  Env?: string[] | null;
  /** Docker's CLI sends a list; some clients send a string, meaning `["/bin/sh", "-c", cmd]`. */
  Cmd?: string[] | string | null;
  Healthcheck?: HealthConfig;
  ArgsEscaped?: boolean;
  Image?: string;
  Volumes?: EmptyObjectSet | null;
  WorkingDir?: string;
  /** `[""]` or `""` clears the image's entrypoint. */
  Entrypoint?: string[] | string | null;
  NetworkDisabled?: boolean;
  MacAddress?: string;
  OnBuild?: string[] | null;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  /** Seconds. */
  StopTimeout?: number | null;
  Shell?: string[] | null;
}

export interface EndpointIPAMConfig {
  IPv4Address?: string;
  IPv6Address?: string;
  LinkLocalIPs?: string[];
}

/** One network a container joins: what the client asks for, and what inspect reports. */
export interface EndpointSettings {
  IPAMConfig?: EndpointIPAMConfig | null;
  Links?: string[] | null;
  MacAddress?: string;
  Aliases?: string[] | null;
  NetworkID?: string;
  EndpointID?: string;
  Gateway?: string;
  IPAddress?: string;
  IPPrefixLen?: number;
  IPv6Gateway?: string;
  GlobalIPv6Address?: string;
  GlobalIPv6PrefixLen?: number;
  DriverOpts?: Record<string, string> | null;
  DNSNames?: string[] | null;
}

export interface NetworkingConfig {
  EndpointsConfig?: Record<string, EndpointSettings>;
}

/** `POST /containers/create` body; the name travels in the `?name=` query. */
export interface ContainerCreateRequest extends ContainerConfig {
  HostConfig?: HostConfig;
  NetworkingConfig?: NetworkingConfig;
}

/** `POST /containers/create` answer. */
export interface ContainerCreateResponse {
  Id: string;
  Warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Container state, inspect and list

export type ContainerStatus =
  'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface ContainerState {
  Status: ContainerStatus;
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  /** Host-visible pid of the container's init, 0 when not running. */
  Pid: number;
  ExitCode: number;
  Error: string;
  /** RFC 3339 with nanoseconds; `"0001-01-01T00:00:00Z"` when never started, as in Docker. */
  StartedAt: string;
  FinishedAt: string;
  /** Present only when the container has a healthcheck. */
  Health?: Health;
}

export interface MountPoint {
  Type: MountType;
  /** The volume name, for `volume` mounts. */
  Name?: string;
  Source: string;
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}

export interface GraphDriverData {
  Name: string;
  Data: Record<string, string> | null;
}

export interface Address {
  Addr: string;
  PrefixLen: number;
}

export interface NetworkSettings {
  Bridge?: string;
  SandboxID?: string;
  HairpinMode?: boolean;
  LinkLocalIPv6Address?: string;
  LinkLocalIPv6PrefixLen?: number;
  Ports: PortMap;
  SandboxKey?: string;
  SecondaryIPAddresses?: Address[] | null;
  SecondaryIPv6Addresses?: Address[] | null;
  EndpointID?: string;
  Gateway?: string;
  GlobalIPv6Address?: string;
  GlobalIPv6PrefixLen?: number;
  IPAddress?: string;
  IPPrefixLen?: number;
  IPv6Gateway?: string;
  MacAddress?: string;
  Networks: Record<string, EndpointSettings>;
}

/** `GET /containers/{id}/json`. */
export interface ContainerInspect {
  Id: string;
  /** RFC 3339 with nanoseconds. */
  Created: string;
  Path: string;
  Args: string[];
  State: ContainerState;
  /** The image id (`sha256:…`). */
  Image: string;
  ResolvConfPath: string;
  HostnamePath: string;
  HostsPath: string;
  LogPath: string;
  /** With Docker's leading slash: `"/proj-web-1"`. */
  Name: string;
  RestartCount: number;
  Driver: string;
  Platform: string;
  MountLabel: string;
  ProcessLabel: string;
  AppArmorProfile: string;
  ExecIDs: string[] | null;
  HostConfig: HostConfig;
  GraphDriver: GraphDriverData;
  SizeRw?: number;
  SizeRootFs?: number;
  Mounts: MountPoint[];
  Config: ContainerConfig;
  NetworkSettings: NetworkSettings;
}

export interface Port {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: 'tcp' | 'udp' | 'sctp';
}

/** One row of `GET /containers/json`. */
export interface ContainerSummary {
  Id: string;
  /** With Docker's leading slash. */
  Names: string[];
  /** The image as the user named it (`busybox:latest`), or its id when the tag has moved. */
  Image: string;
  ImageID: string;
  Command: string;
  /** Unix seconds. */
  Created: number;
  Ports: Port[];
  SizeRw?: number;
  SizeRootFs?: number;
  Labels: Record<string, string>;
  /** The status word: `running`, `exited` … */
  State: ContainerStatus;
  /** Human text: `Up 5 seconds (healthy)`, `Exited (0) 2 minutes ago`. */
  Status: string;
  HostConfig: { NetworkMode: string; Annotations?: Record<string, string> };
  NetworkSettings: { Networks: Record<string, EndpointSettings> };
  Mounts: MountPoint[];
}

/** Docker's list filters: `{"label": ["a=b"], "status": ["running"]}` (JSON in the `filters` query). */
export type ListFilters = Record<string, string[]>;

export interface ContainerListOptions {
  all: boolean;
  /** Docker's `limit`: the n most recently created, including stopped ones; absent means no limit. */
  limit?: number;
  filters: ListFilters;
}

export type WaitCondition = 'not-running' | 'next-exit' | 'removed';

/** `POST /containers/{id}/wait` answer. */
export interface ContainerWaitResponse {
  StatusCode: number;
  Error?: { Message: string } | null;
}

// ---------------------------------------------------------------------------------------------
// Images

/** The image config's runtime part (`Config` in the OCI image config), as inspect reports it. */
export interface ImageConfig {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  ExposedPorts?: EmptyObjectSet | null;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | null;
  Healthcheck?: HealthConfig;
  ArgsEscaped?: boolean;
  Image?: string;
  Volumes?: EmptyObjectSet | null;
  WorkingDir?: string;
  Entrypoint?: string[] | null;
  NetworkDisabled?: boolean;
  MacAddress?: string;
  OnBuild?: string[] | null;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  StopTimeout?: number | null;
  Shell?: string[] | null;
}

/** `GET /images/{name}/json`. */
export interface ImageInspect {
  /** `sha256:` + the config blob's digest. */
  Id: string;
  RepoTags: string[];
  /** `name@sha256:…` of the manifest pulled, which equals the registry's digest. */
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  /** RFC 3339. */
  Created: string;
  Container?: string;
  ContainerConfig?: ContainerConfig;
  DockerVersion: string;
  Author: string;
  Config: ImageConfig;
  Architecture: string;
  Variant?: string;
  Os: string;
  OsVersion?: string;
  /** Bytes, unpacked. */
  Size: number;
  /** Deprecated in 1.44 but still read by older clients; equal to `Size`. */
  VirtualSize?: number;
  GraphDriver: GraphDriverData;
  RootFS: { Type: string; Layers: string[] };
  Metadata: { LastTagTime?: string };
}

/** One row of `GET /images/json`. */
export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[];
  RepoDigests: string[];
  /** Unix seconds. */
  Created: number;
  Size: number;
  SharedSize: number;
  VirtualSize?: number;
  Labels: Record<string, string> | null;
  /** -1 when not computed, as Docker does. */
  Containers: number;
}

/** One entry of the `DELETE /images/{name}` answer. */
export type ImageDeleteResponseItem = { Untagged: string } | { Deleted: string };

export interface ProgressDetail {
  current?: number;
  total?: number;
}

/** One line of the `POST /images/create` stream (newline-delimited JSON). */
export interface PullProgress {
  status: string;
  /** The layer's short id (12 hex digits), or the tag for whole-image lines. */
  id?: string;
  /** A rendered progress bar; the docker CLI prints it as is. */
  progress?: string;
  progressDetail?: ProgressDetail;
}

/** The last line of a failed stream: Docker reports errors inside a 200 stream this way. */
export interface StreamError {
  error: string;
  errorDetail: { code?: number; message: string };
}

// ---------------------------------------------------------------------------------------------
// Volumes

export interface Volume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  /** RFC 3339. */
  CreatedAt?: string;
  Status?: Record<string, unknown>;
  Labels: Record<string, string> | null;
  Scope: 'local' | 'global';
  Options: Record<string, string> | null;
  UsageData?: { Size: number; RefCount: number } | null;
}

/** `POST /volumes/create` body. */
export interface VolumeCreateRequest {
  /** Empty or absent: the engine picks a random 64-hex name, as Docker does. */
  Name?: string;
  Driver?: string;
  DriverOpts?: Record<string, string>;
  Labels?: Record<string, string>;
}

/** `GET /volumes` answer. */
export interface VolumeListResponse {
  Volumes: Volume[];
  Warnings: string[] | null;
}

/** `POST /volumes/prune` answer. */
export interface VolumePruneResponse {
  VolumesDeleted: string[] | null;
  SpaceReclaimed: number;
}

// ---------------------------------------------------------------------------------------------
// Networks

/** One subnet of a network's `IPAM.Config`. */
export interface IPAMConfig {
  Subnet?: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

export interface IPAM {
  /** `default`: the engine's own address manager. */
  Driver?: string;
  Config?: IPAMConfig[] | null;
  Options?: Record<string, string> | null;
}

/** One container on a network, as `GET /networks/{id}` lists it under `Containers`. */
export interface NetworkContainer {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  /** With the prefix length: `10.89.0.2/24`. */
  IPv4Address: string;
  IPv6Address: string;
}

/** `GET /networks/{id}` and each row of `GET /networks` (Docker's `NetworkResource`). */
export interface NetworkInspect {
  Name: string;
  Id: string;
  /** RFC 3339 with nanoseconds. */
  Created: string;
  Scope: 'local' | 'swarm' | 'global';
  /** `bridge`, or `host` and `null` for the predefined networks of those names. */
  Driver: string;
  EnableIPv6: boolean;
  IPAM: IPAM;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigFrom: { Network: string };
  ConfigOnly: boolean;
  Containers: Record<string, NetworkContainer>;
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

/** `POST /networks/create` body. */
export interface NetworkCreateRequest {
  Name?: string;
  /** Deprecated since 1.44: names are always checked. */
  CheckDuplicate?: boolean;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  ConfigOnly?: boolean;
  ConfigFrom?: { Network?: string } | null;
  IPAM?: IPAM | null;
  EnableIPv6?: boolean | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** `POST /networks/create` answer. */
export interface NetworkCreateResponse {
  Id: string;
  Warning: string;
}

/** `POST /networks/{id}/connect` body. */
export interface NetworkConnectRequest {
  Container?: string;
  EndpointConfig?: EndpointSettings | null;
}

/** `POST /networks/{id}/disconnect` body. */
export interface NetworkDisconnectRequest {
  Container?: string;
  Force?: boolean;
}

/** `POST /networks/prune` answer. */
export interface NetworkPruneResponse {
  NetworksDeleted: string[] | null;
}

// ---------------------------------------------------------------------------------------------
// Events

export type EngineEventType =
  | 'builder'
  | 'config'
  | 'container'
  | 'daemon'
  | 'image'
  | 'network'
  | 'node'
  | 'plugin'
  | 'secret'
  | 'service'
  | 'volume';

/** One line of `GET /events`. Container events carry `name`, `image` and the labels in `Attributes`. */
export interface EngineEvent {
  Type: EngineEventType;
  /** `create`, `start`, `die`, `stop`, `kill`, `destroy`, `health_status: healthy`, `pull`, `delete` … */
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local' | 'swarm';
  /** Unix seconds. */
  time: number;
  /** Unix nanoseconds; a number loses precision past 2^53, so Docker's clients read it loosely. */
  timeNano: number;
  // Pre-1.22 fields Docker still sends for container and image events; the docker CLI prints them.
  status?: string;
  id?: string;
  from?: string;
}

// ---------------------------------------------------------------------------------------------
// Errors and system

/** Every error answer's body: `{"message": "No such container: x"}`. */
export interface ErrorResponse {
  message: string;
}

export interface ComponentVersion {
  Name: string;
  Version: string;
  Details?: Record<string, string>;
}

/** `GET /version`. */
export interface SystemVersion {
  Platform: { Name: string };
  Components: ComponentVersion[];
  Version: string;
  ApiVersion: string;
  MinAPIVersion: string;
  GitCommit: string;
  GoVersion: string;
  Os: string;
  Arch: string;
  KernelVersion: string;
  Experimental?: boolean;
  BuildTime: string;
}

export interface RuntimeInfo {
  path: string;
  runtimeArgs?: string[];
}

export interface CommitInfo {
  ID: string;
  Expected?: string;
}

/** `GET /info`: the subset the docker CLI prints, with swarm reported inactive. */
export interface SystemInfo {
  ID: string;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
  /** The storage driver: `overlay2` or `fuse-overlayfs`. */
  Driver: string;
  DriverStatus: [string, string][];
  DockerRootDir: string;
  Plugins: { Volume: string[]; Network: string[]; Authorization: string[] | null; Log: string[] };
  MemoryLimit: boolean;
  SwapLimit: boolean;
  CpuCfsPeriod: boolean;
  CpuCfsQuota: boolean;
  CPUShares: boolean;
  CPUSet: boolean;
  PidsLimit: boolean;
  OomKillDisable: boolean;
  IPv4Forwarding: boolean;
  Debug: boolean;
  NFd: number;
  NGoroutines: number;
  /** RFC 3339 with nanoseconds. */
  SystemTime: string;
  LoggingDriver: string;
  CgroupDriver: 'cgroupfs' | 'systemd' | 'none';
  CgroupVersion: '1' | '2';
  NEventsListener: number;
  KernelVersion: string;
  OperatingSystem: string;
  OSVersion: string;
  OSType: string;
  Architecture: string;
  NCPU: number;
  MemTotal: number;
  IndexServerAddress: string;
  RegistryConfig: {
    AllowNondistributableArtifactsCIDRs?: string[] | null;
    AllowNondistributableArtifactsHostnames?: string[] | null;
    InsecureRegistryCIDRs: string[];
    IndexConfigs: Record<string, { Name: string; Mirrors: string[]; Secure: boolean; Official: boolean }>;
    Mirrors: string[] | null;
  };
  HttpProxy: string;
  HttpsProxy: string;
  NoProxy: string;
  Name: string;
  Labels: string[];
  ExperimentalBuild: boolean;
  ServerVersion: string;
  Runtimes: Record<string, RuntimeInfo>;
  DefaultRuntime: string;
  Swarm: {
    NodeID: string;
    NodeAddr: string;
    LocalNodeState: '' | 'inactive' | 'pending' | 'active' | 'error' | 'locked';
    ControlAvailable: boolean;
    Error: string;
    RemoteManagers: null;
  };
  LiveRestoreEnabled: boolean;
  Isolation: string;
  InitBinary: string;
  ContainerdCommit: CommitInfo;
  RuncCommit: CommitInfo;
  InitCommit: CommitInfo;
  SecurityOptions: string[];
  Warnings: string[] | null;
}
