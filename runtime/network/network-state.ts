/**
 * The network service's memory: the networks and the sandboxes, kept in step with the store by
 * their owners (network-service.ts, sandbox-service.ts). Every allocation reads and reserves
 * here synchronously, before any await, so two containers starting together never get one
 * address. Lookups follow Docker: full id, then name, then a unique id prefix.
 */
import { cidrText, parseCidr, type Cidr } from './ipv4.js';
import { invalidNetworkRequest, networkNotFound } from './network-errors.js';
import type { NetworkRecord, SandboxRecord } from './network-record.js';
import type { BridgeNetwork } from './nat-ruleset.js';

/** slirp4netns' own network in the engine's namespace: no bridge may take it. */
const SLIRP_SUBNET = parseCidr('10.0.2.0/24') as Cidr;

export class NetworkState {
  readonly networks = new Map<string, NetworkRecord>();
  readonly sandboxes = new Map<string, SandboxRecord>();

  find(reference: string): NetworkRecord | undefined {
    const byId = this.networks.get(reference);
    if (byId) return byId;
    const all = [...this.networks.values()];
    const byName = all.find((network) => network.Name === reference);
    if (byName) return byName;
    if (!/^[0-9a-f]+$/.test(reference)) return undefined;
    const byPrefix = all.filter((network) => network.Id.startsWith(reference));
    if (byPrefix.length > 1)
      throw invalidNetworkRequest(
        `network ${reference} is ambiguous (${byPrefix.length} matches found based on ID prefix)`,
      );
    return byPrefix[0];
  }

  get(reference: string): NetworkRecord {
    const network = this.find(reference);
    if (!network) throw networkNotFound(reference);
    return network;
  }

  /** Addresses handed out on a network, by every sandbox. */
  usedAddresses(networkId: string): Set<string> {
    const used = new Set<string>();
    for (const sandbox of this.sandboxes.values()) {
      for (const endpoint of sandbox.Endpoints)
        if (endpoint.NetworkId === networkId) used.add(endpoint.Address);
    }
    return used;
  }

  hasEndpoints(networkId: string): boolean {
    return [...this.sandboxes.values()].some((sandbox) =>
      sandbox.Endpoints.some((endpoint) => endpoint.NetworkId === networkId),
    );
  }

  /** Subnets a new network must not overlap. */
  takenSubnets(): Cidr[] {
    const taken = [SLIRP_SUBNET];
    for (const network of this.networks.values()) {
      for (const subnet of network.IPAM.Config) {
        const cidr = parseCidr(subnet.Subnet);
        if (cidr) taken.push(cidr);
      }
    }
    return taken;
  }

  bridgeNetworks(): BridgeNetwork[] {
    return [...this.networks.values()]
      .filter((network) => network.Driver === 'bridge')
      .map((network) => ({
        bridge: network.Bridge,
        subnets: network.IPAM.Config.map((subnet) => cidrText(parseCidr(subnet.Subnet) ?? SLIRP_SUBNET)),
        internal: network.Internal,
      }));
  }
}
