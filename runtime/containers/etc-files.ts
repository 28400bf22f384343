/**
 * The three files every container gets bind-mounted from its own folder, as Docker writes them:
 * /etc/hostname, /etc/hosts (localhost lines, `ExtraHosts`, then the container's own name) and
 * /etc/resolv.conf (the engine's, with loopback name servers removed because they would point at
 * the container itself, or `Dns`/`DnsSearch`/`DnsOptions` when the request sets them).
 *
 * Pure text; the container service writes the files.
 */
import { badRequest } from '../status-error.js';

export function hostnameFile(hostname: string): string {
  return `${hostname}\n`;
}

export interface HostsInput {
  hostname: string;
  domainname?: string;
  /** The container's address on its network; absent while containers share the engine's network. */
  address?: string;
  /** `name:ip` or `name=ip`; `host-gateway` means `hostGateway`. */
  extraHosts?: readonly string[] | null;
  /** The address that reaches the host from inside the namespace (slirp4netns: 10.0.2.2). */
  hostGateway?: string;
}

export function hostsFile(input: HostsInput): string {
  const lines = [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::\tip6-localnet',
    'ff00::\tip6-mcastprefix',
    'ff02::1\tip6-allnodes',
    'ff02::2\tip6-allrouters',
  ];
  for (const entry of input.extraHosts ?? []) {
    const { name, address } = parseExtraHost(entry, input.hostGateway);
    lines.push(`${address}\t${name}`);
  }
  const names = input.domainname ? `${input.hostname}.${input.domainname} ${input.hostname}` : input.hostname;
  lines.push(`${input.address ?? '127.0.1.1'}\t${names}`);
  return lines.join('\n') + '\n';
}

export function parseExtraHost(entry: string, hostGateway?: string): { name: string; address: string } {
  // `name:ip` splits at the first colon (IPv6 addresses have more); `name=ip` is the newer form.
  const separator = entry.includes('=') ? entry.indexOf('=') : entry.indexOf(':');
  const name = entry.slice(0, separator);
  let address = entry.slice(separator + 1);
  if (separator <= 0 || address === '') throw badRequest(`invalid IP address in add-host: "${entry}"`);
  if (address === 'host-gateway') {
    if (!hostGateway) throw badRequest(`unable to derive the IP value for host-gateway`);
    address = hostGateway;
  }
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  return { name, address };
}

export interface ResolvConfInput {
  /** The engine's own /etc/resolv.conf. */
  base: string;
  dns?: readonly string[] | null;
  dnsSearch?: readonly string[] | null;
  dnsOptions?: readonly string[] | null;
}

const FALLBACK_NAMESERVERS = ['8.8.8.8', '8.8.4.4'];

export function resolvConfFile(input: ResolvConfInput): string {
  const lines = input.base.split('\n').map((line) => line.trim());
  const field = (keyword: string): string[] =>
    lines
      .filter((line) => line.startsWith(`${keyword} `) || line.startsWith(`${keyword}\t`))
      .flatMap((line) => line.split(/\s+/).slice(1));
  let nameservers =
    input.dns && input.dns.length > 0
      ? [...input.dns]
      : field('nameserver').filter((server) => !isLoopback(server));
  if (nameservers.length === 0) nameservers = FALLBACK_NAMESERVERS;
  const search =
    input.dnsSearch && input.dnsSearch.length > 0
      ? input.dnsSearch.filter((domain) => domain !== '.')
      : field('search');
  const options = input.dnsOptions && input.dnsOptions.length > 0 ? [...input.dnsOptions] : field('options');
  const out = nameservers.map((server) => `nameserver ${server}`);
  if (search.length > 0) out.push(`search ${search.join(' ')}`);
  if (options.length > 0) out.push(`options ${options.join(' ')}`);
  return out.join('\n') + '\n';
}

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1';
}
