/**
 * What the network service remembers, on disk under `<dataDir>/networks/`: one record per network
 * (`<id>.json`, Docker's fields plus the Linux bridge's name) and one sandbox per attached
 * container (`sandboxes/<container id>.json`: its network namespace, its endpoints with their
 * addresses and DNS names, and its published ports with rootlesskit's forward ids). A network's
 * endpoints are not stored with the network: they are the sandboxes' endpoints on it, so a
 * container's attach or release writes one file.
 *
 * Also the names derived from ids (bridge, veth, netns), so every module names the same links.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

export type NetworkDriver = 'bridge' | 'host' | 'null';

export interface IpamSubnet {
  Subnet: string;
  Gateway: string;
  IPRange?: string;
}

export interface NetworkRecord {
  Id: string;
  Name: string;
  /** RFC 3339. */
  Created: string;
  Driver: NetworkDriver;
  Internal: boolean;
  Attachable: boolean;
  Labels: Record<string, string>;
  Options: Record<string, string>;
  IPAM: { Driver: string; Options: Record<string, string>; Config: IpamSubnet[] };
  /** The Linux bridge (`br-<id12>`); empty for `host` and `none`. */
  Bridge: string;
  /** `bridge`, `host` and `none`: made by the engine, never removed. */
  Predefined: boolean;
}

export interface EndpointRecord {
  NetworkId: string;
  NetworkName: string;
  EndpointId: string;
  /** The interface inside the container: eth0, eth1 … */
  Interface: string;
  /** The veth's end on the bridge, in the engine's namespace. */
  HostVeth: string;
  Address: string;
  PrefixLen: number;
  Gateway: string;
  MacAddress: string;
  /** What the client asked for (`Aliases`), kept for inspect. */
  Aliases: string[];
  /** Every name this endpoint answers to on its network's DNS. */
  DnsNames: string[];
  /** The endpoint config as the client sent it (`IPAMConfig`, `DriverOpts`). */
  Requested: { IPv4Address?: string };
}

export type PortProtocol = 'tcp' | 'udp';

export interface BoundPort {
  Protocol: PortProtocol;
  ContainerPort: number;
  HostIp: string;
  HostPort: number;
  /** The address rootlesskit forwards to: the container's, on its first network. */
  ChildIp: string;
  /** rootlesskit's id for this forward; it changes when the forward is re-added after a restart. */
  ForwardId: number;
}

export interface SandboxRecord {
  ContainerId: string;
  /** Without Docker's leading slash. */
  ContainerName: string;
  /** The bind-mounted network namespace the container joins (`/run/netns/tsc-<id>`). */
  Netns: string;
  Endpoints: EndpointRecord[];
  Ports: BoundPort[];
  /** The container's own `Dns` servers: its DNS queries for outside names go there. */
  Upstream: string[];
}

export function newNetworkId(): string {
  return randomBytes(32).toString('hex');
}

/** Docker's bridge naming: `br-` and the first 12 hex digits of the id (15 characters, the limit). */
export function bridgeName(networkId: string): string {
  return `br-${networkId.slice(0, 12)}`;
}

/**
 * The veth end in the engine's namespace for one container on one network: 15 characters at most,
 * and distinct per (container, network), hence a digest of both.
 */
export function hostVethName(containerId: string, networkId: string): string {
  const digest = createHash('sha256').update(`${containerId}/${networkId}`).digest('hex');
  return `veth${digest.slice(0, 11)}`;
}

/** The container's network namespace, bind-mounted by `ip netns add` in the engine's /run. */
export function netnsName(containerId: string): string {
  return `tsc-${containerId}`;
}

export function netnsPath(containerId: string): string {
  return join('/run/netns', netnsName(containerId));
}

/** Docker derives a container's MAC from its address on the bridge: 02:42 and the four bytes. */
export function macFromAddress(address: string): string {
  const bytes = address.split('.').map((part) => Number(part).toString(16).padStart(2, '0'));
  return ['02', '42', ...bytes].join(':');
}
