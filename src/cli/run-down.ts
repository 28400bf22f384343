/**
 * What `tscompose down` does (docker compose's down): find the project (from its files, or only
 * its name with `-p` when there are none), observe it, plan the teardown (src/plan/plan-down.ts)
 * and run it. `--rmi` is refused for now: removing images needs `images`' bookkeeping.
 */
import { ComposeFileError } from '../compose/errors.js';
import { executePlan } from '../engine/execute-plan.js';
import { listProjectContainers } from '../engine/project-containers.js';
import type { ObservedNetwork, ObservedState, ObservedVolume } from '../plan/observed-state.js';
import { formatPlan } from '../plan/format-plan.js';
import { planDown } from '../plan/plan-down.js';
import { PROJECT_LABEL } from '../plan/compose-labels.js';
import type { CommandContext } from './command-context.js';
import type { DownArgs } from './down.js';
import { ExitError } from './exit-error.js';
import { list } from './global-options.js';
import { loadCommandProject, openEngine } from './project-session.js';
import { labelContext } from './up-converge.js';
import { asCommandError, planFailure } from './up-errors.js';
import { commandReporter } from './up-reporter.js';
import type Docker from 'dockerode';
import type { LoadedProject } from '../compose/load-project.js';

export async function runDown(args: DownArgs, context: CommandContext): Promise<void> {
  if (args.rmi !== undefined) {
    if (args.rmi !== 'all' && args.rmi !== 'local')
      throw new ExitError(`invalid value for --rmi: ${JSON.stringify(args.rmi)}`);
    throw new ExitError('--rmi is not supported yet');
  }
  const loaded = loadOrName(args, context);
  const projectName = loaded ? loaded.project.name : (args['project-name'] ?? '').toLowerCase();
  const project = loaded?.project;
  const services = list(args.services);
  if (project) {
    for (const service of services)
      if (!(service in project.services)) throw new ExitError(`no such service: ${service}`);
  }
  const removeOrphans = args['remove-orphans'] ?? isTrue(context.env.COMPOSE_REMOVE_ORPHANS);
  const docker = await openEngine(context);
  const reporter = await commandReporter(args);
  reporter.start('down');
  let ok = false;
  try {
    const observed = await observeForDown(docker, projectName);
    const plan = planDown(projectName, observed, {
      ...(project ? { project } : {}),
      removeOrphans,
      volumes: args.volumes,
      ...(args.timeout !== undefined ? { timeout: args.timeout } : {}),
      services,
    });
    for (const warning of plan.warnings) context.io.stderr(`WARN ${warning}\n`);
    if (args['dry-run']) {
      context.io.stdout(formatPlan({ ...plan, warnings: [] }));
      ok = true;
      return;
    }
    const result = await executePlan(docker, plan, {
      project: project ?? { name: projectName, services: {} },
      labels: loaded
        ? labelContext(loaded, list(args['env-file']), context.cwd)
        : { projectName, workingDir: context.cwd, configFiles: [], version: '' },
      observed,
      reporter,
      removeAnonymousVolumes: args.volumes,
    });
    if (result.errors.length > 0) throw planFailure(result.errors);
    ok = true;
  } catch (error) {
    throw asCommandError(error);
  } finally {
    reporter.done('down', ok);
  }
}

/** The project from its files; with `-p` and no files, only its name (docker compose's projectOrName). */
function loadOrName(args: DownArgs, context: CommandContext): LoadedProject | undefined {
  try {
    return loadCommandProject(args, context);
  } catch (error) {
    const noFile =
      error instanceof ComposeFileError && error.message.includes('no configuration file provided');
    if (noFile && args['project-name'] && list(args.file).length === 0) return undefined;
    throw error;
  }
}

/** Only what carries the project's label: down removes nothing it did not create. */
async function observeForDown(docker: Docker, projectName: string): Promise<ObservedState> {
  const [containers, networks, volumes] = await Promise.all([
    listProjectContainers(docker, projectName, { all: true, oneoff: 'include' }),
    docker.listNetworks({ filters: JSON.stringify({ label: [`${PROJECT_LABEL}=${projectName}`] }) }),
    docker.listVolumes({ filters: { label: [`${PROJECT_LABEL}=${projectName}`] } }),
  ]);
  const observedNetworks: ObservedNetwork[] = networks.map((network) => ({
    id: network.Id,
    name: network.Name,
    labels: network.Labels ?? {},
  }));
  const observedVolumes: ObservedVolume[] = (volumes.Volumes ?? []).map((volume) => ({
    name: volume.Name,
    driver: volume.Driver,
    labels: volume.Labels ?? {},
  }));
  return { containers, networks: observedNetworks, volumes: observedVolumes, images: {} };
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 't', 'true', 'y', 'yes', 'on'].includes(value.toLowerCase());
}
