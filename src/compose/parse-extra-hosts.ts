/**
 * `extra_hosts` (service and build) in the form compose-go's `HostsList` holds it: a map from
 * host name to its addresses. The list form accepts `host=ip` (preferred, readable with IPv6)
 * and the legacy `host:ip`, and a value may list several addresses, `host=10.0.0.1,10.0.0.2`; a
 * repeated host adds addresses. The mapping form takes one address or a list of them per host.
 * Brackets around an IPv6 address are dropped (`[::1]` is `::1`).
 *
 * compose-go prints this as a sorted list of `host=ip` strings; that is a printing concern.
 */
import { formatGoScalar } from './format-go-scalar.js';
import { goTypeName } from './go-type-name.js';
import { failed, parsed, type ParseResult } from './parse-result.js';

export type HostsList = Record<string, string[]>;

const SEPARATORS = ['=', ':'] as const;

export function parseExtraHosts(value: unknown): ParseResult<HostsList> {
  const hosts = new Map<string, string[]>();
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = formatGoScalar(item);
      const separator = SEPARATORS.find((candidate) => text.includes(candidate));
      if (separator === undefined) return failed(`invalid additional host, missing IP: ${text}`);
      const at = text.indexOf(separator);
      const host = text.slice(0, at);
      hosts.set(host, [...(hosts.get(host) ?? []), ...text.slice(at + 1).split(',')]);
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [host, entry] of Object.entries(value as Record<string, unknown>)) {
      if (entry === null || typeof entry === 'string') hosts.set(host, [entry ?? '']);
      else if (Array.isArray(entry)) hosts.set(host, entry.map(formatGoScalar));
      else return failed(`unexpected value type ${goTypeName(value)} for extra_hosts entry`);
    }
  } else {
    return failed(`unexpected value type ${goTypeName(value)} for extra_hosts`);
  }
  for (const [host, addresses] of hosts) {
    if (host === '' || host.includes(':') || host.includes('=')) return failed(`bad host name '${host}'`);
    hosts.set(host, addresses.map(stripBrackets));
  }
  return parsed(Object.fromEntries(hosts));
}

function stripBrackets(address: string): string {
  return address.length > 2 && address.startsWith('[') && address.endsWith(']')
    ? address.slice(1, -1)
    : address;
}
