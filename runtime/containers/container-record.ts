/**
 * What the engine remembers about one container, on disk as `<dataDir>/containers/<id>/container.json`
 * and in memory while the engine runs. Most fields are Docker's own (`Config`, `HostConfig`, `State`
 * …) so inspect is a projection; the rest are what the engine needs to run, supervise and clean up
 * the container (`ConmonPid`, `ManuallyStopped`, the rootfs layers, the resolved mounts).
 *
 * Also the per-container file layout, so every module names the same paths.
 */
import { join } from 'node:path';
import type {
  ContainerConfig,
  ContainerState,
  HostConfig,
  MountPoint,
  NetworkingConfig,
} from '../api/engine-types.js';
import { rootfsLayout, type RootfsLayout, type StorageDriver } from '../storage/overlay-rootfs.js';
import type { OciMount } from './oci-spec.js';

export interface ContainerMount {
  /** What inspect's `Mounts` shows. */
  point: MountPoint;
  /** What runc mounts. */
  oci: OciMount;
  /** A fresh volume gets the image's content at its target on first start (Docker's copy-up). */
  copyUp: boolean;
  /** The volume was created for this container alone (`docker rm -v` removes it). */
  anonymous: boolean;
}

export interface ContainerRecord {
  Id: string;
  /** With Docker's leading slash. */
  Name: string;
  /** RFC 3339. */
  Created: string;
  Path: string;
  Args: string[];
  Config: ContainerConfig;
  HostConfig: HostConfig;
  NetworkingConfig: NetworkingConfig;
  /** The image id (`sha256:…`). */
  Image: string;
  State: ContainerState;
  RestartCount: number;
  /** Set by stop and kill, cleared by start: restart policies leave such a container alone. */
  ManuallyStopped: boolean;
  /** The conmon watching the current run; 0 when none. */
  ConmonPid: number;
  Mounts: ContainerMount[];
  Storage: { driver: StorageDriver; layerDirs: string[] };
}

export const NEVER = '0001-01-01T00:00:00Z';

export function createdState(): ContainerState {
  return {
    Status: 'created',
    Running: false,
    Paused: false,
    Restarting: false,
    OOMKilled: false,
    Dead: false,
    Pid: 0,
    ExitCode: 0,
    Error: '',
    StartedAt: NEVER,
    FinishedAt: NEVER,
  };
}

export interface ContainerFiles {
  dir: string;
  record: string;
  bundle: string;
  spec: string;
  rootfs: RootfsLayout;
  hostname: string;
  hosts: string;
  resolvConf: string;
  log: string;
  exitDir: string;
  exitFile: string;
  pidFile: string;
  conmonPidFile: string;
  conmonLog: string;
}

export function containerFiles(containersDir: string, id: string): ContainerFiles {
  const dir = join(containersDir, id);
  const bundle = join(dir, 'bundle');
  return {
    dir,
    record: join(dir, 'container.json'),
    bundle,
    spec: join(bundle, 'config.json'),
    rootfs: rootfsLayout(join(dir, 'rootfs')),
    hostname: join(dir, 'hostname'),
    hosts: join(dir, 'hosts'),
    resolvConf: join(dir, 'resolv.conf'),
    log: join(dir, 'ctr.log'),
    exitDir: join(dir, 'exit'),
    exitFile: join(dir, 'exit', id),
    pidFile: join(dir, 'pidfile'),
    conmonPidFile: join(dir, 'conmon.pid'),
    conmonLog: join(dir, 'conmon.log'),
  };
}
