/**
 * Published ports as Docker shows them: `NetworkSettings.Ports` in inspect (every exposed port,
 * `null` when not published, else its host bindings) and `Ports` in `docker ps`'s rows. Pure
 * projections of the forwards a running container holds; a stopped one has none, and shows `{}`
 * and `[]` as Docker does.
 */
import type { EmptyObjectSet, Port, PortMap } from '../api/engine-types.js';
import type { BoundPort } from './network-record.js';
import { parsePortKey } from './port-requests.js';

export function inspectPorts(
  exposed: EmptyObjectSet | null | undefined,
  bound: readonly BoundPort[],
): PortMap {
  const ports: PortMap = {};
  for (const key of Object.keys(exposed ?? {})) {
    const { protocol, first } = safeKey(key);
    ports[`${first}/${protocol}`] = null;
  }
  for (const port of sortPorts(bound)) {
    const key = `${port.ContainerPort}/${port.Protocol}`;
    const bindings = ports[key] ?? [];
    bindings.push({ HostIp: port.HostIp, HostPort: String(port.HostPort) });
    ports[key] = bindings;
  }
  return ports;
}

export function summaryPorts(
  exposed: EmptyObjectSet | null | undefined,
  bound: readonly BoundPort[],
): Port[] {
  const published = sortPorts(bound).map((port): Port => ({
    IP: port.HostIp,
    PrivatePort: port.ContainerPort,
    PublicPort: port.HostPort,
    Type: port.Protocol,
  }));
  const publishedKeys = new Set(bound.map((port) => `${port.ContainerPort}/${port.Protocol}`));
  const unpublished = Object.keys(exposed ?? {})
    .map(safeKey)
    .filter(({ protocol, first }) => !publishedKeys.has(`${first}/${protocol}`))
    .map(({ protocol, first }): Port => ({ PrivatePort: first, Type: protocol }));
  return [...published, ...unpublished];
}

function sortPorts(bound: readonly BoundPort[]): BoundPort[] {
  return [...bound].sort(
    (a, b) =>
      a.ContainerPort - b.ContainerPort || a.Protocol.localeCompare(b.Protocol) || a.HostPort - b.HostPort,
  );
}

/** Exposed-port keys come from images too; one this engine cannot publish (sctp) is shown as tcp-less text. */
function safeKey(key: string): { protocol: 'tcp' | 'udp'; first: number } {
  try {
    const { protocol, first } = parsePortKey(key);
    return { protocol, first };
  } catch (error) {
    // NetworkError (400) for sctp or a malformed key in an image config: show the port as tcp.
    if (error instanceof Error && error.name === 'NetworkError')
      return { protocol: 'tcp', first: Number.parseInt(key, 10) || 0 };
    throw error;
  }
}
