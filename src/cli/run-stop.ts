/**
 * What `tscompose stop` does (docker compose's stop): every container of the chosen services,
 * or of the project's services (orphans are left alone), stopped dependents first. Without a
 * compose file, `-p NAME` names the project and the order comes from the containers' labels.
 */
import type { CommandContext } from './command-context.js';
import { withReporter } from './command-reporter.js';
import { list } from './global-options.js';
import { projectOrName } from './project-or-name.js';
import { openEngine } from './project-session.js';
import { serviceScope } from './service-scope.js';
import type { StopArgs } from './stop.js';

export async function runStop(args: StopArgs, context: CommandContext): Promise<void> {
  const requested = list(args.service);
  const target = projectOrName(args, context, requested);
  await withReporter(args, 'stop', async (reporter) => {
    const { listProjectContainers } = await import('../engine/project-containers.js');
    const { stopContainers } = await import('../engine/stop-containers.js');
    const docker = await openEngine(context);
    const services = serviceScope(target, requested);
    const containers = await listProjectContainers(docker, target.name, { all: true, services });
    const options = args.timeout === undefined ? {} : { timeout: args.timeout };
    await stopContainers({ docker, reporter, clock: Date.now }, containers, target.project, options);
  });
}
