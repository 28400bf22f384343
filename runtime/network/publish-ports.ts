/**
 * Publishing a container's ports through rootlesskit: each request becomes one forward from the
 * host's address and port to the container's address. A fixed host port is tried once; a range
 * is tried in order; no port means a random free one of the ephemeral range, as Docker picks. The
 * engine cannot see the host's ports from its namespace, so "free" is rootlesskit's answer: a
 * refused port is tried no further only when it was the one asked for. A failure removes the
 * forwards this call made, so a start that fails publishes nothing.
 *
 * `matchForwards` (pure) compares what the sandboxes say is published with what rootlesskit
 * holds, after an engine restart.
 */
import { NetworkError } from './network-errors.js';
import type { BoundPort } from './network-record.js';
import type { PortRequest } from './port-requests.js';
import { PortDriverError, type PortDriver, type PortSpec, type PortStatus } from './rootlesskit-ports.js';

/** Linux's default ephemeral range (net.ipv4.ip_local_port_range), where Docker picks too. */
const EPHEMERAL = { first: 32768, last: 60999 };
const RANDOM_ATTEMPTS = 50;

export async function publishPorts(
  driver: PortDriver,
  requests: readonly PortRequest[],
  childIp: string,
  containerName: string,
  random: () => number = Math.random,
): Promise<BoundPort[]> {
  const bound: BoundPort[] = [];
  try {
    for (const request of requests)
      bound.push(await publishOne(driver, request, childIp, containerName, random));
  } catch (error) {
    await unpublishPorts(driver, bound);
    throw error;
  }
  return bound;
}

async function publishOne(
  driver: PortDriver,
  request: PortRequest,
  childIp: string,
  containerName: string,
  random: () => number,
): Promise<BoundPort> {
  const candidates = request.hostPorts
    ? Array.from(
        { length: request.hostPorts.last - request.hostPorts.first + 1 },
        (_, i) => (request.hostPorts?.first ?? 0) + i,
      )
    : Array.from(
        { length: RANDOM_ATTEMPTS },
        () => EPHEMERAL.first + Math.floor(random() * (EPHEMERAL.last - EPHEMERAL.first + 1)),
      );
  let lastRefusal = '';
  for (const hostPort of candidates) {
    const spec: PortSpec = {
      proto: request.protocol,
      parentIP: request.hostIp,
      parentPort: hostPort,
      childIP: childIp,
      childPort: request.containerPort,
    };
    try {
      const id = await driver.add(spec);
      return {
        Protocol: request.protocol,
        ContainerPort: request.containerPort,
        HostIp: request.hostIp,
        HostPort: hostPort,
        ChildIp: childIp,
        ForwardId: id,
      };
    } catch (error) {
      if (!(error instanceof PortDriverError)) throw error;
      lastRefusal = error.message;
      // Another port may do only when the caller left the choice to us and this one is taken.
      if (!isTaken(error.message) || candidates.length === 1) break;
    }
  }
  const hostPort = request.hostPorts
    ? request.hostPorts.first === request.hostPorts.last
      ? String(request.hostPorts.first)
      : `${request.hostPorts.first}-${request.hostPorts.last}`
    : 'a random port';
  const reason = isTaken(lastRefusal) ? 'port is already allocated' : lastRefusal;
  throw new NetworkError(
    500,
    `driver failed programming external connectivity on endpoint ${containerName}: ` +
      `Bind for ${request.hostIp}:${hostPort} failed: ${reason}`,
  );
}

function isTaken(message: string): boolean {
  return /conflict with ID|address already in use/i.test(message);
}

/** Removes the forwards; one rootlesskit no longer knows (it restarted) is already gone. */
export async function unpublishPorts(
  driver: PortDriver,
  ports: readonly Pick<BoundPort, 'ForwardId'>[],
): Promise<void> {
  for (const port of ports) {
    try {
      await driver.remove(port.ForwardId);
    } catch (error) {
      // rootlesskit says "unknown id: N" for a forward it does not hold: nothing to remove.
      if (!(error instanceof PortDriverError && /unknown id/i.test(error.message))) throw error;
    }
  }
}

export interface ForwardMatch {
  /** For each wanted port, in order: the id rootlesskit holds it under now, or undefined if lost. */
  ids: (number | undefined)[];
  /** Forwards nobody publishes any more (their container went while the engine was away). */
  stale: number[];
}

export function matchForwards(wanted: readonly BoundPort[], actual: readonly PortStatus[]): ForwardMatch {
  const unmatched = [...actual];
  const ids = wanted.map((port) => {
    const index = unmatched.findIndex(
      ({ spec }) =>
        spec.proto === port.Protocol &&
        spec.parentIP === port.HostIp &&
        spec.parentPort === port.HostPort &&
        spec.childIP === port.ChildIp &&
        spec.childPort === port.ContainerPort,
    );
    return index >= 0 ? unmatched.splice(index, 1)[0]?.id : undefined;
  });
  return { ids, stale: unmatched.map((status) => status.id) };
}

/** The rootlesskit spec of a published port, to add it again. */
export function forwardSpec(port: BoundPort): PortSpec {
  return {
    proto: port.Protocol,
    parentIP: port.HostIp,
    parentPort: port.HostPort,
    childIP: port.ChildIp,
    childPort: port.ContainerPort,
  };
}
