/**
 * What the API shows of networks: `GET /networks/{id}` (with the containers attached, from their
 * sandboxes), and each container's `NetworkSettings` (inspect) and `Networks` and `Ports`
 * (`docker ps` rows). A stopped container still lists the networks it will join, with empty
 * addresses, as Docker does; compose reads them to decide whether a container must be recreated.
 *
 * Pure projections.
 */
import type {
  ContainerConfig,
  EndpointSettings,
  HostConfig,
  NetworkInspect,
  NetworkingConfig,
  NetworkSettings,
  Port,
} from '../api/engine-types.js';
import { DEFAULT_BRIDGE, networkMode, requestedEndpoint } from './container-endpoints.js';
import type { EndpointRecord, NetworkRecord, SandboxRecord } from './network-record.js';
import { inspectPorts, summaryPorts } from './port-views.js';

export function networkInspect(record: NetworkRecord, sandboxes: Iterable<SandboxRecord>): NetworkInspect {
  const containers: NetworkInspect['Containers'] = {};
  for (const sandbox of sandboxes) {
    for (const endpoint of sandbox.Endpoints) {
      if (endpoint.NetworkId !== record.Id) continue;
      containers[sandbox.ContainerId] = {
        Name: sandbox.ContainerName,
        EndpointID: endpoint.EndpointId,
        MacAddress: endpoint.MacAddress,
        IPv4Address: `${endpoint.Address}/${endpoint.PrefixLen}`,
        IPv6Address: '',
      };
    }
  }
  return {
    Name: record.Name,
    Id: record.Id,
    Created: record.Created,
    Scope: 'local',
    Driver: record.Driver,
    EnableIPv6: false,
    IPAM: {
      Driver: record.IPAM.Driver,
      Options: record.IPAM.Options,
      Config: record.IPAM.Config.map((subnet) => ({ ...subnet })),
    },
    Internal: record.Internal,
    Attachable: record.Attachable,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: containers,
    Options: record.Options,
    Labels: record.Labels,
  };
}

/** The parts of a container record its network views read. */
export interface ContainerNetworkView {
  HostConfig: Pick<HostConfig, 'NetworkMode'>;
  NetworkingConfig: NetworkingConfig;
  Config: Pick<ContainerConfig, 'ExposedPorts'>;
  State: { Running: boolean };
}

export type NetworkLookup = (reference: string) => NetworkRecord | undefined;

export function containerNetworks(
  container: ContainerNetworkView,
  sandbox: SandboxRecord | undefined,
  lookup: NetworkLookup,
): Record<string, EndpointSettings> {
  const mode = networkMode(container.HostConfig, container.NetworkingConfig);
  const names = mode.kind === 'networks' ? mode.names : mode.kind === 'container' ? [] : [mode.kind];
  const networks: Record<string, EndpointSettings> = {};
  for (const name of names) {
    const network = lookup(name);
    const key = network?.Name ?? name;
    const endpoint = sandbox?.Endpoints.find((candidate) => candidate.NetworkName === key);
    networks[key] = endpointSettings(
      requestedEndpoint(container.NetworkingConfig, [name, key, network?.Id ?? '']),
      network,
      container.State.Running ? endpoint : undefined,
    );
  }
  return networks;
}

function endpointSettings(
  requested: EndpointSettings,
  network: NetworkRecord | undefined,
  endpoint: EndpointRecord | undefined,
): EndpointSettings {
  return {
    IPAMConfig: requested.IPAMConfig ?? null,
    Links: requested.Links ?? null,
    Aliases: requested.Aliases ?? null,
    MacAddress: endpoint?.MacAddress ?? '',
    DriverOpts: requested.DriverOpts ?? null,
    NetworkID: network?.Id ?? '',
    EndpointID: endpoint?.EndpointId ?? '',
    Gateway: endpoint?.Gateway ?? '',
    IPAddress: endpoint?.Address ?? '',
    IPPrefixLen: endpoint?.PrefixLen ?? 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    // Docker reports null where nothing answers to names (the predefined bridge).
    DNSNames: endpoint && endpoint.DnsNames.length > 0 ? endpoint.DnsNames : null,
  };
}

export function containerNetworkSettings(
  container: ContainerNetworkView,
  sandbox: SandboxRecord | undefined,
  lookup: NetworkLookup,
): NetworkSettings {
  const networks = containerNetworks(container, sandbox, lookup);
  const running = container.State.Running ? sandbox : undefined;
  // Docker fills the top-level fields from the default bridge network only.
  const bridge = running?.Endpoints.find((endpoint) => endpoint.NetworkName === DEFAULT_BRIDGE);
  return {
    Bridge: '',
    SandboxID: running ? running.ContainerId : '',
    SandboxKey: running?.Netns ?? '',
    HairpinMode: false,
    LinkLocalIPv6Address: '',
    LinkLocalIPv6PrefixLen: 0,
    Ports: container.State.Running ? inspectPorts(container.Config.ExposedPorts, running?.Ports ?? []) : {},
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: bridge?.EndpointId ?? '',
    Gateway: bridge?.Gateway ?? '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    IPAddress: bridge?.Address ?? '',
    IPPrefixLen: bridge?.PrefixLen ?? 0,
    IPv6Gateway: '',
    MacAddress: bridge?.MacAddress ?? '',
    Networks: networks,
  };
}

export function containerSummaryPorts(
  container: ContainerNetworkView,
  sandbox: SandboxRecord | undefined,
): Port[] {
  if (!container.State.Running) return [];
  return summaryPorts(container.Config.ExposedPorts, sandbox?.Ports ?? []);
}
