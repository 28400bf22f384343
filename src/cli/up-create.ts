/**
 * What `tscompose create` does once its flags are parsed: `up`'s convergence with the reconciler's
 * `create` goal, so nothing is started (docker compose's Create).
 */
import type { CommandContext } from './command-context.js';
import { list } from './global-options.js';
import { loadCommandProject, openEngine } from './project-session.js';
import { converge } from './up-converge.js';
import { asCommandError, planFailure } from './up-errors.js';
import {
  checkCreateFlags,
  checkServiceNames,
  pullOption,
  reconcileOptions,
  type CreateFlags,
} from './up-options.js';
import { commandReporter, withoutPulls } from './up-reporter.js';

export async function runCreate(args: CreateFlags, context: CommandContext): Promise<void> {
  checkCreateFlags(args);
  const loaded = loadCommandProject(args, context);
  const project = loaded.project;
  const named = list(args.service);
  checkServiceNames(named, project);
  const declared = Object.keys((loaded.model.services as Record<string, unknown> | undefined) ?? {});
  const options = reconcileOptions(args, project, {
    goal: 'create',
    services: named,
    noDeps: false,
    alwaysRecreateDeps: false,
    disabledServices: declared.filter((service) => !(service in project.services)),
    env: context.env,
  });
  const docker = await openEngine(context);
  const reporter = await commandReporter(args);
  reporter.start('create');
  let ok = false;
  try {
    const converged = await converge({
      docker,
      loaded,
      options,
      pull: pullOption(args),
      reporter,
      pullReporter: args['quiet-pull'] ? withoutPulls(reporter) : reporter,
      envFiles: list(args['env-file']),
      dryRun: args['dry-run'],
      context,
    });
    if (converged.result && converged.result.errors.length > 0) throw planFailure(converged.result.errors);
    ok = true;
  } catch (error) {
    throw asCommandError(error);
  } finally {
    reporter.done('create', ok);
  }
}
