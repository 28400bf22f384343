/**
 * The pure parts around the links: which networks a create request joins (Docker's NetworkMode
 * and EndpointsConfig), the network list filters, what inspect shows for running and stopped
 * containers, and the exact `ip` and `nft` text the engine runs.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSettings, ListFilters } from '../../../runtime/api/engine-types.js';
import { networkMode } from '../../../runtime/network/container-endpoints.js';
import {
  bridgeUpLines,
  containerAttachLines,
  hostAttachLines,
  hostDetachLines,
} from '../../../runtime/network/ip-commands.js';
import { natRuleset } from '../../../runtime/network/nat-ruleset.js';
import { selectNetworks } from '../../../runtime/network/network-filters.js';
import {
  bridgeName,
  hostVethName,
  type NetworkRecord,
  type SandboxRecord,
} from '../../../runtime/network/network-record.js';
import { containerNetworkSettings, networkInspect } from '../../../runtime/network/network-views.js';

describe('networkMode', () => {
  it.each<{ mode: string | undefined; endpoints: Record<string, EndpointSettings>; expected: unknown }>([
    { mode: undefined, endpoints: {}, expected: { kind: 'networks', names: ['bridge'] } },
    { mode: 'default', endpoints: {}, expected: { kind: 'networks', names: ['bridge'] } },
    { mode: 'bridge', endpoints: { bridge: {} }, expected: { kind: 'networks', names: ['bridge'] } },
    {
      mode: 'shop_front',
      endpoints: { shop_front: {}, shop_back: {}, shop_admin: {} },
      expected: { kind: 'networks', names: ['shop_front', 'shop_admin', 'shop_back'] },
    },
    { mode: 'host', endpoints: {}, expected: { kind: 'host' } },
    { mode: 'none', endpoints: {}, expected: { kind: 'none' } },
    { mode: 'container:abc', endpoints: {}, expected: { kind: 'container', reference: 'abc' } },
  ])('NetworkMode $mode with $endpoints', ({ mode, endpoints, expected }) => {
    expect(networkMode({ NetworkMode: mode }, { EndpointsConfig: endpoints })).toEqual(expected);
  });
});

function network(name: string, fields: Partial<NetworkRecord> = {}): NetworkRecord {
  const id = `${name.padEnd(12, '0').replace(/[^0-9a-f]/g, 'a')}${'0'.repeat(52)}`;
  return {
    Id: id,
    Name: name,
    Created: '2026-01-01T00:00:00.000Z',
    Driver: 'bridge',
    Internal: false,
    Attachable: false,
    Labels: {},
    Options: {},
    IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: '10.89.0.0/24', Gateway: '10.89.0.1' }] },
    Bridge: bridgeName(id),
    Predefined: false,
    ...fields,
  };
}

describe('selectNetworks', () => {
  const shop = network('shop_default', {
    Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.network': 'default' },
  });
  const blog = network('blog_default', { Labels: { 'com.docker.compose.project': 'blog' } });
  const bridge = network('bridge', { Predefined: true });
  const all = [shop, blog, bridge];
  it.each<{ filters: ListFilters; expected: string[] }>([
    { filters: {}, expected: ['shop_default', 'blog_default', 'bridge'] },
    { filters: { label: ['com.docker.compose.project=shop'] }, expected: ['shop_default'] },
    { filters: { label: ['com.docker.compose.project'] }, expected: ['shop_default', 'blog_default'] },
    { filters: { name: ['^shop_default$'] }, expected: ['shop_default'] },
    { filters: { name: ['default'] }, expected: ['shop_default', 'blog_default'] },
    { filters: { type: ['builtin'] }, expected: ['bridge'] },
    { filters: { type: ['custom'], dangling: ['true'] }, expected: ['blog_default'] },
    { filters: { id: [shop.Id.slice(0, 6)] }, expected: ['shop_default'] },
    { filters: { driver: ['bridge'], name: ['blog', 'shop'] }, expected: ['shop_default', 'blog_default'] },
  ])('$filters', ({ filters, expected }) => {
    const inUse = (record: NetworkRecord) => record === shop;
    expect(selectNetworks(all, filters, inUse).map((record) => record.Name)).toEqual(expected);
  });

  it('refuses an unknown filter', () => {
    expect(() => selectNetworks(all, { colour: ['red'] }, () => false)).toThrow(/invalid filter 'colour'/);
  });
});

describe('container network views', () => {
  const shop = network('shop_default');
  const sandbox: SandboxRecord = {
    ContainerId: 'c1',
    ContainerName: 'shop-web-1',
    Netns: '/run/netns/tsc-c1',
    Endpoints: [
      {
        NetworkId: shop.Id,
        NetworkName: 'shop_default',
        EndpointId: 'ep1',
        Interface: 'eth0',
        HostVeth: 'veth0',
        Address: '10.89.0.2',
        PrefixLen: 24,
        Gateway: '10.89.0.1',
        MacAddress: '02:42:0a:59:00:02',
        Aliases: ['web'],
        DnsNames: ['shop-web-1', 'c1', 'web'],
        Requested: {},
      },
    ],
    Ports: [
      {
        Protocol: 'tcp',
        ContainerPort: 80,
        HostIp: '0.0.0.0',
        HostPort: 8080,
        ChildIp: '10.89.0.2',
        ForwardId: 3,
      },
    ],
    Upstream: [],
  };
  const container = (running: boolean) => ({
    HostConfig: { NetworkMode: 'shop_default' },
    NetworkingConfig: { EndpointsConfig: { shop_default: { Aliases: ['web'] } } },
    Config: { ExposedPorts: { '80/tcp': {} } },
    State: { Running: running },
  });
  const lookup = (name: string) => (name === 'shop_default' || name === shop.Id ? shop : undefined);

  it('a running container: its address, DNS names and published ports', () => {
    const settings = containerNetworkSettings(container(true), sandbox, lookup);
    expect(settings.Ports).toEqual({ '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }] });
    expect(settings.SandboxKey).toBe('/run/netns/tsc-c1');
    expect(settings.Networks.shop_default).toMatchObject({
      NetworkID: shop.Id,
      IPAddress: '10.89.0.2',
      IPPrefixLen: 24,
      Gateway: '10.89.0.1',
      Aliases: ['web'],
      DNSNames: ['shop-web-1', 'c1', 'web'],
    });
    // Top-level fields are the default bridge network's only, as in Docker.
    expect(settings.IPAddress).toBe('');
  });

  it('a stopped container keeps listing its networks, without addresses or ports', () => {
    const settings = containerNetworkSettings(container(false), undefined, lookup);
    expect(settings.Ports).toEqual({});
    expect(settings.Networks.shop_default).toMatchObject({
      NetworkID: shop.Id,
      IPAddress: '',
      EndpointID: '',
      Aliases: ['web'],
    });
  });

  it('network inspect lists the attached containers', () => {
    expect(networkInspect(shop, [sandbox]).Containers).toEqual({
      c1: {
        Name: 'shop-web-1',
        EndpointID: 'ep1',
        MacAddress: '02:42:0a:59:00:02',
        IPv4Address: '10.89.0.2/24',
        IPv6Address: '',
      },
    });
  });
});

describe('ip and nft text', () => {
  it('a bridge with its gateway', () => {
    expect(
      bridgeUpLines({
        Bridge: 'br-0123456789ab',
        IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: '10.89.4.0/24', Gateway: '10.89.4.1' }] },
      }),
    ).toEqual([
      'link add br-0123456789ab type bridge',
      'addr add 10.89.4.1/24 dev br-0123456789ab',
      'link set br-0123456789ab up',
    ]);
  });

  it('a container joining and leaving', () => {
    const endpoint = { HostVeth: 'vethA', Interface: 'eth0', MacAddress: '02:42:0a:59:00:02' } as never;
    expect(hostAttachLines('c1', [{ endpoint, bridge: 'br-x' }], true)).toEqual([
      'netns add tsc-c1',
      'link add vethA type veth peer name eth0 address 02:42:0a:59:00:02 netns tsc-c1',
      'link set vethA master br-x up',
    ]);
    expect(
      containerAttachLines(
        [{ Address: '10.89.0.2', PrefixLen: 24, Interface: 'eth0' } as never],
        '10.89.0.1',
      ),
    ).toEqual([
      'link set lo up',
      'addr add 10.89.0.2/24 dev eth0',
      'link set eth0 up',
      'route add default via 10.89.0.1',
    ]);
    expect(hostDetachLines('c1', [{ HostVeth: 'vethA' }], true)).toEqual(['netns del tsc-c1']);
    expect(hostDetachLines('c1', [{ HostVeth: 'vethA' }], false)).toEqual(['link del vethA']);
  });

  it('veth names fit the 15-character limit and differ per network', () => {
    const a = hostVethName('c'.repeat(64), 'n1');
    expect(a).toHaveLength(15);
    expect(a).not.toBe(hostVethName('c'.repeat(64), 'n2'));
  });

  it('the nft table: masquerade out, isolation between bridges, internal networks shut in', () => {
    expect(
      natRuleset([
        { bridge: 'br-a', subnets: ['10.89.0.0/24'], internal: false },
        { bridge: 'br-b', subnets: ['10.89.1.0/24'], internal: true },
      ]),
    ).toBe(
      [
        'table ip tscompose',
        'delete table ip tscompose',
        'table ip tscompose {',
        '  chain postrouting {',
        '    type nat hook postrouting priority srcnat; policy accept;',
        '    ip saddr 10.89.0.0/24 oifname != "br-*" masquerade',
        '  }',
        '  chain forward {',
        '    type filter hook forward priority filter; policy accept;',
        '    iifname "br-a" oifname "br-*" oifname != "br-a" drop',
        '    iifname "br-b" oifname != "br-b" drop',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(natRuleset([])).toBe('table ip tscompose\ndelete table ip tscompose\n');
  });
});
