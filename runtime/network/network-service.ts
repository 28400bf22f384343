/**
 * The engine's networks, Docker's verbs: create, list, inspect, remove, prune. A bridge network is
 * a Linux bridge in the engine's network namespace with the gateway address on it, a rule set in
 * the engine's nftables table (outbound masquerade, isolation from the other bridges) and a DNS
 * server on the gateway for the names of the containers on it. The predefined `bridge` network
 * (10.88.0.0/16) is where containers go by default, without names, as in Docker; `host` and `none`
 * are the engine's namespace and an empty one.
 *
 * Containers join and leave networks through `sandboxes` (sandbox-service.ts), which shares this
 * service's state. `recover` rebuilds everything after an engine restart: records from disk,
 * bridges that went missing, the rule set, DNS servers, and the published ports.
 *
 * Not here: IPv6, drivers other than bridge, swarm scopes.
 */
import { join } from 'node:path';
import type {
  NetworkCreateRequest,
  NetworkCreateResponse,
  NetworkInspect,
  NetworkPruneResponse,
  ListFilters,
} from '../api/engine-types.js';
import type { EventFields } from '../events.js';
import { DnsServer } from './dns-server.js';
import { dnsScope } from './dns-scope.js';
import { bridgeDownLines, bridgeUpLines } from './ip-commands.js';
import type { IpRunner } from './ip-runner.js';
import { DEFAULT_BRIDGE_SUBNET, planSubnets } from './ipam.js';
import type { NatTable } from './nat-table.js';
import { forbidden, invalidNetworkRequest, NetworkError, networkConflict } from './network-errors.js';
import { bridgeName, newNetworkId, type NetworkRecord } from './network-record.js';
import { NetworkState } from './network-state.js';
import { NetworkStore } from './network-store.js';
import { selectNetworks } from './network-filters.js';
import { networkInspect } from './network-views.js';
import type { PortDriver } from './rootlesskit-ports.js';
import { SandboxService } from './sandbox-service.js';

export interface NetworkServiceDeps {
  /** `<dataDir>/networks`. */
  dir: string;
  ip: IpRunner;
  nat: NatTable;
  ports: PortDriver;
  publish(event: EventFields): void;
  log(line: string): void;
  /** The engine's resolvers, where the DNS servers relay outside names. */
  upstream(): readonly string[];
  now?: () => Date;
  /** 53 unless a test needs another. */
  dnsPort?: number;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const PREDEFINED: readonly { name: string; driver: NetworkRecord['Driver'] }[] = [
  { name: 'bridge', driver: 'bridge' },
  { name: 'host', driver: 'host' },
  { name: 'none', driver: 'null' },
];

export class NetworkService {
  readonly sandboxes: SandboxService;
  private readonly state = new NetworkState();
  private readonly store: NetworkStore;
  private readonly dns = new Map<string, DnsServer>();
  private readonly now: () => Date;

  constructor(private readonly deps: NetworkServiceDeps) {
    this.store = new NetworkStore(deps.dir);
    this.now = deps.now ?? (() => new Date());
    this.sandboxes = new SandboxService(this.state, this.store, {
      ip: deps.ip,
      ports: deps.ports,
      publish: deps.publish,
      log: deps.log,
    });
  }

  /** After a (re)start: records, predefined networks, bridges, rules, DNS servers, ports. */
  async recover(): Promise<void> {
    for (const network of await this.store.loadNetworks()) this.state.networks.set(network.Id, network);
    for (const sandbox of await this.store.loadSandboxes())
      this.state.sandboxes.set(sandbox.ContainerId, sandbox);
    for (const { name, driver } of PREDEFINED) {
      if (this.state.find(name)) continue;
      const record = this.newRecord(name, driver, {
        Predefined: true,
        IPAM:
          driver === 'bridge'
            ? {
                Driver: 'default',
                Options: {},
                Config: [{ Subnet: DEFAULT_BRIDGE_SUBNET, Gateway: '10.88.0.1' }],
              }
            : { Driver: 'default', Options: {}, Config: [] },
      });
      this.state.networks.set(record.Id, record);
      await this.store.saveNetwork(record);
    }
    await this.deps.ip.prepareNetns();
    const present = new Set(
      (await this.deps.ip.json<{ ifname: string }[]>(['link', 'show', 'type', 'bridge'])).map(
        (link) => link.ifname,
      ),
    );
    for (const network of this.state.networks.values()) {
      if (network.Driver === 'bridge' && !present.has(network.Bridge))
        await this.deps.ip.run(bridgeUpLines(network));
    }
    await this.deps.nat.apply(this.state.bridgeNetworks());
    for (const network of this.state.networks.values()) await this.startDns(network);
    try {
      await this.sandboxes.repairPorts();
    } catch (error) {
      // rootlesskit's API unreachable: containers run, their ports are repaired at the next start.
      this.deps.log(`published ports not repaired: ${(error as Error).message}`);
    }
  }

  /** Stops the DNS servers (the engine is going away); links and forwards stay for the next engine. */
  close(): void {
    for (const server of this.dns.values()) server.close();
    this.dns.clear();
  }

