/**
 * The network steps, run inside the user's namespaces (uid 0 there, the test user outside) by
 * enter-namespace.ts. Each step is a fresh process that builds the engine's NetworkService and
 * ContainerService and recovers both, as a restarted engine does (so DNS servers restart and
 * published ports are repaired), then prints one JSON line of what it observed. Containers and
 * forwards a step leaves are found by the next one.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ContainerCreateRequest } from '../../../../runtime/api/engine-types.js';
import { ContainerService } from '../../../../runtime/containers/container-service.js';
import { currentEnginePaths } from '../../../../runtime/host/current-engine-paths.js';
import { rootlesskitApiSocket } from '../../../../runtime/host/paths.js';
import { IpRunner } from '../../../../runtime/network/ip-runner.js';
import { NatTable } from '../../../../runtime/network/nat-table.js';
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
