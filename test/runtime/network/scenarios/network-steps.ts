/**
 * The network steps, run inside the user's namespaces (uid 0 there, the test user outside) by
 * enter-namespace.ts. Each step is a fresh process that builds the engine's NetworkService and
 * ContainerService and recovers both, as a restarted engine does (so DNS servers restart and
 * published ports are repaired), then prints one JSON line of what it observed. Containers and
 * forwards a step leaves are found by the next one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ContainerCreateRequest } from '../../../../runtime/api/engine-types.js';
import { ContainerService } from '../../../../runtime/containers/container-service.js';
import { OciRuntime } from '../../../../runtime/containers/oci-runtime.js';
import { currentEnginePaths } from '../../../../runtime/host/current-engine-paths.js';
import { rootlesskitApiSocket } from '../../../../runtime/host/paths.js';
import { IpRunner } from '../../../../runtime/network/ip-runner.js';
import { NatTable } from '../../../../runtime/network/nat-table.js';
import { netnsPath } from '../../../../runtime/network/network-record.js';
import { NetworkService, networksDir } from '../../../../runtime/network/network-service.js';
import { rootlesskitPorts } from '../../../../runtime/network/rootlesskit-ports.js';
import { readUpstreamResolvers } from '../../../../runtime/network/upstream-resolvers.js';
import { VolumeService } from '../../../../runtime/storage/volume-service.js';
import { busyboxImage } from '../../containers/scenarios/busybox-image.js';

const paths = currentEnginePaths();
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const ip = IpRunner.locate(process.env);
const ports = rootlesskitPorts(rootlesskitApiSocket(paths));
const upstream = await readUpstreamResolvers();
const networks = new NetworkService({
  dir: networksDir(paths.dataDir),
  ip,
  nat: NatTable.locate(process.env, log),
  ports,
  publish: () => undefined,
  log,
  upstream: () => upstream,
});
const containers = new ContainerService({
  paths,
  images: await busyboxImage(paths.dataDir),
  volumes: new VolumeService(join(paths.dataDir, 'volumes')),
  ociRuntime: 'runc',
  storageDriver: 'overlay',
  hostGateway: '10.0.2.2',
  emit: () => undefined,
  networks: networks.sandboxes,
});
await networks.recover();
await containers.recover();

const BUSYBOX = '/bin/busybox';
const runc = OciRuntime.locate('runc', paths.runcRoot);

/** Waits for the engine to have created the container's runtime container ahead of its start. */
async function prewarmed(id: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const state = await runc.state(id);
    if (state?.status === 'created') return state.status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return (await runc.state(id))?.status;
}

/** What a created container shows while its runtime container waits for the start. */
async function createdView(id: string, network: string) {
  const inspect = await containers.inspect(id);
  return {
    status: inspect.State.Status,
    pid: inspect.State.Pid,
    address: inspect.NetworkSettings.Networks[network]?.IPAddress ?? '',
    ports: inspect.NetworkSettings.Ports,
  };
}

async function logsOf(id: string): Promise<string> {
  let text = '';
  for await (const entry of containers.logs(id)) text += entry.data.toString();
  return text;
}

async function run(request: Omit<ContainerCreateRequest, 'Image'>, name: string): Promise<string> {
  const { Id } = await containers.create({ Image: 'busybox', ...request }, name);
  const exited = containers.wait(Id, 'next-exit');
  await containers.start(Id);
  await exited;
  let text = '';
  for await (const entry of containers.logs(Id)) text += entry.data.toString();
  await containers.remove(Id);
  return text;
}

/** Runs `nslookup` for each name in a container on `network`; name → addresses it got. */
async function lookups(network: string, names: string[], name: string): Promise<Record<string, string[]>> {
  const script = names.map((n) => `echo "== ${n}"; ${BUSYBOX} nslookup ${n} 2>&1`).join('; ');
  const output = await run({ Cmd: ['sh', '-c', script], HostConfig: { NetworkMode: network } }, name);
  const result: Record<string, string[]> = {};
  for (const section of output.split('== ').slice(1)) {
    const [queried = '', ...lines] = section.split('\n');
    // busybox prints the server first ("Address: 10.89.0.1:53"), then "Name:" / "Address:" pairs.
    result[queried.trim()] = lines
      .filter((line) => /^Address:\s+[\d.]+$/.test(line.trim()))
      .map((line) => line.trim().split(/\s+/)[1] ?? '');
  }
  return result;
}

