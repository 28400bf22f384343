/**
 * Writes a new container's /etc/hostname, /etc/hosts and /etc/resolv.conf into its folder (the
 * spec bind-mounts them), from the texts `etc-files.ts` builds. Written at create, as Docker
 * does; the engine's own resolv.conf is the starting point for the container's. Written again at
 * every start, with, on a network, the container's address (hosts) and its network's DNS server
 * (resolv.conf's only nameserver; the container's own `Dns` become that server's upstream).
 * Because every start writes them before the container reads them, they are replaced without
 * fsync (`writeFileReplace`): one lost to a power cut is simply written again.
 *
 * `inPlace` is for a container created ahead of its start (its runtime container exists, its
 * process has not run): its bind mounts hold the files' inodes already, so they are rewritten,
 * not replaced.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { writeFileReplace } from './write-file-replace.js';
import type { ContainerFiles, ContainerRecord } from './container-record.js';
import { hostnameFile, hostsFile, resolvConfFile } from './etc-files.js';

export async function writeEtcFiles(
  record: ContainerRecord,
  files: ContainerFiles,
  options: {
    resolvConf: string;
    hostGateway?: string;
    address?: string;
    nameservers?: readonly string[];
    inPlace?: boolean;
  },
): Promise<void> {
  const write = options.inPlace
    ? (path: string, data: string, mode: number) => writeFile(path, data, { mode })
    : writeFileReplace;
  const hostname = record.Config.Hostname ?? record.Id.slice(0, 12);
  // ENOENT: the engine has no resolv.conf; containers fall back to public servers.
  const base = await readFile(options.resolvConf, 'utf8').catch(() => '');
  await mkdir(files.dir, { recursive: true });
  // Every user inside the container reads these, not only its root.
  const readable = 0o644;
  await Promise.all([
    write(files.hostname, hostnameFile(hostname), readable),
    write(
      files.hosts,
      hostsFile({
        hostname,
        ...(record.Config.Domainname ? { domainname: record.Config.Domainname } : {}),
        extraHosts: record.HostConfig.ExtraHosts ?? [],
        ...(options.hostGateway ? { hostGateway: options.hostGateway } : {}),
        ...(options.address ? { address: options.address } : {}),
      }),
      readable,
    ),
    write(
      files.resolvConf,
      resolvConfFile({
        base,
        dns: options.nameservers ?? record.HostConfig.Dns,
        dnsSearch: record.HostConfig.DnsSearch,
        dnsOptions: record.HostConfig.DnsOptions,
      }),
      readable,
    ),
  ]);
}
