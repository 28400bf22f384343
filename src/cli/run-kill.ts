/**
 * What `tscompose kill` does (docker compose's kill): the running containers of the chosen
 * services, `run` containers included, get the signal at once. Orphans are left alone unless
 * `--remove-orphans`; with nothing running, `No container to kill` and exit 0.
 */
import type { CommandContext } from './command-context.js';
import { withReporter } from './command-reporter.js';
import { list } from './global-options.js';
import type { KillArgs } from './kill.js';
import { projectOrName } from './project-or-name.js';
import { openEngine } from './project-session.js';

export async function runKill(args: KillArgs, context: CommandContext): Promise<void> {
  const requested = list(args.service);
  const target = projectOrName(args, context, requested);
  await withReporter(args, 'kill', async (reporter) => {
    const { listProjectContainers } = await import('../engine/project-containers.js');
    const { killContainers } = await import('../engine/kill-containers.js');
    const docker = await openEngine(context);
    let containers = await listProjectContainers(docker, target.name, {
      all: false,
      services: requested,
      oneoff: 'include',
    });
    const declared = target.project ? Object.keys(target.project.services) : undefined;
    if (declared && !args['remove-orphans']) {
      containers = containers.filter((container) => declared.includes(container.service));
    }
    if (containers.length === 0) {
      context.io.stderr('No container to kill\n');
      return;
    }
    await killContainers({ docker, reporter, clock: Date.now }, containers, args.signal);
  });
}
