/**
 * What the container service asks of the networks (runtime/network's SandboxService implements
 * it): check a create request's networks and ports, join the networks before a start, release
 * them when a container stops for good or is removed, connect and disconnect a running container,
 * and the network parts of inspect and `docker ps`. An interface here, so the container service
 * runs without networks in tests that need none.
 */
import type { ContainerCreateRequest, EndpointSettings, NetworkSettings, Port } from '../api/engine-types.js';
import type { ContainerRecord } from './container-record.js';

export interface JoinedNetworks {
  /** The network namespace to join; absent: the engine's (`host`), or a new empty one (`none`). */
  netnsPath?: string;
  /** The container's address on its first network, for its /etc/hosts. */
  address?: string;
  /** Its DNS server (the first network's gateway); absent: the engine's resolvers. */
  nameservers?: string[];
  /**
   * Settles when the namespace is fully set up (addresses, routes, published ports); `netnsPath`
   * exists before, so the container can be created meanwhile. Its process must not start, and its
   * networks must not be released, before this settles; a rejection fails the start.
   */
  ready?: Promise<void>;
}

export interface ContainerNetworks {
  /** At create, before anything is made: the networks exist and the ports parse (Docker's 400, 404). */
  check(request: ContainerCreateRequest): void;
  /**
   * At start, and again at each restart (idempotent): links, address, DNS names, published ports.
   * Resolves once the namespace exists; the rest is `ready`.
   */
  attach(record: ContainerRecord): Promise<JoinedNetworks>;
  /**
   * Ahead of a created container's first start: its network namespace alone, empty (no link, no
   * address, no DNS name, no port: nothing anybody sees), so that the runtime can create the
   * container in it. `attach` then finds the namespace there. Undefined for a container that has
   * no namespace of its own on networks (`host`, `none`, `container:`). Undone by `release`.
   */
  prepareNamespace(record: ContainerRecord): Promise<string | undefined>;
  /**
   * When the container has stopped for good, or is removed: ports, links and addresses go, and a
   * namespace `prepareNamespace` made. Idempotent.
   */
  release(containerId: string): Promise<void>;
  /** Resolves a network reference to its name, or throws 404. */
  networkName(reference: string): string;
  /** A running container joins one more network (the record already lists it). */
  connect(record: ContainerRecord, networkName: string): Promise<void>;
  /** A running container leaves one network. */
  disconnect(record: ContainerRecord, networkName: string): Promise<void>;
  settings(record: ContainerRecord): NetworkSettings;
  summary(record: ContainerRecord): { Ports: Port[]; Networks: Record<string, EndpointSettings> };
}
