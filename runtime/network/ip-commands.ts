/**
 * The iproute2 batch lines (`ip -batch -`) that build and take down the links: a bridge per
 * network with its gateway addresses; per container a network namespace, and per endpoint a veth
 * whose one end is on the bridge and whose other end is the container's eth<n> with its address
 * and MAC; the default route through the first network's gateway. One batch runs in the engine's
 * namespace and one inside the container's (`ip -n`), so an attach costs two short processes.
 *
 * Pure text.
 */
import type { EndpointRecord, NetworkRecord } from './network-record.js';
import { netnsName } from './network-record.js';

export function bridgeUpLines(network: Pick<NetworkRecord, 'Bridge' | 'IPAM'>): string[] {
  return [
    `link add ${network.Bridge} type bridge`,
    ...network.IPAM.Config.map((subnet) => {
      const prefix = subnet.Subnet.split('/')[1] ?? '24';
      return `addr add ${subnet.Gateway}/${prefix} dev ${network.Bridge}`;
    }),
    `link set ${network.Bridge} up`,
  ];
}

export function bridgeDownLines(network: Pick<NetworkRecord, 'Bridge'>): string[] {
  return [`link del ${network.Bridge}`];
}

/** In the engine's namespace: the namespace (when new) and each endpoint's veth on its bridge. */
export function hostAttachLines(
  containerId: string,
  endpoints: readonly { endpoint: EndpointRecord; bridge: string }[],
  createNetns: boolean,
): string[] {
  const netns = netnsName(containerId);
  return [
    ...(createNetns ? [`netns add ${netns}`] : []),
    ...endpoints.flatMap(({ endpoint, bridge }) => [
      `link add ${endpoint.HostVeth} type veth peer name ${endpoint.Interface} address ${endpoint.MacAddress} netns ${netns}`,
      `link set ${endpoint.HostVeth} master ${bridge} up`,
    ]),
  ];
}

/** Inside the container's namespace: loopback, addresses, and the default route when asked. */
export function containerAttachLines(
  endpoints: readonly EndpointRecord[],
  defaultGateway: string | undefined,
): string[] {
  return [
    'link set lo up',
    ...endpoints.flatMap((endpoint) => [
      `addr add ${endpoint.Address}/${endpoint.PrefixLen} dev ${endpoint.Interface}`,
      `link set ${endpoint.Interface} up`,
    ]),
    ...(defaultGateway ? [`route add default via ${defaultGateway}`] : []),
  ];
}

/**
 * Taking a container off its networks. With its namespace, removing the namespace is enough: the
 * kernel then destroys it with its veths (and so their ends on the bridges) in the background, in
 * one batch, some milliseconds later; deleting each veth here instead costs a network
 * synchronisation of ~20 ms apiece. Without it (one network left, or a namespace already gone) the
 * veths are deleted one by one. Run with `-force`: a link already gone is not a failure.
 */
export function hostDetachLines(
  containerId: string,
  endpoints: readonly Pick<EndpointRecord, 'HostVeth'>[],
  removeNetns: boolean,
): string[] {
  if (removeNetns) return [`netns del ${netnsName(containerId)}`];
  return endpoints.map((endpoint) => `link del ${endpoint.HostVeth}`);
}
