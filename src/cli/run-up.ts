/**
 * What `tscompose up` does once its flags are parsed (docker compose's runUp and Up): check the
 * flags, load the whole project, converge it (up-converge.ts), then either return (`-d`), wait
 * until it is running and healthy (`--wait`), or attach to its output (up-attach.ts).
 */
import { buildGraph } from '../graph/dependency-graph.js';
import { withDependencies } from '../graph/select-services.js';
import type { Project } from '../compose/project.js';
import { waitForProject } from '../engine/wait-project.js';
import type { CommandContext } from './command-context.js';
import { ExitError } from './exit-error.js';
import { effectiveAnsi, list } from './global-options.js';
import { loadCommandProject, openEngine } from './project-session.js';
import type { UpArgs } from './up.js';
import { attachProject } from './up-attach.js';
import { converge } from './up-converge.js';
import { asCommandError, planFailure } from './up-errors.js';
import { checkCreateFlags, checkServiceNames, pullOption, reconcileOptions } from './up-options.js';
import { commandReporter, withoutPulls } from './up-reporter.js';
import { performance } from 'node:perf_hooks';
import { trace } from '../../runtime/api/trace.js';

export async function runUp(args: UpArgs, context: CommandContext): Promise<void> {
  trace(`up begin (process ${performance.now().toFixed(0)} ms old)`);
  const flags = checkUpFlags(args);
  checkCreateFlags(args);
  if (args.watch) throw new ExitError('--watch is not supported by up yet; run `tscompose watch`');
  if (args['renew-anon-volumes']) throw new ExitError('--renew-anon-volumes is not supported yet');
  const loaded = loadCommandProject(args, context);
  const project = loaded.project;
  const named = list(args.service);
  checkServiceNames(named, project);
  if (flags.exitCodeFrom !== undefined) checkServiceNames([flags.exitCodeFrom], project);
  const scope =
    named.length === 0
      ? Object.keys(project.services)
      : args['no-deps']
        ? named
        : withDependencies(buildGraph(project.services), named);
  const attach = flags.detach ? [] : attachedServices(args, project, named, scope);
  const options = reconcileOptions(args, project, {
    goal: args['no-start'] ? 'create' : 'up',
    services: named,
    noDeps: args['no-deps'],
    alwaysRecreateDeps: args['always-recreate-deps'],
    ...(args.timeout !== undefined ? { timeout: args.timeout } : {}),
    disabledServices: disabledServices(loaded.model, project),
    env: context.env,
  });

  trace('up loaded');
  const docker = await openEngine(context);
  trace('up connected');
  const reporter = await commandReporter(args);
  const clock = Date.now;
  // Attached output starts here: what the containers print from now on.
  const since = new Date(clock() - 1000).toISOString();
  reporter.start('up');
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
    if (!converged.result) {
      ok = true;
      if (!flags.detach)
        context.io.stdout("end of 'compose up' output, interactive run is not supported in dry-run mode\n");
      return;
    }
    trace('up converged');
    if (converged.result.errors.length > 0) throw planFailure(converged.result.errors);
    if (args.wait && !args['no-start']) {
      const state = converged.result.state;
      await waitForProject(docker, project, {
        services: scope,
        containersOf: (service) => state.containersOf(service),
        reporter,
        clock,
        timeout: args['wait-timeout'],
      });
    }
    trace('up waited');
    ok = true;
  } catch (error) {
    throw asCommandError(error);
  } finally {
    reporter.done('up', ok);
  }
  if (flags.detach || args['no-start'] || attach.length === 0) return;

  const code = await attachProject(docker, project, context.io, {
    attach,
    scope,
    abortOnExit: flags.abortOnExit,
    ...(flags.exitCodeFrom !== undefined ? { exitCodeFrom: flags.exitCodeFrom } : {}),
    ...(args.timeout !== undefined ? { timeout: args.timeout } : {}),
    prefix: !args['no-log-prefix'],
    colour: !args['no-color'] && colourOutput(args),
    timestamps: args.timestamps,
    since,
    reporter: () => commandReporter(args),
    clock,
  }).catch((error: unknown) => {
    throw asCommandError(error);
  });
  if (code !== 0) throw new ExitError('', code);
}

interface UpFlags {
  readonly detach: boolean;
  readonly abortOnExit: boolean;
  readonly exitCodeFrom?: string;
}

/** docker compose's validateFlags, with its messages. */
function checkUpFlags(args: UpArgs): UpFlags {
  if (args['wait-timeout'] < 0) throw new ExitError('--wait-timeout must be a non-negative integer');
  const exitCodeFrom = args['exit-code-from'] || undefined;
  let abortOnExit = args['abort-on-container-exit'];
  if (exitCodeFrom !== undefined && !args['abort-on-container-failure']) abortOnExit = true;
  if (abortOnExit && args['abort-on-container-failure'])
    throw new ExitError('--abort-on-container-failure cannot be combined with --abort-on-container-exit');
  if (args['abort-on-container-failure'])
    throw new ExitError('--abort-on-container-failure is not supported yet');
  const attaching = args['attach-dependencies'] || abortOnExit || list(args.attach).length > 0;
  let detach = args.detach;
  if (args.wait) {
    if (attaching)
      throw new ExitError(
        '--wait cannot be combined with --abort-on-container-exit, --attach or --attach-dependencies',
      );
    detach = true;
  }
  if (detach && (attaching || args.watch))
    throw new ExitError(
      '--detach cannot be combined with --abort-on-container-exit, --abort-on-container-failure, --attach, --attach-dependencies or --watch',
    );
  if (args['no-recreate'] && args['always-recreate-deps'])
    throw new ExitError('--always-recreate-deps and --no-recreate are incompatible');
  if (args['no-recreate'] && args['renew-anon-volumes'])
    throw new ExitError('--no-recreate and --renew-anon-volumes are incompatible');
  if (list(args.attach).length > 0 && args['attach-dependencies'])
    throw new ExitError('cannot combine --attach and --attach-dependencies');
  return { detach, abortOnExit, ...(exitCodeFrom !== undefined ? { exitCodeFrom } : {}) };
}

/** Whose output attached `up` shows (docker compose's attach set). */
function attachedServices(
  args: UpArgs,
  project: Project,
  named: readonly string[],
  scope: readonly string[],
): string[] {
  let attach: string[];
  const explicit = list(args.attach);
  if (explicit.length > 0) {
    const outside = explicit.filter((service) => !scope.includes(service));
    if (outside.length > 0)
      throw new ExitError(`cannot attach to services not included in up: ${outside.join(', ')}`);
    attach = explicit;
  } else {
    const base =
      named.length === 0 ? Object.keys(project.services) : args['attach-dependencies'] ? scope : named;
    attach = base.filter((service) => project.services[service]?.attach !== false);
  }
  const excluded = new Set(list(args['no-attach']));
  return attach.filter((service) => !excluded.has(service));
}

function disabledServices(model: Record<string, unknown>, project: Project): string[] {
  const declared = Object.keys((model.services as Record<string, unknown> | undefined) ?? {});
  return declared.filter((service) => !(service in project.services));
}

function colourOutput(args: UpArgs): boolean {
  const ansi = effectiveAnsi(args);
  return ansi === 'always' || (ansi === 'auto' && process.stdout.isTTY === true);
}
