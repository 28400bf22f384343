/**
 * What a container asks to publish, read once from Docker's create request into a list of
 * forwards to make: `HostConfig.PortBindings` (`"80/tcp": [{HostIp, HostPort}]`), plus every
 * exposed port when `PublishAllPorts` (`-P`) is set.
 *
 * Docker's CLI and compose expand `8000-8001:80-81` into one key per container port before
 * sending, but a key may still carry a range (`"80-81/tcp"`), and a HostPort may be a range
 * (`"8000-8010"`: any free port of it) or empty (any free port). An empty HostIp means every
 * address, `0.0.0.0`, as in Docker. SCTP is refused: rootlesskit's port driver has none.
 *
 * Pure; `publish-ports.ts` turns the requests into rootlesskit forwards.
 */
import type { EmptyObjectSet, HostConfig } from '../api/engine-types.js';
import { invalidNetworkRequest } from './network-errors.js';
import type { PortProtocol } from './network-record.js';

export interface PortRequest {
  protocol: PortProtocol;
  containerPort: number;
  hostIp: string;
  /** Host ports to try in order; `undefined` means any free port. */
  hostPorts: { first: number; last: number } | undefined;
}

export const ANY_ADDRESS = '0.0.0.0';

export function portRequests(
  hostConfig: Pick<HostConfig, 'PortBindings' | 'PublishAllPorts'>,
  exposedPorts: EmptyObjectSet | null | undefined,
): PortRequest[] {
  const requests: PortRequest[] = [];
  const bound = new Set<string>();
  for (const [key, bindings] of Object.entries(hostConfig.PortBindings ?? {})) {
    const { protocol, first, last } = parsePortKey(key);
    for (const binding of bindings ?? [{}]) {
      const hostIp = binding.HostIp || ANY_ADDRESS;
      const hostRange = parseHostPort(binding.HostPort ?? '', key);
      const count = last - first + 1;
      if (count > 1 && hostRange && hostRange.last - hostRange.first + 1 !== count) {
        throw invalidNetworkRequest(
          `invalid port binding ${binding.HostPort}:${key}: the host and container ranges differ in length`,
        );
      }
      for (let offset = 0; offset < count; offset++) {
        const containerPort = first + offset;
        bound.add(`${containerPort}/${protocol}`);
        const hostPorts =
          count > 1 && hostRange
            ? { first: hostRange.first + offset, last: hostRange.first + offset }
            : hostRange;
        requests.push({ protocol, containerPort, hostIp, hostPorts });
      }
    }
  }
  if (hostConfig.PublishAllPorts) {
    for (const key of Object.keys(exposedPorts ?? {})) {
      const { protocol, first, last } = parsePortKey(key);
      for (let port = first; port <= last; port++) {
        if (bound.has(`${port}/${protocol}`)) continue;
        requests.push({ protocol, containerPort: port, hostIp: ANY_ADDRESS, hostPorts: undefined });
      }
    }
  }
  return requests;
}

/** `"80/tcp"`, `"53/udp"`, `"80"` (tcp), `"8000-8001/tcp"`. */
export function parsePortKey(key: string): { protocol: PortProtocol; first: number; last: number } {
  const [ports = '', protocol = 'tcp', ...rest] = key.split('/');
  if (rest.length > 0) throw invalidNetworkRequest(`invalid port specification: "${key}"`);
  if (protocol === 'sctp') {
    throw invalidNetworkRequest(`invalid port specification: "${key}": sctp is not supported rootless`);
  }
  if (protocol !== 'tcp' && protocol !== 'udp') {
    throw invalidNetworkRequest(`invalid proto: "${protocol}" in "${key}"`);
  }
  const range = parseRange(ports);
  if (!range || range.first === 0) throw invalidNetworkRequest(`invalid port specification: "${key}"`);
  return { protocol, ...range };
}

function parseHostPort(text: string, key: string): { first: number; last: number } | undefined {
  if (text === '' || text === '0') return undefined;
  const range = parseRange(text);
  if (!range || range.first === 0) {
    throw invalidNetworkRequest(`invalid host port "${text}" for ${key}`);
  }
  return range;
}

function parseRange(text: string): { first: number; last: number } | undefined {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!match) return undefined;
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  if (first > 65535 || last > 65535 || last < first) return undefined;
  return { first, last };
}
