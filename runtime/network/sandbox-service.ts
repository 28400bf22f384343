/**
 * Containers on networks: the container service calls `attach` before each start and `release`
 * when a container stops for good or is removed. A container's sandbox is a network namespace
 * bind-mounted at /run/netns/tsc-<id> in the engine's mount namespace (runc joins it by path), one
 * veth per network from the namespace to the network's bridge, an address per network with the
 * default route through the first network's gateway, its DNS names on each network, and its
 * published ports as rootlesskit forwards to its first address.
 *
 * The sandbox is written before any link is made, so a crash half-way leaves a record that
 * `release` can finish; the address is reserved in memory before the first await. The namespace
 * survives the container's process, so a restart-policy restart reuses it unchanged.
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { ContainerCreateRequest, EndpointSettings } from '../api/engine-types.js';
import type { ContainerNetworks, JoinedNetworks } from '../containers/container-networks.js';
import type { ContainerRecord } from '../containers/container-record.js';
import type { EventFields } from '../events.js';
import { networkMode } from './container-endpoints.js';
import { endpointDnsNames } from './dns-names.js';
import { containerAttachLines, hostAttachLines, hostDetachLines } from './ip-commands.js';
import type { IpRunner } from './ip-runner.js';
import { allocateAddress } from './ipam.js';
import { forbidden, invalidNetworkRequest } from './network-errors.js';
import {
  hostVethName,
  macFromAddress,
  netnsName,
  netnsPath,
  type EndpointRecord,
  type NetworkRecord,
  type SandboxRecord,
} from './network-record.js';
import type { NetworkState } from './network-state.js';
import type { NetworkStore } from './network-store.js';
import { containerNetworks, containerNetworkSettings, containerSummaryPorts } from './network-views.js';
import { portRequests } from './port-requests.js';
import { forwardSpec, matchForwards, publishPorts, unpublishPorts } from './publish-ports.js';
import type { PortDriver } from './rootlesskit-ports.js';
import { trace } from '../api/trace.js';

export interface SandboxDeps {
  ip: IpRunner;
  ports: PortDriver;
  publish(event: EventFields): void;
  log(line: string): void;
}

export class SandboxService implements ContainerNetworks {
  private readonly releasing = new Map<string, Promise<void>>();

  constructor(
    private readonly state: NetworkState,
    private readonly store: NetworkStore,
    private readonly deps: SandboxDeps,
  ) {}

  check(request: ContainerCreateRequest): void {
    const hostConfig = request.HostConfig ?? {};
    const mode = networkMode(hostConfig, request.NetworkingConfig);
    if (mode.kind === 'networks') for (const name of mode.names) this.state.get(name);
    portRequests(hostConfig, request.ExposedPorts);
  }

  networkName(reference: string): string {
    return this.state.get(reference).Name;
  }

  async attach(record: ContainerRecord): Promise<JoinedNetworks> {
    const mode = networkMode(record.HostConfig, record.NetworkingConfig);
    if (mode.kind !== 'networks') return {};
    const existing = this.state.sandboxes.get(record.Id);
    if (existing && existsSync(existing.Netns)) return this.joined(existing);
    // A sandbox without its namespace: the namespaces were recreated since; start afresh.
    if (existing) await this.release(record.Id);
    const networks = uniqueById(mode.names.map((name) => this.state.get(name)));
    const endpoints = networks.map((network, index) => this.newEndpoint(record, network, index));
    const sandbox: SandboxRecord = {
      ContainerId: record.Id,
      ContainerName: record.Name.slice(1),
      Netns: netnsPath(record.Id),
      Endpoints: endpoints,
      Ports: [],
      Upstream: [...(record.HostConfig.Dns ?? [])],
    };
    this.state.sandboxes.set(record.Id, sandbox);
    try {
      await this.store.saveSandbox(sandbox);
      trace(`attach ${record.Name} saved`);
      await this.deps.ip.run(
        hostAttachLines(record.Id, this.withBridges(endpoints), !existsSync(sandbox.Netns)),
      );
      trace(`attach ${record.Name} host-ip`);
    } catch (error) {
      await this.release(record.Id);
      throw error;
    }
    const ready = this.configure(record, sandbox);
    // The caller awaits `ready` before the container's process starts, and before a release after
    // a failed start; this only keeps a failure that comes before that await from being unhandled.
    ready.catch(() => undefined);
    return { ...this.joined(sandbox), ready };
  }

  /**
   * The second half of an attach, once the namespace and its veths exist: addresses, routes and
   * published ports. It runs while the container is being created, which needs only the namespace.
   */
  private async configure(record: ContainerRecord, sandbox: SandboxRecord): Promise<void> {
    const endpoints = sandbox.Endpoints;
    try {
      await this.deps.ip.run(containerAttachLines(endpoints, endpoints[0]?.Gateway), {
        netns: netnsName(record.Id),
      });
      trace(`attach ${record.Name} netns-ip`);
      const requests = portRequests(record.HostConfig, record.Config.ExposedPorts);
      if (requests.length > 0) {
        sandbox.Ports = await publishPorts(
          this.deps.ports,
          requests,
          endpoints[0]?.Address ?? '',
          sandbox.ContainerName,
        );
        await this.store.saveSandbox(sandbox);
      }
    } catch (error) {
      await this.release(record.Id);
      throw error;
    }
    for (const endpoint of endpoints) this.event('connect', endpoint, record.Id);
  }

  async prepareNamespace(record: ContainerRecord): Promise<string | undefined> {
    const mode = networkMode(record.HostConfig, record.NetworkingConfig);
    if (mode.kind !== 'networks') return undefined;
    const path = netnsPath(record.Id);
    if (!existsSync(path)) await this.deps.ip.run(hostAttachLines(record.Id, [], true));
    return path;
  }

  async release(containerId: string): Promise<void> {
    const running = this.releasing.get(containerId);
    if (running) return running;
    const sandbox = this.state.sandboxes.get(containerId);
    if (!sandbox) {
      // A namespace made ahead of a start that never came (`prepareNamespace`).
      if (existsSync(netnsPath(containerId)))
        await this.deps.ip.run(hostDetachLines(containerId, [], true), { tolerant: true });
      return;
    }
    const work = this.tearDown(sandbox);
    this.releasing.set(containerId, work);
    try {
      await work;
    } finally {
      this.releasing.delete(containerId);
    }
  }

  async connect(record: ContainerRecord, networkName: string): Promise<void> {
    const sandbox = this.state.sandboxes.get(record.Id);
    if (!sandbox) return; // not running: it joins at its next start
    const network = this.state.get(networkName);
    if (sandbox.Endpoints.some((endpoint) => endpoint.NetworkId === network.Id)) {
      throw forbidden(
        `endpoint with name ${sandbox.ContainerName} already exists in network ${network.Name}`,
      );
    }
    const taken = new Set(sandbox.Endpoints.map((endpoint) => endpoint.Interface));
    let index = 0;
    while (taken.has(`eth${index}`)) index++;
    const endpoint = this.newEndpoint(record, network, index);
    sandbox.Endpoints.push(endpoint);
    try {
      await this.deps.ip.run(hostAttachLines(record.Id, this.withBridges([endpoint]), false));
      await this.deps.ip.run(containerAttachLines([endpoint], undefined), { netns: netnsName(record.Id) });
      await this.store.saveSandbox(sandbox);
    } catch (error) {
      sandbox.Endpoints = sandbox.Endpoints.filter((candidate) => candidate !== endpoint);
      await this.deps.ip.run(hostDetachLines(record.Id, [endpoint], false), { tolerant: true });
      throw error;
    }
    this.event('connect', endpoint, record.Id);
  }

  async disconnect(record: ContainerRecord, networkName: string): Promise<void> {
    const sandbox = this.state.sandboxes.get(record.Id);
    const endpoint = sandbox?.Endpoints.find((candidate) => candidate.NetworkName === networkName);
    if (!sandbox || !endpoint) return;
    sandbox.Endpoints = sandbox.Endpoints.filter((candidate) => candidate !== endpoint);
    await this.unlink(record.Id, [endpoint], false);
    await this.store.saveSandbox(sandbox);
    this.event('disconnect', endpoint, record.Id);
  }

  settings(record: ContainerRecord): ReturnType<typeof containerNetworkSettings> {
    return containerNetworkSettings(record, this.state.sandboxes.get(record.Id), (name) => this.lookup(name));
  }

  summary(record: ContainerRecord): {
    Ports: ReturnType<typeof containerSummaryPorts>;
    Networks: Record<string, EndpointSettings>;
  } {
    const sandbox = this.state.sandboxes.get(record.Id);
    return {
      Ports: containerSummaryPorts(record, sandbox),
      Networks: containerNetworks(record, sandbox, (name) => this.lookup(name)),
    };
  }

  /**
   * After an engine restart: rootlesskit kept its forwards, but the sandboxes may disagree (a
   * forward lost with a restarted rootlesskit, or one left by a container removed meanwhile).
   */
  async repairPorts(): Promise<void> {
    const sandboxes = [...this.state.sandboxes.values()];
    const wanted = sandboxes.flatMap((sandbox) => sandbox.Ports);
    const actual = await this.deps.ports.list();
    const { ids, stale } = matchForwards(wanted, actual);
    await unpublishPorts(
      this.deps.ports,
      stale.map((id) => ({ ForwardId: id })),
    );
    let index = 0;
    for (const sandbox of sandboxes) {
      let changed = false;
      for (const port of sandbox.Ports) {
        const id = ids[index++];
        if (id === port.ForwardId) continue;
        changed = true;
        if (id !== undefined) {
          port.ForwardId = id;
          continue;
        }
        try {
          port.ForwardId = await this.deps.ports.add(forwardSpec(port));
        } catch (error) {
          this.deps.log(
            `container ${sandbox.ContainerName}: could not publish ${port.HostIp}:${port.HostPort} again: ${(error as Error).message}`,
          );
        }
      }
      if (changed) await this.store.saveSandbox(sandbox);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private async tearDown(sandbox: SandboxRecord): Promise<void> {
    try {
      await unpublishPorts(this.deps.ports, sandbox.Ports);
    } catch (error) {
      // rootlesskit unreachable: the links must still go; the next engine start removes the forwards.
      this.deps.log(
        `container ${sandbox.ContainerName}: removing its ports failed: ${(error as Error).message}`,
      );
    }
    sandbox.Ports = [];
    await this.unlink(sandbox.ContainerId, sandbox.Endpoints, existsSync(sandbox.Netns));
    this.state.sandboxes.delete(sandbox.ContainerId);
    await this.store.deleteSandbox(sandbox.ContainerId);
    for (const endpoint of sandbox.Endpoints) this.event('disconnect', endpoint, sandbox.ContainerId);
  }

  private async unlink(
    containerId: string,
    endpoints: readonly EndpointRecord[],
    removeNetns: boolean,
  ): Promise<void> {
    const complaints = await this.deps.ip.run(hostDetachLines(containerId, endpoints, removeNetns), {
      tolerant: true,
    });
    const unexpected = complaints
      .split('\n')
      .filter((line) => line.trim() !== '' && !/Cannot find device|Command failed|does not exist/.test(line));
    if (unexpected.length > 0) this.deps.log(`container ${containerId}: ${unexpected.join('; ')}`);
  }

  private newEndpoint(record: ContainerRecord, network: NetworkRecord, index: number): EndpointRecord {
    const subnet = network.IPAM.Config[0];
    if (!subnet) throw invalidNetworkRequest(`network ${network.Name} has no IPv4 subnet to attach to`);
    const requested = this.requestedFor(record, network);
    const address = allocateAddress(
      subnet,
      this.state.usedAddresses(network.Id),
      requested.IPAMConfig?.IPv4Address || undefined,
    );
    const aliases = [...(requested.Aliases ?? [])];
    return {
      NetworkId: network.Id,
      NetworkName: network.Name,
      EndpointId: randomBytes(32).toString('hex'),
      Interface: `eth${index}`,
      HostVeth: hostVethName(record.Id, network.Id),
      Address: address,
      PrefixLen: Number(subnet.Subnet.split('/')[1] ?? 24),
      Gateway: subnet.Gateway,
      MacAddress: requested.MacAddress || macFromAddress(address),
      Aliases: aliases,
      // The predefined bridge has no DNS server, as in Docker: its containers are found by address.
      DnsNames: network.Predefined
        ? []
        : endpointDnsNames({
            containerId: record.Id,
            containerName: record.Name.slice(1),
            aliases,
            labels: record.Config.Labels ?? {},
          }),
      Requested: requested.IPAMConfig?.IPv4Address ? { IPv4Address: requested.IPAMConfig.IPv4Address } : {},
    };
  }

  /** The client's endpoint settings for this network, under whichever name or id it used. */
  private requestedFor(record: ContainerRecord, network: NetworkRecord): EndpointSettings {
    for (const [key, settings] of Object.entries(record.NetworkingConfig.EndpointsConfig ?? {})) {
      if (this.lookup(key)?.Id === network.Id) return settings;
    }
    return {};
  }

  private withBridges(endpoints: readonly EndpointRecord[]): { endpoint: EndpointRecord; bridge: string }[] {
    return endpoints.map((endpoint) => ({
      endpoint,
      bridge: this.state.networks.get(endpoint.NetworkId)?.Bridge ?? '',
    }));
  }

  private joined(sandbox: SandboxRecord): JoinedNetworks {
    const primary = sandbox.Endpoints[0];
    const network = primary ? this.state.networks.get(primary.NetworkId) : undefined;
    return {
      netnsPath: sandbox.Netns,
      ...(primary ? { address: primary.Address } : {}),
      ...(primary && network && !network.Predefined ? { nameservers: [primary.Gateway] } : {}),
    };
  }

  /** A lookup for views, where an ambiguous or unknown reference is simply not a network. */
  private lookup(reference: string): NetworkRecord | undefined {
    try {
      return this.state.find(reference);
    } catch (error) {
      // NetworkError 400: an id prefix matching several networks.
      if (error instanceof Error && error.name === 'NetworkError') return undefined;
      throw error;
    }
  }

  private event(action: 'connect' | 'disconnect', endpoint: EndpointRecord, containerId: string): void {
    this.deps.publish({
      type: 'network',
      action,
      id: endpoint.NetworkId,
      attributes: { container: containerId, name: endpoint.NetworkName, type: 'bridge' },
    });
  }
}

function uniqueById(networks: readonly NetworkRecord[]): NetworkRecord[] {
  return networks.filter(
    (network, index) => networks.findIndex((other) => other.Id === network.Id) === index,
  );
}
