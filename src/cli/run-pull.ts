/**
 * What `tscompose pull` does (docker compose's runPull and pull): the named services' images (with
 * their dependencies' only when `--include-deps`), pulled at once through the shared puller
 * (src/engine/pull-images.ts). Unlike `up`, `pull` pulls a service with no `pull_policy` every
 * time; `--policy` overrides every service's policy; `--ignore-pull-failures` reports failures
 * and still exits 0.
 */
import type { Project } from '../compose/project.js';
import type { CommandContext } from './command-context.js';
import { withReporter } from './command-reporter.js';
import { ExitError } from './exit-error.js';
import { list } from './global-options.js';
import { loadCommandProject, openEngine } from './project-session.js';
import type { PullArgs } from './pull.js';

export async function runPull(args: PullArgs, context: CommandContext): Promise<void> {
  if (args['no-parallel'] !== undefined) {
    context.io.stderr("option '--no-parallel' is DEPRECATED and will be ignored.\n");
  }
  const requested = list(args.service);
  const { project } = loadCommandProject(args, context, requested);
  const services = pullScope(project, requested, args);
  const reporterArgs = args.quiet ? { ...args, progress: 'quiet' as const } : args;
  await withReporter(reporterArgs, 'pull', async (reporter) => {
    const { pullServiceImages } = await import('../engine/pull-images.js');
    const docker = await openEngine(context);
    const pull = async (policy: 'policy' | 'always' | 'missing', names: string[]): Promise<void> => {
      if (names.length > 0) await pullServiceImages(docker, project, { policy, services: names, reporter });
    };
    try {
      if (args.policy === 'always' || args.policy === 'missing') {
        await pull(args.policy, services);
      } else {
        const withPolicy = services.filter((name) => project.services[name]?.pull_policy !== undefined);
        await Promise.all([
          pull('policy', withPolicy),
          pull(
            'always',
            services.filter((name) => !withPolicy.includes(name)),
          ),
        ]);
      }
    } catch (error) {
      // Each failure has been reported on its image's line already.
      if (args['ignore-pull-failures']) return;
      // The puller joins every failure into one plain Error: the user's problem, not a bug.
      throw error instanceof Error && error.constructor === Error ? new ExitError(error.message) : error;
    }
  });
}

/** The services whose images are pulled: with an image, and not built when `--ignore-buildable`. */
function pullScope(project: Project, requested: readonly string[], args: PullArgs): string[] {
  const chosen = requested.length > 0 && !args['include-deps'] ? requested : Object.keys(project.services);
  return chosen.filter((name) => {
    const service = project.services[name];
    if (!service?.image) return false;
    return !(args['ignore-buildable'] && service.build !== undefined);
  });
}
