/**
 * Networks as the stock docker CLI sees them, through DOCKER_HOST, as an unprivileged user:
 * `network create/ls/inspect/connect/rm`, `run --network --network-alias`, `-p` for TCP and UDP.
 *
 * Scenario: two containers on one network find each other by name and alias; a container on
 * another network does not; a published TCP port and a published UDP port answer on the host's
 * 127.0.0.1 and stop answering when their container goes; once the networks are removed the
 * engine's namespace holds the same links, and rootlesskit the same forwards, as before.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentEnginePaths } from '../../runtime/host/current-engine-paths.js';
import { docker, dockerOk, tscompose } from './support/commands.js';
import { freeTcpPort } from '../support/free-port.js';
import { httpText } from '../support/http-probe.js';
import { udpExchange } from '../support/udp-probe.js';

const run = promisify(execFile);
const busybox = inject('busybox');
const LABEL = 'tscompose.test=docker-network';

/** The links of the engine's network namespace, seen by joining it as the user (no root needed). */
async function engineLinks(): Promise<string[]> {
  const childPid = readFileSync(join(currentEnginePaths().rootlesskitDir, 'child_pid'), 'utf8').trim();
  const { stdout } = await run(
    'nsenter',
    ['-t', childPid, '-U', '-n', '--preserve-credentials', 'ip', '-j', 'link', 'show'],
    { env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` } },
  );
  return (JSON.parse(stdout) as { ifname: string }[]).map((link) => link.ifname).sort();
}

async function forwardCount(): Promise<number> {
  const { stdout } = await run('rootlessctl', [
    '--socket',
    join(currentEnginePaths().rootlesskitDir, 'api.sock'),
    'list-ports',
    '--json',
  ]);
  return stdout.split('\n').filter((line) => line.trim().startsWith('{')).length;
}

async function address(container: string, network: string): Promise<string> {
  return dockerOk([
    'inspect',
    '-f',
    `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`,
    container,
  ]);
}

describe('networks with the docker CLI', () => {
  let linksBefore: string[];
  let forwardsBefore: number;

  beforeAll(async () => {
    const started = await tscompose(['engine', 'start']);
    expect(started.code, started.stderr).toBe(0);
    await dockerOk(['pull', busybox.reference]);
    linksBefore = await engineLinks();
    forwardsBefore = await forwardCount();
    await dockerOk(['network', 'create', '--label', LABEL, 'net-front']);
    await dockerOk(['network', 'create', '--label', LABEL, '--subnet', '10.99.7.0/24', 'net-back']);
  });

  afterAll(async () => {
    const all = (await dockerOk(['ps', '-aq', '--filter', `label=${LABEL}`])).split('\n').filter(Boolean);
    if (all.length > 0) await dockerOk(['rm', '-f', ...all]);
    const networks = (await dockerOk(['network', 'ls', '-q', '--filter', `label=${LABEL}`])).split('\n');
    for (const id of networks.filter(Boolean)) await docker(['network', 'rm', id]);
  });

  it('lists, inspects and refuses duplicates and predefined removals', async () => {
    const listed = await dockerOk([
      'network',
      'ls',
      '--filter',
      `label=${LABEL}`,
      '--format',
      '{{.Name}} {{.Driver}}',
    ]);
    expect(listed.split('\n').sort()).toEqual(['net-back bridge', 'net-front bridge']);
    expect(
      await dockerOk(['network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Subnet}}{{end}}', 'net-back']),
    ).toBe('10.99.7.0/24');
    const duplicate = await docker(['network', 'create', 'net-front']);
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toContain('already exists');
    const predefined = await docker(['network', 'rm', 'bridge']);
    expect(predefined.stderr).toContain('pre-defined network');
  });

  it('resolves names and aliases on one network, not across networks', async () => {
    await dockerOk([
      'run',
      '-d',
      '--label',
      LABEL,
      '--name',
      'net-db',
      '--network',
      'net-front',
      '--network-alias',
      'database',
      busybox.reference,
      'sleep',
      '300',
    ]);
    const db = await address('net-db', 'net-front');
    expect(db).toMatch(/^10\.89\.\d+\.\d+$/);
    for (const name of ['net-db', 'database']) {
      const found = await dockerOk([
        'run',
        '--rm',
        '--label',
        LABEL,
        '--network',
        'net-front',
        busybox.reference,
        'nslookup',
        name,
      ]);
      expect(found).toMatch(new RegExp(`Address:\\s+${db.replace(/\./g, '\\.')}$`, 'm'));
    }
    const stranger = await docker([
      'run',
      '--rm',
      '--label',
      LABEL,
      '--network',
      'net-back',
      busybox.reference,
      'nslookup',
      'database',
    ]);
    expect(stranger.stdout + stranger.stderr).toContain("can't find database");
    const members = JSON.parse(
      await dockerOk(['network', 'inspect', '-f', '{{json .Containers}}', 'net-front']),
    ) as Record<string, { Name: string; IPv4Address: string }>;
    expect(Object.values(members)).toEqual([
      expect.objectContaining({ Name: 'net-db', IPv4Address: `${db}/24` }),
    ]);

    // Connected to the second network too, the db answers there under its new alias.
    await dockerOk(['network', 'connect', '--alias', 'store', 'net-back', 'net-db']);
    const back = await address('net-db', 'net-back');
    expect(back).toMatch(/^10\.99\.7\.\d+$/);
    const onBack = await dockerOk([
      'run',
      '--rm',
      '--label',
      LABEL,
      '--network',
      'net-back',
      busybox.reference,
      'nslookup',
      'store',
    ]);
    expect(onBack).toContain(back);
    await dockerOk(['network', 'disconnect', 'net-back', 'net-db']);
    await dockerOk(['rm', '-f', 'net-db']);
  });

  it('lets a created container leave its network and rejoin it with aliases (as docker-compose v1 does)', async () => {
    const create = ['create', '--label', LABEL, '--name', 'net-late', '--network', 'net-back'];
    await dockerOk([...create, busybox.reference, 'sleep', '300']);
    await dockerOk(['network', 'disconnect', 'net-back', 'net-late']);
    await dockerOk(['network', 'connect', '--alias', 'late-alias', 'net-back', 'net-late']);
    await dockerOk(['start', 'net-late']);
    const late = await address('net-late', 'net-back');
    const lookup = ['run', '--rm', '--label', LABEL, '--network', 'net-back', busybox.reference];
    const found = await dockerOk([...lookup, 'nslookup', 'late-alias']);
    expect(found).toMatch(new RegExp(`Address:\\s+${late.replace(/\./g, '\\.')}$`, 'm'));
    // A running container keeps the network its namespace was built around.
    const refused = await docker(['network', 'disconnect', 'net-back', 'net-late']);
    expect(refused.code).not.toBe(0);
    await dockerOk(['rm', '-f', 'net-late']);
  });

  it('publishes TCP and UDP ports on 127.0.0.1 and removes them with the container', async () => {
    const [tcp, udp] = [await freeTcpPort(), await freeTcpPort()];
    await dockerOk([
      'run',
      '-d',
      '--label',
      LABEL,
      '--name',
      'net-web',
      '--network',
      'net-front',
      '-p',
      `127.0.0.1:${tcp}:8080`,
      busybox.reference,
      'sh',
      '-c',
      'mkdir /www && echo served > /www/index.html && exec httpd -f -p 8080 -h /www',
    ]);
    // busybox has no UDP server: the host's node runs in the container, /usr mounted read-only.
    await dockerOk([
      'run',
      '-d',
      '--label',
      LABEL,
      '--name',
      'net-udp',
      '-p',
      `127.0.0.1:${udp}:5353/udp`,
      '-v',
      '/usr:/usr:ro',
      '-v',
      '/usr/lib:/lib:ro',
      '-v',
      '/usr/lib64:/lib64:ro',
      '-v',
      `${join(import.meta.dirname, '..', 'runtime', 'network', 'scenarios')}:/probe:ro`,
      busybox.reference,
      process.execPath,
      '/probe/udp-echo.mjs',
      '5353',
    ]);
    expect(await dockerOk(['port', 'net-web'])).toBe(`8080/tcp -> 127.0.0.1:${tcp}`);
    expect(await dockerOk(['ps', '--filter', 'name=net-web', '--format', '{{.Ports}}'])).toBe(
      `127.0.0.1:${tcp}->8080/tcp`,
    );
    expect(await forwardCount()).toBe(forwardsBefore + 2);
    await expect.poll(() => httpText(tcp).catch(() => ''), { timeout: 10_000 }).toBe('served\n');
    await expect.poll(() => udpExchange(udp, 'ping').catch(() => ''), { timeout: 10_000 }).toBe('echo:ping');

    await dockerOk(['rm', '-f', 'net-web', 'net-udp']);
    expect(await forwardCount()).toBe(forwardsBefore);
    await expect(httpText(tcp)).rejects.toThrow();
  });

  it('leaves the same links behind once the networks are gone', async () => {
    await dockerOk(['network', 'rm', 'net-front', 'net-back']);
    // A removed container's veths go with its namespace, which the kernel frees in the background.
    await expect.poll(() => engineLinks(), { timeout: 2_000 }).toEqual(linksBefore);
    expect(await forwardCount()).toBe(forwardsBefore);
  });
});
