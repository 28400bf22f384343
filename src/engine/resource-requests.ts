/**
 * The Engine API requests for a project's networks and volumes: compose's fields translated to
 * Docker's (docker compose's create.go, resolveOrCreateNetwork and createVolume). Pure.
 */
import type { Mapping, NetworkConfig, VolumeConfig } from '../compose/project.js';
import type { NetworkCreateRequest, VolumeCreateRequest } from '../../runtime/api/engine-types.js';

interface IpamPool {
  subnet?: string;
  ip_range?: string;
  gateway?: string;
  aux_addresses?: Record<string, string>;
}

interface IpamConfig {
  driver?: string;
  config?: IpamPool[];
  options?: Record<string, string>;
}

export function networkCreateRequest(
  name: string,
  network: NetworkConfig,
  labels: Mapping,
): NetworkCreateRequest {
  const ipam = network.ipam as IpamConfig | undefined;
  const options = network.driver_opts as Record<string, string> | undefined;
  return {
    Name: name,
    Driver: network.driver ?? 'bridge',
    Labels: { ...labels },
    ...(network.internal === true ? { Internal: true } : {}),
    ...(network.attachable === true ? { Attachable: true } : {}),
    ...(typeof network.enable_ipv6 === 'boolean' ? { EnableIPv6: network.enable_ipv6 } : {}),
    ...(options && Object.keys(options).length > 0 ? { Options: stringValues(options) } : {}),
    ...(ipam
      ? {
          IPAM: {
            Driver: ipam.driver ?? 'default',
            Config: (ipam.config ?? []).map((pool) => ({
              ...(pool.subnet ? { Subnet: pool.subnet } : {}),
              ...(pool.ip_range ? { IPRange: pool.ip_range } : {}),
              ...(pool.gateway ? { Gateway: pool.gateway } : {}),
              ...(pool.aux_addresses ? { AuxiliaryAddresses: stringValues(pool.aux_addresses) } : {}),
            })),
            ...(ipam.options ? { Options: stringValues(ipam.options) } : {}),
          },
        }
      : {}),
  };
}

export function volumeCreateRequest(
  name: string,
  volume: VolumeConfig,
  labels: Mapping,
): VolumeCreateRequest {
  const options = volume.driver_opts as Record<string, string> | undefined;
  return {
    Name: name,
    ...(volume.driver ? { Driver: volume.driver } : {}),
    ...(options && Object.keys(options).length > 0 ? { DriverOpts: stringValues(options) } : {}),
    Labels: { ...labels },
  };
}

function stringValues(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
}
