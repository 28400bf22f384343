/**
 * `/version` and `/info`: what the engine is and what it holds. The host facts (kernel, CPUs,
 * runtime, storage driver) come in once from runtime/engine.ts; the counts are read from the
 * services at each call. The builders are pure so their output is tested field by field.
 */
import { MAX_API_VERSION, MIN_API_VERSION } from './api-version.js';
import type { ContainerService, ImageService, SystemService } from './engine-services.js';
import type { ContainerSummary, SystemInfo, SystemVersion } from './engine-types.js';

export interface SystemFacts {
  engineVersion: string;
  /** A stable id for this engine (Docker uses a UUID-like string). */
  engineId: string;
  hostname: string;
  kernelVersion: string;
  operatingSystem: string;
  osVersion: string;
  /** Go's names: `amd64`, `arm64`. */
  arch: string;
  /** `x86_64` style, as Docker's info prints it. */
  machine: string;
  cpus: number;
  memTotal: number;
  ociRuntime: { name: string; path: string; version: string };
  storageDriver: string;
  dataDir: string;
  cgroupVersion: '1' | '2';
  /** Node's version stands where Docker reports Go's. */
  nodeVersion: string;
  /** Shown by `docker info` under Warnings. */
  warnings: string[];
}

export interface SystemCounts {
  containers: ContainerSummary[];
  images: number;
}

export function buildSystemVersion(facts: SystemFacts): SystemVersion {
  return {
    Platform: { Name: 'tscompose engine' },
    Components: [
      {
        Name: 'Engine',
        Version: facts.engineVersion,
        Details: {
          ApiVersion: MAX_API_VERSION,
          MinAPIVersion: MIN_API_VERSION,
          Os: 'linux',
          Arch: facts.arch,
          KernelVersion: facts.kernelVersion,
          GitCommit: '',
          GoVersion: facts.nodeVersion,
          BuildTime: '',
          Experimental: 'false',
        },
      },
      { Name: facts.ociRuntime.name, Version: facts.ociRuntime.version, Details: { GitCommit: '' } },
    ],
    Version: facts.engineVersion,
    ApiVersion: MAX_API_VERSION,
    MinAPIVersion: MIN_API_VERSION,
    GitCommit: '',
    GoVersion: facts.nodeVersion,
    Os: 'linux',
    Arch: facts.arch,
    KernelVersion: facts.kernelVersion,
    Experimental: false,
    BuildTime: '',
  };
}

export function buildSystemInfo(facts: SystemFacts, counts: SystemCounts, now: Date): SystemInfo {
  const state = (name: string) => counts.containers.filter((container) => container.State === name).length;
  const running = state('running') + state('restarting');
  const paused = state('paused');
  return {
    ID: facts.engineId,
    Containers: counts.containers.length,
    ContainersRunning: running,
    ContainersPaused: paused,
    ContainersStopped: counts.containers.length - running - paused,
    Images: counts.images,
    Driver: facts.storageDriver,
    DriverStatus: [['Backing Filesystem', 'extfs']],
    DockerRootDir: facts.dataDir,
    Plugins: { Volume: ['local'], Network: ['host'], Authorization: null, Log: ['k8s-file'] },
    MemoryLimit: false,
    SwapLimit: false,
    CpuCfsPeriod: false,
    CpuCfsQuota: false,
    CPUShares: false,
    CPUSet: false,
    PidsLimit: false,
    OomKillDisable: false,
    IPv4Forwarding: true,
    Debug: false,
    NFd: 0,
    NGoroutines: 0,
    SystemTime: now.toISOString(),
    LoggingDriver: 'k8s-file',
    CgroupDriver: 'none',
    CgroupVersion: facts.cgroupVersion,
    NEventsListener: 0,
    KernelVersion: facts.kernelVersion,
    OperatingSystem: facts.operatingSystem,
    OSVersion: facts.osVersion,
    OSType: 'linux',
    Architecture: facts.machine,
    NCPU: facts.cpus,
    MemTotal: facts.memTotal,
    IndexServerAddress: 'https://index.docker.io/v1/',
    RegistryConfig: {
      InsecureRegistryCIDRs: ['127.0.0.0/8', '::1/128'],
      IndexConfigs: {
        'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true },
      },
      Mirrors: [],
    },
    HttpProxy: '',
    HttpsProxy: '',
    NoProxy: '',
    Name: facts.hostname,
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: facts.engineVersion,
    Runtimes: { [facts.ociRuntime.name]: { path: facts.ociRuntime.path } },
    DefaultRuntime: facts.ociRuntime.name,
    Swarm: {
      NodeID: '',
      NodeAddr: '',
      LocalNodeState: 'inactive',
      ControlAvailable: false,
      Error: '',
      RemoteManagers: null,
    },
    LiveRestoreEnabled: true,
    Isolation: '',
    InitBinary: 'catatonit',
    ContainerdCommit: { ID: '' },
    RuncCommit: { ID: '' },
    InitCommit: { ID: '' },
    SecurityOptions: ['name=seccomp,profile=unconfined', 'name=rootless'],
    Warnings: facts.warnings,
  };
}

/** The SystemService the API serves, reading counts from the live services. */
export function createSystemService(
  facts: SystemFacts,
  services: { containers: ContainerService; images: ImageService },
  clock: () => Date = () => new Date(),
): SystemService {
  return {
    version: async () => buildSystemVersion(facts),
    info: async () => {
      const [containers, images] = await Promise.all([
        services.containers.list({ all: true, filters: {} }),
        services.images.list({ filters: {} }),
      ]);
      return buildSystemInfo(facts, { containers, images: images.length }, clock());
    },
  };
}
