/**
 * The networks' DNS: which names a container has (name, short id, aliases, compose's service and
 * `<service>-<n>`), which names a question may see (the asking container's networks only, so
 * other networks and projects stay unresolved), and what is answered (every replica's address;
 * empty for AAAA; PTR; the rest forwarded). The server itself runs for real on 127.0.0.1 with a
 * real UDP upstream.
 */
import { createSocket, type Socket } from 'node:dgram';
import * as dnsPacket from 'dns-packet';
import { afterEach, describe, expect, it } from 'vitest';
import { decideAnswer } from '../../../runtime/network/dns-answer.js';
import { endpointDnsNames, type DnsNameInput } from '../../../runtime/network/dns-names.js';
import { dnsScope } from '../../../runtime/network/dns-scope.js';
import { DnsServer } from '../../../runtime/network/dns-server.js';
import type { EndpointRecord, SandboxRecord } from '../../../runtime/network/network-record.js';

const ID = 'abcdef0123456789'.repeat(4);

describe('endpointDnsNames', () => {
  it.each<{ name: string; input: Omit<DnsNameInput, 'containerId'>; expected: string[] }>([
    {
      name: 'a plain container: its name and short id',
      input: { containerName: 'web', aliases: [], labels: {} },
      expected: ['web', 'abcdef012345'],
    },
    {
      name: 'aliases, lower-cased, without duplicates',
      input: { containerName: 'Web', aliases: ['WWW', 'web'], labels: {} },
      expected: ['web', 'abcdef012345', 'www'],
    },
    {
      name: 'a compose replica: the service and <service>-<n>',
      input: {
        containerName: 'shop-db-2',
        aliases: ['db'],
        labels: { 'com.docker.compose.service': 'db', 'com.docker.compose.container-number': '2' },
      },
      expected: ['shop-db-2', 'abcdef012345', 'db', 'db-2'],
    },
    {
      name: 'a one-off container (compose run) gets no service names',
      input: {
        containerName: 'shop-db-run-1',
        aliases: [],
        labels: {
          'com.docker.compose.service': 'db',
          'com.docker.compose.container-number': '1',
          'com.docker.compose.oneoff': 'True',
        },
      },
      expected: ['shop-db-run-1', 'abcdef012345'],
    },
  ])('$name', ({ input, expected }) => {
    expect(endpointDnsNames({ containerId: ID, ...input })).toEqual(expected);
  });
});

function endpoint(network: string, address: string, names: string[]): EndpointRecord {
  return {
    NetworkId: `id-${network}`,
    NetworkName: network,
    EndpointId: 'e',
    Interface: 'eth0',
    HostVeth: 'veth',
    Address: address,
    PrefixLen: 24,
    Gateway: address.replace(/\.\d+$/, '.1'),
    MacAddress: '02:42:00:00:00:00',
    Aliases: [],
    DnsNames: names,
    Requested: {},
  };
}

function sandbox(name: string, endpoints: EndpointRecord[], upstream: string[] = []): SandboxRecord {
  return {
    ContainerId: `c-${name}`,
    ContainerName: name,
    Netns: '',
    Endpoints: endpoints,
    Ports: [],
    Upstream: upstream,
  };
}

// Project "shop" on shop_default (db ×2, web also on shop_front); project "blog" on blog_default.
const SANDBOXES = [
  sandbox('shop-db-1', [endpoint('shop_default', '10.89.0.2', ['shop-db-1', 'db', 'db-1'])]),
  sandbox('shop-db-2', [endpoint('shop_default', '10.89.0.3', ['shop-db-2', 'db', 'db-2'])]),
  sandbox(
    'shop-web-1',
    [
      endpoint('shop_default', '10.89.0.4', ['shop-web-1', 'web', 'web-1']),
      endpoint('shop_front', '10.89.1.2', ['shop-web-1', 'web', 'web-1']),
    ],
    ['9.9.9.9'],
  ),
  sandbox('shop-proxy-1', [endpoint('shop_front', '10.89.1.3', ['shop-proxy-1', 'proxy'])]),
  sandbox('blog-db-1', [endpoint('blog_default', '10.89.2.2', ['blog-db-1', 'db', 'db-1'])]),
];

function query(name: string, type: dnsPacket.Question['type'] = 'A'): dnsPacket.DecodedPacket {
  return dnsPacket.decode(
    dnsPacket.encode({
      type: 'query',
      id: 42,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ type, name }],
    }),
  );
}

function answer(
  source: string,
  network: string,
  name: string,
  type: dnsPacket.Question['type'] = 'A',
): unknown {
  const decision = decideAnswer(query(name, type), dnsScope(`id-${network}`, source, SANDBOXES).scope);
  if (decision.kind === 'forward') return 'forward';
  return (decision.response.answers ?? []).map((record) => (record as { data: unknown }).data);
}

