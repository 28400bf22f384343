/**
 * Where a service container's network comes from: `network_mode` when set (already resolved from
 * `service:x` to `container:<id>`), `none` when the project has no networks, otherwise one
 * endpoint per network the service joins, the highest `priority` (then the first name) being the
 * primary one that names the NetworkMode. Each endpoint carries the aliases the engine's DNS
 * answers for: the container name, the service name, and the service's `aliases` there.
 */
import { compareText } from './compare-text.js';
import type { Project, ServiceConfig, ServiceNetworkConfig } from '../compose/project.js';
import type { EndpointSettings, NetworkingConfig } from '../../runtime/api/engine-types.js';

export interface NetworkSettings {
  readonly NetworkMode: string;
  readonly NetworkingConfig?: NetworkingConfig;
}

export interface NetworkSettingsInput {
  readonly project: Project;
  readonly serviceName: string;
  /** The service with its `service:` references resolved. */
  readonly service: ServiceConfig;
  readonly containerName: string;
}

export function networkSettings(input: NetworkSettingsInput): NetworkSettings {
  const { project, service } = input;
  if (typeof service.network_mode === 'string' && service.network_mode !== '') {
    return { NetworkMode: service.network_mode };
  }
  if (Object.keys(project.networks ?? {}).length === 0) return { NetworkMode: 'none' };
  const keys = networksByPriority(service);
  const primary = keys[0] ?? 'default';
  const endpoints: Record<string, EndpointSettings> = {};
  for (const key of keys.length > 0 ? keys : [primary]) {
    endpoints[engineNetworkName(project, key)] = endpoint(input, key, key === primary);
  }
  return {
    NetworkMode: engineNetworkName(project, primary),
    NetworkingConfig: { EndpointsConfig: endpoints },
  };
}

/** Network keys, highest priority first, then by name (compose-go's NetworksByPriority). */
export function networksByPriority(service: ServiceConfig): string[] {
  return Object.entries(service.networks ?? {})
    .map(([key, config]) => ({ key, priority: config?.priority ?? 0 }))
    .sort((a, b) => (a.priority !== b.priority ? b.priority - a.priority : compareText(a.key, b.key)))
    .map((entry) => entry.key);
}

function engineNetworkName(project: Project, key: string): string {
  return project.networks?.[key]?.name ?? `${project.name}_${key}`;
}

function endpoint(input: NetworkSettingsInput, key: string, primary: boolean): EndpointSettings {
  const config: ServiceNetworkConfig | null | undefined = input.service.networks?.[key];
  const settings: EndpointSettings = {
    Aliases: [input.containerName, input.serviceName, ...(config?.aliases ?? [])],
  };
  if (config?.ipv4_address || config?.ipv6_address) {
    settings.IPAMConfig = {
      ...(config.ipv4_address ? { IPv4Address: config.ipv4_address } : {}),
      ...(config.ipv6_address ? { IPv6Address: config.ipv6_address } : {}),
    };
  }
  const mac =
    (config?.mac_address as string | undefined) ??
    (primary ? (input.service.mac_address as string | undefined) : undefined);
  if (mac) settings.MacAddress = mac;
  const driverOpts = config?.driver_opts as Record<string, string> | undefined;
  if (driverOpts && Object.keys(driverOpts).length > 0) settings.DriverOpts = { ...driverOpts };
  return settings;
}
