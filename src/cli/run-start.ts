/**
 * What `tscompose start` does (docker compose's start): the project is loaded with the named
 * services and their dependencies, and each of those services' stopped containers is started,
 * dependencies first. A service that has no container at all is an error: `up` creates them.
 * `--wait` then waits, as `up --wait` does, for each to be running or healthy (wait-project.ts).
 */
import { desiredScale } from '../plan/container-name.js';
import type { CommandContext } from './command-context.js';
import { withReporter } from './command-reporter.js';
import { ExitError } from './exit-error.js';
import { list } from './global-options.js';
import { projectOrName } from './project-or-name.js';
import { openEngine } from './project-session.js';
import { serviceScope } from './service-scope.js';
import type { StartArgs } from './start.js';

export async function runStart(args: StartArgs, context: CommandContext): Promise<void> {
  const requested = list(args.service);
  const target = projectOrName(args, context, requested);
  await withReporter(args, 'start', async (reporter) => {
    const { listProjectContainers } = await import('../engine/project-containers.js');
    const { startContainers } = await import('../engine/start-containers.js');
    const docker = await openEngine(context);
    // With a project, its selection already holds the named services' dependencies.
    const services = target.project ? serviceScope(target, []) : requested;
    const containers = await listProjectContainers(docker, target.name, { all: true, services });
    for (const [name, service] of Object.entries(target.project?.services ?? {})) {
      if (desiredScale(service) === 0) continue;
      if (!containers.some((container) => container.service === name)) {
        throw new ExitError(`service "${name}" has no container to start`);
      }
    }
    await startContainers({ docker, reporter, clock: Date.now }, containers, target.project);
    if (!args.wait) return;
    if (!target.project) throw new ExitError('start --wait needs the compose file, not only a project name');
    const { waitForProject } = await import('../engine/wait-project.js');
    const waited = [...new Set(containers.map((container) => container.service))];
    await waitForProject(docker, target.project, {
      services: waited,
      containersOf: (service) => containers.filter((container) => container.service === service),
      reporter,
      clock: Date.now,
      ...(args['wait-timeout'] > 0 && { timeout: args['wait-timeout'] }),
    }).catch((error: unknown) => {
      // Not healthy in time, or a container that can never be: the user's outcome, not a bug.
      throw error instanceof Error && error.constructor === Error ? new ExitError(error.message) : error;
    });
  });
}
