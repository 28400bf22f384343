/**
 * What `tscompose port` does (docker compose's Port and getSpecifiedContainer): the service's
 * running container (the one numbered `--index`, else the lowest, `run` containers last), and the
 * host address its private port is published on, printed as `IP:PORT`.
 */
import type { Port } from '../../runtime/api/engine-types.js';
import type { CommandContext } from './command-context.js';
import { asExitError } from './command-reporter.js';
import { ExitError } from './exit-error.js';
import { containerName } from './format-ps.js';
import type { PortArgs } from './port.js';
import { projectOrName } from './project-or-name.js';
import { openEngine } from './project-session.js';

export async function runPort(args: PortArgs, context: CommandContext): Promise<void> {
  const port = readPort(String(args.port));
  const protocol = args.protocol.toLowerCase();
  const { name } = projectOrName(args, context);
  try {
    const { listPsContainers } = await import('../engine/ps-containers.js');
    const { CONTAINER_NUMBER_LABEL, ONEOFF_LABEL } = await import('../plan/compose-labels.js');
    const docker = await openEngine(context);
    const candidates = (await listPsContainers(docker, name, { all: false, services: [args.service] }))
      .filter(
        (container) => args.index <= 0 || container.Labels[CONTAINER_NUMBER_LABEL] === String(args.index),
      )
      .sort((a, b) => {
        const oneoff = Number(a.Labels[ONEOFF_LABEL] === 'True') - Number(b.Labels[ONEOFF_LABEL] === 'True');
        return (
          oneoff ||
          Number(a.Labels[CONTAINER_NUMBER_LABEL] ?? 0) - Number(b.Labels[CONTAINER_NUMBER_LABEL] ?? 0)
        );
      });
    const container = candidates[0];
    if (!container) {
      throw new ExitError(
        args.index > 0
          ? `service "${args.service}" is not running container #${args.index}`
          : `service "${args.service}" is not running`,
      );
    }
    const binding = (container.Ports ?? []).find((p) => p.PrivatePort === port && p.Type === protocol);
    if (!binding)
      throw new ExitError(portNotFound(protocol, port, containerName(container), container.Ports ?? []));
    context.io.stdout(`${binding.IP || 'invalid IP'}:${binding.PublicPort ?? 0}\n`);
  } catch (error) {
    throw asExitError(error);
  }
}

/** A port number as Go's ParseUint(…, 10, 16) reads it, with its error words. */
function readPort(text: string): number {
  if (!/^\d+$/.test(text))
    throw new ExitError(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
  const port = Number(text);
  if (port > 65535)
    throw new ExitError(`strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`);
  return port;
}

function portNotFound(protocol: string, port: number, name: string, ports: readonly Port[]): string {
  const known = ports.map((p) => `${p.PrivatePort}/${p.Type}`).join(', ');
  return `no port ${port}/${protocol} for container ${name}: ${known}`;
}
