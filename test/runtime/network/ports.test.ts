/**
 * Published ports: Docker's PortBindings (keys with ranges, host ranges, empty host ports and
 * addresses, UDP, -P) read into forwards to make, and the forwards shown back as inspect's
 * `NetworkSettings.Ports` and `docker ps`'s `Ports`; after an engine restart, the sandboxes'
 * ports matched against rootlesskit's list.
 */
import { describe, expect, it } from 'vitest';
import type { BoundPort } from '../../../runtime/network/network-record.js';
import { portRequests, type PortRequest } from '../../../runtime/network/port-requests.js';
import type { PortMap } from '../../../runtime/api/engine-types.js';
import { inspectPorts, summaryPorts } from '../../../runtime/network/port-views.js';
import { matchForwards } from '../../../runtime/network/publish-ports.js';

describe('portRequests', () => {
  it.each<{ name: string; bindings: PortMap; expected: PortRequest[] }>([
    {
      name: '8080:80',
      bindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] },
      expected: [
        { protocol: 'tcp', containerPort: 80, hostIp: '0.0.0.0', hostPorts: { first: 8080, last: 8080 } },
      ],
    },
    {
      name: '127.0.0.1:5353:53/udp',
      bindings: { '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }] },
      expected: [
        { protocol: 'udp', containerPort: 53, hostIp: '127.0.0.1', hostPorts: { first: 5353, last: 5353 } },
      ],
    },
    {
      name: 'a key without protocol is tcp; an empty host port is any',
      bindings: { '80': [{ HostPort: '' }] },
      expected: [{ protocol: 'tcp', containerPort: 80, hostIp: '0.0.0.0', hostPorts: undefined }],
    },
    {
      name: 'a host range for one container port: any port of the range',
      bindings: { '80/tcp': [{ HostPort: '8000-8010' }] },
      expected: [
        { protocol: 'tcp', containerPort: 80, hostIp: '0.0.0.0', hostPorts: { first: 8000, last: 8010 } },
      ],
    },
    {
      name: 'a range key with an equal host range: pairwise',
      bindings: { '80-81/tcp': [{ HostPort: '9080-9081' }] },
      expected: [
        { protocol: 'tcp', containerPort: 80, hostIp: '0.0.0.0', hostPorts: { first: 9080, last: 9080 } },
        { protocol: 'tcp', containerPort: 81, hostIp: '0.0.0.0', hostPorts: { first: 9081, last: 9081 } },
      ],
    },
    {
      name: 'two bindings of one port',
      bindings: {
        '80/tcp': [
          { HostIp: '127.0.0.1', HostPort: '1' },
          { HostIp: '127.0.0.2', HostPort: '2' },
        ],
      },
      expected: [
        { protocol: 'tcp', containerPort: 80, hostIp: '127.0.0.1', hostPorts: { first: 1, last: 1 } },
        { protocol: 'tcp', containerPort: 80, hostIp: '127.0.0.2', hostPorts: { first: 2, last: 2 } },
      ],
    },
  ])('$name', ({ bindings, expected }) => {
    expect(portRequests({ PortBindings: bindings }, undefined)).toEqual(expected);
  });

  it('-P publishes every exposed port not already bound, on any host port', () => {
    const requests = portRequests(
      { PublishAllPorts: true, PortBindings: { '80/tcp': [{ HostPort: '8080' }] } },
      { '80/tcp': {}, '53/udp': {} },
    );
    expect(requests.map((r) => [r.containerPort, r.protocol, r.hostPorts])).toEqual([
      [80, 'tcp', { first: 8080, last: 8080 }],
      [53, 'udp', undefined],
    ]);
  });

  it.each<[PortMap, RegExp]>([
    [{ '80/sctp': [{ HostPort: '80' }] }, /sctp is not supported/],
    [{ '80/icmp': [{ HostPort: '80' }] }, /invalid proto/],
    [{ 'x/tcp': [{ HostPort: '80' }] }, /invalid port specification/],
    [{ '70000/tcp': [{ HostPort: '80' }] }, /invalid port specification/],
    [{ '80/tcp': [{ HostPort: 'abc' }] }, /invalid host port/],
    [{ '80-82/tcp': [{ HostPort: '90-91' }] }, /ranges differ in length/],
  ])('refuses %j', (bindings, message) => {
    expect(() => portRequests({ PortBindings: bindings }, undefined)).toThrow(message);
  });
});

const bound = (port: Partial<BoundPort>): BoundPort => ({
  Protocol: 'tcp',
  ContainerPort: 80,
  HostIp: '0.0.0.0',
  HostPort: 8080,
  ChildIp: '10.89.0.2',
  ForwardId: 1,
  ...port,
});

describe('port views', () => {
  it('inspect: every exposed port, null when not published', () => {
    expect(
      inspectPorts({ '80/tcp': {}, '443/tcp': {} }, [
        bound({}),
        bound({ HostIp: '127.0.0.1', HostPort: 9090 }),
        bound({ Protocol: 'udp', ContainerPort: 53, HostPort: 5353 }),
      ]),
    ).toEqual({
      '80/tcp': [
        { HostIp: '0.0.0.0', HostPort: '8080' },
        { HostIp: '127.0.0.1', HostPort: '9090' },
      ],
      '443/tcp': null,
      '53/udp': [{ HostIp: '0.0.0.0', HostPort: '5353' }],
    });
  });

  it('docker ps: published first, then exposed without a host port', () => {
    expect(summaryPorts({ '80/tcp': {}, '443/tcp': {} }, [bound({})])).toEqual([
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { PrivatePort: 443, Type: 'tcp' },
    ]);
  });
});

describe('matchForwards', () => {
  it('keeps what rootlesskit still holds (with its id now), re-adds what it lost, removes strays', () => {
    const wanted = [bound({ ForwardId: 1 }), bound({ HostPort: 8081, ForwardId: 2 })];
    const actual = [
      {
        id: 7,
        spec: {
          proto: 'tcp' as const,
          parentIP: '0.0.0.0',
          parentPort: 8080,
          childIP: '10.89.0.2',
          childPort: 80,
        },
      },
      {
        id: 9,
        spec: {
          proto: 'udp' as const,
          parentIP: '0.0.0.0',
          parentPort: 8080,
          childIP: '10.89.0.2',
          childPort: 80,
        },
      },
    ];
    expect(matchForwards(wanted, actual)).toEqual({ ids: [7, undefined], stale: [9] });
  });
});
