/**
 * `container:<name>` modes (`NetworkMode`, `PidMode`, `IpcMode`): the new container joins another
 * one's namespace, found through that container's pid as `/proc/<pid>/ns/<type>`. The other
 * container must be running, as in Docker. Pure apart from the lookup passed in.
 */
import type { HostConfig } from '../api/engine-types.js';
import { conflict } from '../status-error.js';
import type { ContainerRecord } from './container-record.js';

export type JoinableNamespace = 'pid' | 'network' | 'ipc';

export function joinedNamespaces(
  hostConfig: HostConfig,
  lookup: (reference: string) => ContainerRecord,
): Partial<Record<JoinableNamespace, string>> {
  const paths: Partial<Record<JoinableNamespace, string>> = {};
  const modes: [JoinableNamespace, string | undefined][] = [
    ['pid', hostConfig.PidMode],
    ['network', hostConfig.NetworkMode],
    ['ipc', hostConfig.IpcMode],
  ];
  for (const [type, mode] of modes) {
    if (!mode?.startsWith('container:')) continue;
    const other = lookup(mode.slice('container:'.length));
    if (!other.State.Running || other.State.Pid <= 0) {
      throw conflict(`cannot join container ${other.Name.slice(1)}: it is not running`);
    }
    paths[type] = `/proc/${other.State.Pid}/ns/${type === 'network' ? 'net' : type}`;
  }
  return paths;
}
