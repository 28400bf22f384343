/**
 * The outside resolvers the networks' DNS servers relay to: the engine's own /etc/resolv.conf
 * (rootlesskit writes slirp4netns' 10.0.2.3 there), without loopback servers, which inside the
 * engine's namespace would be nobody.
 */
import { readFile } from 'node:fs/promises';

export function nameserversOf(resolvConf: string): string[] {
  return resolvConf
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[0] === 'nameserver' && fields[1] !== undefined)
    .map((fields) => fields[1] as string)
    .filter((server) => !server.startsWith('127.') && server !== '::1');
}

export async function readUpstreamResolvers(path = '/etc/resolv.conf'): Promise<string[]> {
  try {
    return nameserversOf(await readFile(path, 'utf8'));
  } catch (error) {
    // ENOENT: no resolv.conf in the engine's namespace; only the networks' own names resolve.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
