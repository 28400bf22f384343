/**
 * Networks for real: bridges, veths, network namespaces, nftables and the DNS servers in the
 * user's rootlesskit namespaces, busybox containers under runc, published ports through
 * rootlesskit, as the unprivileged test user (through runuser when the tests run as root). Each
 * step is its own process (scenarios/network-steps.ts) that recovers the engine's state first, so
 * every step after the first also proves the state survives an engine restart.
 *
 * Intent: containers on one network find each other by name, alias, service and `<service>-<n>`
 * (all replicas); a container on another network (another project) does not; containers reach
 * the host through slirp4netns; a published TCP and a published UDP port answer on the host's
 * 127.0.0.1; stopping and removing a container takes its forwards away; removing the networks
 * leaves no link, namespace, forward or rule behind.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestUser, makeUserTempDir, runAsTestUser } from '../host/test-user.js';
import { freeTcpPort } from '../../support/free-port.js';
import { httpText } from '../../support/http-probe.js';
import { udpExchange } from '../../support/udp-probe.js';

const ENTER = join(import.meta.dirname, 'scenarios', 'enter-namespace.ts');
const user = await findTestUser();
const hasNft = (() => {
  try {
    execFileSync('sh', ['-c', 'PATH=$PATH:/usr/sbin:/sbin command -v nft'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // `command -v` exits 1: nft (Debian nftables) is missing.
    return (error as { status?: number }).status !== 1;
  }
})();

interface Links {
  links: string[];
  netns: string[];
  forwards: number;
  nftTable: boolean;
}

describe.skipIf(user.kind === 'unavailable')('networks in the user namespace', () => {
  let root: string;
  let env: Record<string, string>;
  let before: Links;
  const step = async <T>(name: string, ...args: string[]): Promise<T> => {
    const output = await runAsTestUser(user, ENTER, [name, ...args], env);
    return JSON.parse(output.trim().split('\n').at(-1) ?? 'null') as T;
  };

  beforeAll(async () => {
    root = makeUserTempDir(user, 'tsc-networks-');
    env = { XDG_RUNTIME_DIR: join(root, 'run'), XDG_DATA_HOME: join(root, 'data') };
    before = await step<Links>('links');
  }, 60_000);

  afterAll(async () => {
    if (root === undefined) return;
    await step('cleanup');
    await step('stop-namespaces');
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('resolves names on its own network only, and reaches the host through slirp4netns', async () => {
    const host = await listenOnce('pong\n');
    try {
      const result = await step<{
        replicas: string[];
        fromSameNetwork: Record<string, string[]>;
        fromOtherNetwork: Record<string, string[]>;
        outbound: string;
      }>('resolve', String(host.port));
      const [first, second] = result.replicas;
      expect(first).toMatch(/^10\.89\.\d+\.\d+$/);
      expect(result.fromSameNetwork['tsc-db-1']).toEqual([first]);
      expect(result.fromSameNetwork.alpha?.sort()).toEqual([first, second].sort());
      expect(result.fromSameNetwork.db?.sort()).toEqual([first, second].sort());
      expect(result.fromSameNetwork['db-2']).toEqual([second]);
      expect(result.fromOtherNetwork).toEqual({ 'tsc-db-1': [], alpha: [], db: [], 'db-2': [] });
      if (hasNft) expect(result.outbound).toBe('pong\n');
    } finally {
      host.server.close();
    }
  }, 90_000);

  it('publishes a TCP and a UDP port on 127.0.0.1, and takes them away with the container', async () => {
    const [tcpPort, udpPort] = [await freeTcpPort(), await freeTcpPort()];
    const published = await step<{ web: string; udp: string; ports: unknown; forwards: number }>(
      'publish',
      String(tcpPort),
      String(udpPort),
    );
    expect(published.ports).toEqual({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(tcpPort) }] });
    expect(published.forwards).toBe(before.forwards + 2);
    expect(await eventually(() => httpText(tcpPort))).toBe('hello-from-web\n');
    expect(await eventually(() => udpExchange(udpPort, 'ping'))).toBe('echo:ping');

    // A forward lost while no engine ran (here: taken away by hand) is back after the next start.
    await step('drop-forward', String(tcpPort));
    await expect(httpText(tcpPort)).rejects.toThrow();
    expect((await step<Links>('links')).forwards).toBe(before.forwards + 2);
    expect(await eventually(() => httpText(tcpPort))).toBe('hello-from-web\n');

    expect(await step<{ forwards: number }>('stop', published.web)).toEqual({
      forwards: before.forwards + 1,
    });
    await expect(httpText(tcpPort)).rejects.toThrow();
    expect(await step<{ forwards: number }>('start', published.web)).toEqual({
      forwards: before.forwards + 2,
    });
    expect(await eventually(() => httpText(tcpPort))).toBe('hello-from-web\n');

    expect(await step<{ forwards: number }>('remove', published.web)).toEqual({
      forwards: before.forwards + 1,
    });
    await expect(httpText(tcpPort)).rejects.toThrow();
    expect(await step<{ forwards: number }>('remove', published.udp)).toEqual({ forwards: before.forwards });
  }, 90_000);

  it('prepares a created container ahead of its start without showing anything of it', async () => {
    const tcpPort = await freeTcpPort();
    const result = await step<{
      created: Record<string, unknown>;
      stillCreated: string;
      started: Record<string, unknown> & { address: string };
      hostsHasAddress: boolean;
      removed: unknown;
    }>('prewarm', String(tcpPort));
    expect(result.created).toEqual({
      status: 'created',
      pid: 0,
      address: '',
      ports: {},
      runtimeState: 'created',
      forwards: 0,
      lookup: [],
    });
    expect(result.stillCreated).toBe('created');
    expect(result.started).toMatchObject({ status: 'running', runtimeState: 'running', forwards: 1 });
    expect(result.started.address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(result.started.lookup).toEqual([result.started.address]);
    expect(result.hostsHasAddress).toBe(true);
    expect(result.removed).toEqual({ runtimeState: 'none', netns: false });

    // The engine goes away with a prepared container; the next one cleans it up before its start.
    const abandoned = await step<{ id: string; runtimeState: string; netns: boolean }>('prewarm-abandon');
    expect(abandoned).toMatchObject({ runtimeState: 'created', netns: true });
    expect(await step('prewarm-recovered', abandoned.id)).toEqual({
      recovered: { runtimeState: 'none', netns: false },
      killed: 'conmon',
      outputs: ['0:cold-start', '0:orphan-start'],
      leftovers: [],
    });
  }, 90_000);

  it('leaves no link, namespace, forward or rule behind once the networks are removed', async () => {
    const after = await step<Links>('cleanup');
    expect(after.links).toEqual(before.links);
    expect(after.netns).toEqual(before.netns);
    expect(after.forwards).toBe(before.forwards);
    // Only the predefined bridge network remains, so the table stays for it.
    expect(after.nftTable).toBe(before.nftTable);
  }, 90_000);
});

/** A TCP server on the host's 127.0.0.1 that writes `reply` to whoever connects. */
async function listenOnce(reply: string): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.end(reply));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** The container's server may need a moment after start: retry until it answers. */
async function eventually<T>(probe: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}
