/**
 * What `tscompose restart` does (docker compose's restart and prepareRestartProject): the named
 * services (all when none), plus, unless `--no-deps`, the services that depend on them with
 * `restart: true`, restarted dependencies first. The whole project is loaded, since dependents
 * are not part of a named service's selection.
 */
import type { Project } from '../compose/project.js';
import type { CommandContext } from './command-context.js';
import { withReporter } from './command-reporter.js';
import { ExitError } from './exit-error.js';
import { list } from './global-options.js';
import { projectOrName } from './project-or-name.js';
import { openEngine } from './project-session.js';
import type { RestartArgs } from './restart.js';

export async function runRestart(args: RestartArgs, context: CommandContext): Promise<void> {
  const requested = list(args.service);
  const target = projectOrName(args, context);
  const project = target.project;
  if (project) {
    const unknown = requested.find((service) => !(service in project.services));
    if (unknown !== undefined) throw new ExitError(`no such service: ${unknown}`);
  }
  const services = project ? restartScope(project, requested, !args['no-deps']) : requested;
  await withReporter(args, 'restart', async (reporter) => {
    const { listProjectContainers } = await import('../engine/project-containers.js');
    const { restartContainers } = await import('../engine/restart-containers.js');
    const docker = await openEngine(context);
    const containers = await listProjectContainers(docker, target.name, { all: true, services });
    const options = args.timeout === undefined ? {} : { timeout: args.timeout };
    await restartContainers({ docker, reporter, clock: Date.now }, containers, project, options);
  });
}

/** The named services and, transitively, those that depend on one of them with `restart: true`. */
export function restartScope(
  project: Project,
  requested: readonly string[],
  withDependents: boolean,
): string[] {
  if (requested.length === 0) return Object.keys(project.services);
  const scope = new Set(requested);
  let grew = withDependents;
  while (grew) {
    grew = false;
    for (const [name, service] of Object.entries(project.services)) {
      if (scope.has(name)) continue;
      const restarts = Object.entries(service.depends_on ?? {}).some(
        ([dependency, config]) => scope.has(dependency) && config.restart === true,
      );
      if (restarts) {
        scope.add(name);
        grew = true;
      }
    }
  }
  return [...scope];
}
