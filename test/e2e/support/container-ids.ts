/**
 * A project's containers as the engine lists them (stock docker CLI, compose labels), by name:
 * the ground truth the tests compare `tscompose` output and recreations with.
 */
import { dockerOk } from './commands.js';

/** Container name → full id, for every container of the project, running or not. */
export async function projectContainerIds(project: string): Promise<Record<string, string>> {
  const listed = await dockerOk([
    'ps',
    '-a',
    '--no-trunc',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--format',
    '{{.Names}} {{.ID}}',
  ]);
  return Object.fromEntries(
    listed
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string]),
  );
}

/** The address of a container on one network, as `docker inspect` reports it. */
export async function containerAddress(container: string, network: string): Promise<string> {
  return dockerOk([
    'inspect',
    '-f',
    `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`,
    container,
  ]);
}

/** `.State.Health.Status` of a container: `healthy`, `starting`, `unhealthy`, or '' without one. */
export async function healthStatus(container: string): Promise<string> {
  return dockerOk(['inspect', '-f', '{{if .State.Health}}{{.State.Health.Status}}{{end}}', container]);
}
