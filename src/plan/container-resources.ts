/**
 * A service's resource settings as the Engine API's HostConfig resource fields (docker compose's
 * getDeployResources): the service-level fields first, `deploy.resources` limits and
 * reservations over them (the loader already refused two different values for the same thing).
 * Only the fields are filled that the service sets, so the request stays as small as the file.
 */
import type { ServiceConfig } from '../compose/project.js';
import type { DeviceMapping, HostConfig, Ulimit } from '../../runtime/api/engine-types.js';

type ResourceFields = Pick<
  HostConfig,
  | 'Memory'
  | 'MemoryReservation'
  | 'MemorySwap'
  | 'NanoCpus'
  | 'CpuShares'
  | 'CpuPeriod'
  | 'CpuQuota'
  | 'CpusetCpus'
  | 'PidsLimit'
  | 'OomKillDisable'
  | 'Ulimits'
  | 'Devices'
>;

interface DeployResources {
  limits?: { cpus?: number; memory?: number; pids?: number };
  reservations?: { memory?: number };
}

export function resourceSettings(service: ServiceConfig): ResourceFields {
  const fields: ResourceFields = {};
  const number = (name: string): number | undefined => {
    const value = service[name];
    return typeof value === 'number' ? value : undefined;
  };
  setIf(fields, 'Memory', number('mem_limit'));
  setIf(fields, 'MemoryReservation', number('mem_reservation'));
  setIf(fields, 'MemorySwap', number('memswap_limit'));
  const cpus = number('cpus');
  if (cpus) fields.NanoCpus = Math.round(cpus * 1e9);
  setIf(fields, 'CpuShares', number('cpu_shares'));
  setIf(fields, 'CpuPeriod', number('cpu_period'));
  setIf(fields, 'CpuQuota', number('cpu_quota'));
  if (typeof service.cpuset === 'string') fields.CpusetCpus = service.cpuset;
  setIf(fields, 'PidsLimit', number('pids_limit'));
  if (service.oom_kill_disable === true) fields.OomKillDisable = true;

  const deploy = (service.deploy as { resources?: DeployResources } | undefined)?.resources;
  setIf(fields, 'Memory', deploy?.limits?.memory);
  if (deploy?.limits?.cpus) fields.NanoCpus = Math.round(deploy.limits.cpus * 1e9);
  if (deploy?.limits?.pids && deploy.limits.pids > 0) fields.PidsLimit = deploy.limits.pids;
  setIf(fields, 'MemoryReservation', deploy?.reservations?.memory);

  const ulimits = ulimitList(service.ulimits);
  if (ulimits.length > 0) fields.Ulimits = ulimits;
  const devices = deviceList(service.devices);
  if (devices.length > 0) fields.Devices = devices;
  return fields;
}

function setIf<K extends keyof ResourceFields>(
  fields: ResourceFields,
  key: K,
  value: ResourceFields[K] | undefined,
): void {
  if (value !== undefined && value !== 0) fields[key] = value;
}

interface UlimitConfig {
  single?: number;
  soft?: number;
  hard?: number;
}

/** `nofile: {soft, hard}` and `nproc: 5` (single: both), sorted by name for a stable request. */
function ulimitList(ulimits: unknown): Ulimit[] {
  if (!ulimits || typeof ulimits !== 'object') return [];
  return Object.entries(ulimits as Record<string, UlimitConfig>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, limit]) => ({
      Name: name,
      Soft: limit.soft || (limit.single ?? 0),
      Hard: limit.hard || (limit.single ?? 0),
    }));
}

interface DeviceConfig {
  source?: string;
  target?: string;
  permissions?: string;
}

function deviceList(devices: unknown): DeviceMapping[] {
  if (!Array.isArray(devices)) return [];
  return (devices as DeviceConfig[]).map((device) => ({
    PathOnHost: device.source ?? '',
    PathInContainer: device.target ?? device.source ?? '',
    CgroupPermissions: device.permissions ?? 'rwm',
  }));
}