  async create(request: NetworkCreateRequest): Promise<NetworkCreateResponse> {
    const name = request.Name ?? '';
    if (!NAME.test(name))
      throw invalidNetworkRequest(
        `invalid network name "${name}": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
      );
    if (this.state.find(name)?.Name === name)
      throw networkConflict(`network with name ${name} already exists`);
    const driver = request.Driver || 'bridge';
    if (driver === 'host' || driver === 'null')
      throw forbidden(`only one instance of "${driver}" network is allowed`);
    if (driver !== 'bridge') throw new NetworkError(404, `plugin "${driver}" not found`);
    if (request.EnableIPv6) throw invalidNetworkRequest('IPv6 networks are not supported by this engine');
    if (request.IPAM?.Driver && request.IPAM.Driver !== 'default') {
      throw invalidNetworkRequest(`IPAM driver "${request.IPAM.Driver}" is not supported; only "default" is`);
    }
    const record = this.newRecord(name, 'bridge', {
      Internal: request.Internal ?? false,
      Attachable: request.Attachable ?? false,
      Labels: { ...(request.Labels ?? {}) },
      Options: { ...(request.Options ?? {}) },
      IPAM: {
        Driver: 'default',
        Options: { ...(request.IPAM?.Options ?? {}) },
        Config: planSubnets(request.IPAM?.Config, this.state.takenSubnets()),
      },
    });
    // Reserved before the first await: a concurrent create sees the name and the subnet taken.
    this.state.networks.set(record.Id, record);
    try {
      await this.store.saveNetwork(record);
      // The NAT rules name bridges by interface name, so they need not wait for the bridge.
      await Promise.all([
        this.deps.ip.run(bridgeUpLines(record)).then(() => this.startDns(record)),
        this.deps.nat.apply(this.state.bridgeNetworks()),
      ]);
    } catch (error) {
      await this.discard(record);
      throw error;
    }
    this.deps.publish({
      type: 'network',
      action: 'create',
      id: record.Id,
      attributes: { name, type: 'bridge' },
    });
    return { Id: record.Id, Warning: '' };
  }

  async list(filters: ListFilters): Promise<NetworkInspect[]> {
    const selected = selectNetworks([...this.state.networks.values()], filters, (network) =>
      this.state.hasEndpoints(network.Id),
    );
    return selected
      .sort((a, b) => a.Name.localeCompare(b.Name))
      .map((network) => networkInspect(network, this.state.sandboxes.values()));
  }

  async inspect(reference: string): Promise<NetworkInspect> {
    return networkInspect(this.state.get(reference), this.state.sandboxes.values());
  }

  async remove(reference: string): Promise<void> {
    const record = this.state.get(reference);
    if (record.Predefined) throw forbidden(`${record.Name} is a pre-defined network and cannot be removed`);
    if (this.state.hasEndpoints(record.Id)) {
      throw forbidden(
        `error while removing network: network ${record.Name} id ${record.Id} has active endpoints`,
      );
    }
    await this.discard(record);
    this.deps.publish({
      type: 'network',
      action: 'destroy',
      id: record.Id,
      attributes: { name: record.Name, type: record.Driver },
    });
  }

  async prune(filters: ListFilters): Promise<NetworkPruneResponse> {
    const candidates = selectNetworks([...this.state.networks.values()], filters, (network) =>
      this.state.hasEndpoints(network.Id),
    ).filter((network) => !network.Predefined && !this.state.hasEndpoints(network.Id));
    const deleted: string[] = [];
    for (const network of candidates) {
      await this.remove(network.Id);
      deleted.push(network.Name);
    }
    return { NetworksDeleted: deleted };
  }

  /** Takes a network's bridge, rules, DNS server and record away; tolerant of half-made networks. */
  private async discard(record: NetworkRecord): Promise<void> {
    this.state.networks.delete(record.Id);
    this.dns.get(record.Id)?.close();
    this.dns.delete(record.Id);
    // The bridge and its NAT rules go side by side: the rules name the bridge, not its index.
    const [complaints] = await Promise.all([
      this.deps.ip.run(bridgeDownLines(record), { tolerant: true }),
      this.deps.nat.apply(this.state.bridgeNetworks()),
    ]);
    if (complaints && !/Cannot find device/.test(complaints))
      this.deps.log(`network ${record.Name}: ${complaints}`);
    await this.store.deleteNetwork(record.Id);
  }

  /** A DNS server on each user-defined bridge's gateways; the predefined bridge has none, as in Docker. */
  private async startDns(record: NetworkRecord): Promise<void> {
    if (record.Driver !== 'bridge' || record.Predefined || this.dns.has(record.Id)) return;
    const gateway = record.IPAM.Config[0]?.Gateway;
    if (!gateway) return;
    try {
      const server = await DnsServer.start({
        address: gateway,
        ...(this.deps.dnsPort !== undefined ? { port: this.deps.dnsPort } : {}),
        scope: (source) => dnsScope(record.Id, source, this.state.sandboxes.values()),
        upstream: this.deps.upstream,
        log: this.deps.log,
      });
      this.dns.set(record.Id, server);
    } catch (error) {
      // EADDRINUSE/EADDRNOTAVAIL: the network works without names rather than not at all.
      this.deps.log(`network ${record.Name}: no DNS server on ${gateway}: ${(error as Error).message}`);
    }
  }

  private newRecord(
    name: string,
    driver: NetworkRecord['Driver'],
    fields: Partial<NetworkRecord>,
  ): NetworkRecord {
    const id = newNetworkId();
    return {
      Id: id,
      Name: name,
      Created: this.now().toISOString(),
      Driver: driver,
      Internal: false,
      Attachable: false,
      Labels: {},
      Options: {},
      IPAM: { Driver: 'default', Options: {}, Config: [] },
      Bridge: driver === 'bridge' ? bridgeName(id) : '',
      Predefined: false,
      ...fields,
    };
  }
}

/** `<dataDir>/networks`. */
export function networksDir(dataDir: string): string {
  return join(dataDir, 'networks');
}