async function observeLinks(): Promise<{
  links: string[];
  netns: string[];
  forwards: number;
  nftTable: boolean;
}> {
  const links = (await ip.json<{ ifname: string }[]>(['link', 'show'])).map((link) => link.ifname).sort();
  const netns = await readdir('/run/netns').catch((error: NodeJS.ErrnoException) => {
    // ENOENT: no namespace was ever added.
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const nft = await execa('nft', ['list', 'table', 'ip', 'tscompose'], { reject: false });
  return { links, netns: netns.sort(), forwards: (await ports.list()).length, nftTable: nft.exitCode === 0 };
}

const steps: Record<string, (...args: string[]) => Promise<unknown>> = {
  links: observeLinks,

  resolve: async (hostPort = '0') => {
    await networks.create({ Name: 'tsc-na', Labels: { 'com.docker.compose.project': 'one' } });
    await networks.create({ Name: 'tsc-nb', Labels: { 'com.docker.compose.project': 'two' } });
    const db = async (name: string, number: string): Promise<string> => {
      const { Id } = await containers.create(
        {
          Image: 'busybox',
          Cmd: ['sleep', '300'],
          Labels: { 'com.docker.compose.service': 'db', 'com.docker.compose.container-number': number },
          HostConfig: { NetworkMode: 'tsc-na' },
          NetworkingConfig: { EndpointsConfig: { 'tsc-na': { Aliases: ['alpha'] } } },
        },
        name,
      );
      await containers.start(Id);
      return (await containers.inspect(Id)).NetworkSettings.Networks['tsc-na']?.IPAddress ?? '';
    };
    const replicas = [await db('tsc-db-1', '1'), await db('tsc-db-2', '2')];
    const names = ['tsc-db-1', 'alpha', 'db', 'db-2'];
    const fromSameNetwork = await lookups('tsc-na', names, 'tsc-asker');
    const fromOtherNetwork = await lookups('tsc-nb', names, 'tsc-stranger');
    const outbound = await run(
      {
        Cmd: ['sh', '-c', `${BUSYBOX} nc 10.0.2.2 ${hostPort} </dev/null`],
        HostConfig: { NetworkMode: 'tsc-na' },
      },
      'tsc-outbound',
    );
    return { replicas, fromSameNetwork, fromOtherNetwork, outbound };
  },

  publish: async (tcpPort = '', udpPort = '') => {
    await networks.create({ Name: 'tsc-np' });
    const web = await containers.create(
      {
        Image: 'busybox',
        Cmd: [
          'sh',
          '-c',
          `mkdir -p /www && echo hello-from-web > /www/index.html && exec ${BUSYBOX} httpd -f -p 8080 -h /www`,
        ],
        ExposedPorts: { '8080/tcp': {} },
        HostConfig: {
          NetworkMode: 'tsc-np',
          PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: tcpPort }] },
        },
      },
      'tsc-web',
    );
    const udp = await containers.create(
      {
        Image: 'busybox',
        Cmd: [process.execPath, '/probe/udp-echo.mjs', '5353'],
        HostConfig: {
          NetworkMode: 'tsc-np',
          Binds: [
            '/usr:/usr:ro',
            '/usr/lib:/lib:ro',
            '/usr/lib64:/lib64:ro',
            `${import.meta.dirname}:/probe:ro`,
          ],
          PortBindings: { '5353/udp': [{ HostIp: '127.0.0.1', HostPort: udpPort }] },
        },
      },
      'tsc-udp',
    );
    await containers.start(web.Id);
    await containers.start(udp.Id);
    return {
      web: web.Id,
      udp: udp.Id,
      ports: (await containers.inspect(web.Id)).NetworkSettings.Ports,
      forwards: (await ports.list()).length,
    };
  },

  /**
   * A created container is prepared ahead of its start (rootfs, namespace, `runc create`) and
   * nothing of it shows until the start: no pid, no address, no DNS name, no published port.
   */
  prewarm: async (hostPort = '0') => {
    await networks.create({ Name: 'tsc-nw' });
    const forwardsBefore = (await ports.list()).length;
    const { Id } = await containers.create(
      {
        Image: 'busybox',
        Cmd: ['sh', '-c', 'cat /etc/hosts; exec sleep 300'],
        ExposedPorts: { '8080/tcp': {} },
        HostConfig: {
          NetworkMode: 'tsc-nw',
          PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: hostPort }] },
        },
      },
      'tsc-warm',
    );
    const runtimeState = await prewarmed(Id);
    const created = {
      ...(await createdView(Id, 'tsc-nw')),
      runtimeState,
      forwards: (await ports.list()).length - forwardsBefore,
      lookup: (await lookups('tsc-nw', ['tsc-warm'], 'tsc-asker-before'))['tsc-warm'],
    };
    await containers.stop(Id).catch((error: Error) => error.message);
    const stillCreated = (await containers.inspect(Id)).State.Status;
    await containers.start(Id);
    const started = {
      ...(await createdView(Id, 'tsc-nw')),
      runtimeState: (await runc.state(Id))?.status,
      forwards: (await ports.list()).length - forwardsBefore,
      lookup: (await lookups('tsc-nw', ['tsc-warm'], 'tsc-asker-after'))['tsc-warm'],
    };
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logs = await logsOf(Id);
    await containers.remove(Id, { force: true });
    const removed = {
      runtimeState: (await runc.state(Id))?.status ?? 'none',
      netns: existsSync(netnsPath(Id)),
    };
    return { created, stillCreated, started, hostsHasAddress: logs.includes(started.address), removed };
  },

  /** Leaves a prewarmed container behind, as an engine killed before its start would. */
  'prewarm-abandon': async () => {
    const { Id } = await containers.create(
      { Image: 'busybox', Cmd: ['echo', 'cold-start'], HostConfig: { NetworkMode: 'tsc-nw' } },
      'tsc-cold',
    );
    return { id: Id, runtimeState: await prewarmed(Id), netns: existsSync(netnsPath(Id)) };
  },

  /**
   * After the engine restart (this step's recovery) the abandoned container's runtime container
   * and namespace are gone and it starts cleanly; one whose conmon died before its start starts
   * too. Removal leaves nothing.
   */
  'prewarm-recovered': async (coldId = '') => {
    const recovered = {
      runtimeState: (await runc.state(coldId))?.status ?? 'none',
      netns: existsSync(netnsPath(coldId)),
    };
    const orphan = await containers.create(
      { Image: 'busybox', Cmd: ['echo', 'orphan-start'], HostConfig: { NetworkMode: 'tsc-nw' } },
      'tsc-orphan',
    );
    // Its conmon (the subreaper of its `runc init`) dies before the start.
    let killed = '';
    if ((await prewarmed(orphan.Id)) === 'created') {
      const init = (await runc.state(orphan.Id))?.pid ?? 0;
      const conmon = Number(readFileSync(`/proc/${init}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
      killed = readFileSync(`/proc/${conmon}/comm`, 'utf8').trim();
      process.kill(conmon, 'SIGKILL');
    }
    const outputs: string[] = [];
    for (const id of [coldId, orphan.Id]) {
      const exited = containers.wait(id, 'next-exit');
      await containers.start(id);
      const { StatusCode } = await exited;
      outputs.push(`${StatusCode}:${(await logsOf(id)).trim()}`);
      await containers.remove(id);
    }
    const leftovers = [coldId, orphan.Id].filter(
      (id) => existsSync(netnsPath(id)) || existsSync(join(paths.runcRoot, id)),
    );
    await networks.remove('tsc-nw');
    return { recovered, killed, outputs, leftovers };
  },

  /** Removes the forward of a host port behind the engine's back, as a restarted rootlesskit would lose it. */
  'drop-forward': async (hostPort = '') => {
    for (const forward of await ports.list()) {
      if (forward.spec.parentPort === Number(hostPort)) await ports.remove(forward.id);
    }
    return { forwards: (await ports.list()).length };
  },

  stop: async (id = '') => {
    await containers.stop(id, { timeout: 1 });
    return { forwards: (await ports.list()).length };
  },

  start: async (id = '') => {
    await containers.start(id);
    return { forwards: (await ports.list()).length };
  },

  remove: async (id = '') => {
    await containers.remove(id, { force: true });
    return { forwards: (await ports.list()).length };
  },

  cleanup: async () => {
    for (const container of await containers.list({ all: true, filters: {} })) {
      await containers.remove(container.Id, { force: true });
    }
    for (const network of await networks.list({ type: ['custom'] })) await networks.remove(network.Id);
    return observeLinks();
  },
};

const step = steps[process.argv[2] ?? ''];
if (step === undefined) {
  process.stderr.write(`usage: network-steps.ts ${Object.keys(steps).join('|')}\n`);
  process.exit(2);
}
try {
  process.stdout.write(`${JSON.stringify(await step(...process.argv.slice(3)))}\n`);
} finally {
  containers.close();
  networks.close();
}
process.exit(0);