describe('what a container may resolve', () => {
  it.each([
    {
      who: 'web asks for db: both replicas',
      source: '10.89.0.4',
      network: 'shop_default',
      name: 'db',
      expected: ['10.89.0.2', '10.89.0.3'],
    },
    {
      who: 'a replica by number',
      source: '10.89.0.4',
      network: 'shop_default',
      name: 'db-2',
      expected: ['10.89.0.3'],
    },
    {
      who: 'a container name, any case',
      source: '10.89.0.2',
      network: 'shop_default',
      name: 'SHOP-WEB-1',
      expected: ['10.89.0.4'],
    },
    {
      who: 'with a trailing dot',
      source: '10.89.0.2',
      network: 'shop_default',
      name: 'web.',
      expected: ['10.89.0.4'],
    },
    {
      who: 'web sees proxy through its second network',
      source: '10.89.0.4',
      network: 'shop_default',
      name: 'proxy',
      expected: ['10.89.1.3'],
    },
    {
      who: 'proxy sees web on their shared network only',
      source: '10.89.1.3',
      network: 'shop_front',
      name: 'web',
      expected: ['10.89.1.2'],
    },
    {
      who: 'proxy cannot see db (another network)',
      source: '10.89.1.3',
      network: 'shop_front',
      name: 'db',
      expected: 'forward',
    },
    {
      who: "blog's db is not shop's db",
      source: '10.89.2.2',
      network: 'blog_default',
      name: 'db',
      expected: ['10.89.2.2'],
    },
    {
      who: "shop cannot name blog's containers",
      source: '10.89.0.2',
      network: 'shop_default',
      name: 'blog-db-1',
      expected: 'forward',
    },
    {
      who: '<name>.<network>',
      source: '10.89.0.4',
      network: 'shop_default',
      name: 'web.shop_front',
      expected: ['10.89.1.2'],
    },
    {
      who: 'an outside name',
      source: '10.89.0.4',
      network: 'shop_default',
      name: 'example.com',
      expected: 'forward',
    },
    {
      who: 'AAAA of a known name is empty',
      source: '10.89.0.4',
      network: 'shop_default',
      name: 'db',
      type: 'AAAA' as const,
      expected: [],
    },
    {
      who: 'PTR of an endpoint',
      source: '10.89.0.4',
      network: 'shop_default',
      name: '3.0.89.10.in-addr.arpa',
      type: 'PTR' as const,
      expected: ['shop-db-2.shop_default'],
    },
    {
      who: 'an unknown source sees its server network',
      source: '10.89.0.99',
      network: 'shop_front',
      name: 'proxy',
      expected: ['10.89.1.3'],
    },
  ])('$who', ({ source, network, name, type, expected }) => {
    expect(answer(source, network, name, type)).toEqual(expected);
  });

  it("the asking container's own Dns servers are its upstream", () => {
    expect(dnsScope('id-shop_default', '10.89.0.4', SANDBOXES).upstream).toEqual(['9.9.9.9']);
    expect(dnsScope('id-shop_default', '10.89.0.2', SANDBOXES).upstream).toEqual([]);
  });
});

describe('DnsServer on a real socket', () => {
  const closers: (() => void)[] = [];
  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });

  /** A real UDP "outside resolver" that answers every A question with 192.0.2.1. */
  async function upstreamServer(): Promise<{ port: number; socket: Socket }> {
    const socket = createSocket('udp4');
    socket.on('message', (message, remote) => {
      const q = dnsPacket.decode(message);
      const reply = dnsPacket.encode({
        type: 'response',
        id: q.id ?? 0,
        flags: 1 << 15,
        questions: q.questions ?? [],
        answers: [{ type: 'A', name: q.questions?.[0]?.name ?? '', ttl: 5, data: '192.0.2.1' }],
      });
      socket.send(reply, remote.port, remote.address);
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.2', resolve));
    closers.push(() => socket.close());
    return { port: socket.address().port, socket };
  }

  async function ask(port: number, name: string): Promise<dnsPacket.DecodedPacket> {
    const socket = createSocket('udp4');
    closers.push(() => socket.close());
    const answered = new Promise<Buffer>((resolve) => socket.once('message', resolve));
    socket.send(
      dnsPacket.encode({
        type: 'query',
        id: 7,
        flags: dnsPacket.RECURSION_DESIRED,
        questions: [{ type: 'A', name }],
      }),
      port,
      '127.0.0.1',
    );
    return dnsPacket.decode(await answered);
  }

  it('answers its names, relays the rest unchanged to the upstream, SERVFAIL when none answers', async () => {
    const upstream = await upstreamServer();
    const start = (servers: string[]) =>
      DnsServer.start({
        address: '127.0.0.1',
        port: 0,
        // Questions come from 127.0.0.1 here: let them stand for shop-db-1 (no Dns of its own).
        scope: (source) =>
          dnsScope('id-shop_default', source === '127.0.0.1' ? '10.89.0.2' : source, SANDBOXES),
        upstream: () => servers,
        upstreamPort: upstream.port,
        log: () => undefined,
      });
    const server = await start(['127.0.0.2']);
    closers.push(() => server.close());
    const db = await ask(server.port, 'db');
    expect(db.id).toBe(7);
    expect(db.answers?.map((record) => (record as { data: string }).data)).toEqual([
      '10.89.0.2',
      '10.89.0.3',
    ]);
    const outside = await ask(server.port, 'example.com');
    expect(outside.answers?.map((record) => (record as { data: string }).data)).toEqual(['192.0.2.1']);

    const deaf = await start(['127.0.0.3']);
    closers.push(() => deaf.close());
    // SERVFAIL is rcode 2, the flags' low four bits.
    const failed = await ask(deaf.port, 'example.com');
    expect((failed.flags ?? 0) & 0xf).toBe(2);
  }, 10_000);
});
