/**
 * What the API shows of a container record: the inspect document and the `docker ps` row. Pure
 * projections; the record already holds Docker's shapes, so this adds only the derived fields
 * (file paths, the status text, the command line, the graph driver).
 */
import type { ContainerInspect, ContainerSummary } from '../api/engine-types.js';
import type { ContainerFiles, ContainerRecord } from './container-record.js';
import { statusText } from './status-text.js';

export function inspectContainer(record: ContainerRecord, files: ContainerFiles): ContainerInspect {
  return {
    Id: record.Id,
    Created: record.Created,
    Path: record.Path,
    Args: record.Args,
    State: record.State,
    Image: record.Image,
    ResolvConfPath: files.resolvConf,
    HostnamePath: files.hostname,
    HostsPath: files.hosts,
    LogPath: files.log,
    Name: record.Name,
    RestartCount: record.RestartCount,
    Driver: graphDriverName(record),
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: null,
    HostConfig: record.HostConfig,
    GraphDriver: {
      Name: graphDriverName(record),
      Data: {
        LowerDir: [...record.Storage.layerDirs].reverse().join(':'),
        UpperDir: files.rootfs.upper,
        WorkDir: files.rootfs.work,
        MergedDir: files.rootfs.merged,
      },
    },
    Mounts: record.Mounts.map((mount) => mount.point),
    Config: record.Config,
    NetworkSettings: { Ports: {}, Networks: {} },
  };
}

export function summarizeContainer(record: ContainerRecord, nowMs: number): ContainerSummary {
  return {
    Id: record.Id,
    Names: [record.Name],
    Image: record.Config.Image ?? record.Image,
    ImageID: record.Image,
    Command: [record.Path, ...record.Args].map(quoteIfNeeded).join(' '),
    Created: Math.floor(Date.parse(record.Created) / 1000),
    Ports: [],
    Labels: record.Config.Labels ?? {},
    State: record.State.Status,
    Status: statusText(record.State, nowMs),
    HostConfig: { NetworkMode: record.HostConfig.NetworkMode || 'default' },
    NetworkSettings: { Networks: {} },
    Mounts: record.Mounts.map((mount) => mount.point),
  };
}

/** Docker calls native overlay `overlay2`. */
function graphDriverName(record: ContainerRecord): string {
  return record.Storage.driver === 'overlay' ? 'overlay2' : 'fuse-overlayfs';
}

function quoteIfNeeded(arg: string): string {
  return /\s/.test(arg) || arg === '' ? JSON.stringify(arg) : arg;
}
