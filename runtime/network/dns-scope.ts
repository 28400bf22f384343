/**
 * Which names a DNS question may see: those of every network the asking container is on (found by
 * its source address on the network whose server got the question), as Docker's embedded DNS
 * does. A question from an address no container holds sees the server's own network only. Names
 * of other networks, and so of other projects, are not in the scope and go to the outside.
 *
 * Pure: networks and sandboxes come in as values.
 */
import type { DnsScope } from './dns-answer.js';
import { parseIpv4, reverseName } from './ipv4.js';
import type { SandboxRecord } from './network-record.js';

export interface AskingContainer {
  scope: DnsScope;
  /** The asking container's own `Dns` servers; empty means the engine's. */
  upstream: readonly string[];
}

export function dnsScope(
  networkId: string,
  source: string,
  sandboxes: Iterable<SandboxRecord>,
): AskingContainer {
  const all = [...sandboxes];
  const asking = all.find((sandbox) =>
    sandbox.Endpoints.some((endpoint) => endpoint.NetworkId === networkId && endpoint.Address === source),
  );
  const networks = new Set(asking ? asking.Endpoints.map((endpoint) => endpoint.NetworkId) : [networkId]);
  const names = new Map<string, string[]>();
  const byNetwork = new Map<string, Map<string, string[]>>();
  const reverse = new Map<string, string>();
  for (const sandbox of all) {
    for (const endpoint of sandbox.Endpoints) {
      if (!networks.has(endpoint.NetworkId)) continue;
      const networkName = endpoint.NetworkName.toLowerCase();
      const onNetwork = byNetwork.get(networkName) ?? new Map<string, string[]>();
      byNetwork.set(networkName, onNetwork);
      for (const name of endpoint.DnsNames) {
        addTo(names, name, endpoint.Address);
        addTo(onNetwork, name, endpoint.Address);
      }
      const address = parseIpv4(endpoint.Address);
      if (address !== undefined) {
        reverse.set(reverseName(address), `${sandbox.ContainerName}.${endpoint.NetworkName}`);
      }
    }
  }
  return { scope: { names, byNetwork, reverse }, upstream: asking?.Upstream ?? [] };
}

function addTo(map: Map<string, string[]>, name: string, address: string): void {
  const list = map.get(name) ?? [];
  if (!list.includes(address)) list.push(address);
  map.set(name, list);
}
