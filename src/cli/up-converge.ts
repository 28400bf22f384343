/**
 * The half of `up` that `create` is: observe the project on the engine, pull what the pull policy
 * asks for, reconcile, and run the plan (docker compose's create). `--dry-run` prints the plan and
 * stops there. Engine and reconcile failures become a one-line message and exit 1.
 */
import { resolve } from 'node:path';
import type Docker from 'dockerode';
import type { LoadedProject } from '../compose/load-project.js';
import { withDependencies } from '../graph/select-services.js';
import { buildGraph } from '../graph/dependency-graph.js';
import { executePlan, type ExecutionResult } from '../engine/execute-plan.js';
import { localImageId } from '../engine/local-image.js';
import { observeProject } from '../engine/observe-project.js';
import type { PullOption } from '../engine/pull-decision.js';
import { pullServiceImages } from '../engine/pull-images.js';
import type { ProjectLabelContext } from '../plan/compose-labels.js';
import { formatPlan } from '../plan/format-plan.js';
import type { ObservedState } from '../plan/observed-state.js';
import type { Plan } from '../plan/plan.js';
import { reconcile } from '../plan/reconcile.js';
import type { ReconcileOptions } from '../plan/reconcile-options.js';
import type { Reporter } from '../ui/reporter.js';
import type { CommandContext } from './command-context.js';
import { VERSION } from './version.js';
import { trace } from '../../runtime/api/trace.js';

export interface ConvergeInput {
  readonly docker: Docker;
  readonly loaded: LoadedProject;
  readonly options: ReconcileOptions;
  readonly pull: PullOption;
  readonly reporter: Reporter;
  /** `--quiet-pull`: pulls report nothing. */
  readonly pullReporter: Reporter;
  readonly envFiles: readonly string[];
  readonly dryRun: boolean;
  readonly context: CommandContext;
}

export interface Converged {
  readonly plan: Plan;
  readonly observed: ObservedState;
  /** Absent on a dry run. */
  readonly result?: ExecutionResult;
}

export async function converge(input: ConvergeInput): Promise<Converged> {
  const { docker, loaded } = input;
  const project = loaded.project;
  let observed = await observeProject(docker, project);
  trace('up observed');
  if (!input.dryRun) {
    const named = input.options.services ?? [];
    const services =
      named.length === 0
        ? undefined
        : input.options.selection === 'only-named'
          ? named
          : withDependencies(buildGraph(project.services), [...named]);
    const pulled = await pullServiceImages(docker, project, {
      policy: input.pull,
      ...(services ? { services } : {}),
      reporter: input.pullReporter,
      localImages: observed.images,
    });
    observed = await refreshImages(docker, observed, pulled);
  }
  trace('up pulled');
  const plan = reconcile(project, observed, input.options);
  trace('up planned');
  for (const warning of plan.warnings) input.context.io.stderr(`WARN ${warning}\n`);
  if (input.dryRun) {
    input.context.io.stdout(formatPlan({ ...plan, warnings: [] }));
    return { plan, observed };
  }
  // docker compose lists what it leaves as it is: `Container demo-db-1  Running`.
  for (const container of plan.unchanged) {
    const resource = { type: 'container' as const, name: container.name, service: container.service };
    input.reporter.event({ time: Date.now(), resource, kind: 'running' });
  }
  const result = await executePlan(docker, plan, {
    project,
    labels: labelContext(loaded, input.envFiles, input.context.cwd),
    observed,
    reporter: input.reporter,
  });
  return { plan, observed, result };
}

export function labelContext(
  loaded: LoadedProject,
  envFiles: readonly string[],
  cwd: string,
): ProjectLabelContext {
  return {
    projectName: loaded.project.name,
    workingDir: loaded.projectDirectory,
    configFiles: loaded.files,
    ...(envFiles.length > 0 ? { envFiles: envFiles.map((file) => resolve(cwd, file)) } : {}),
    version: VERSION,
  };
}

/** After a pull, the images pulled may have new ids: the reconciler compares against those. */
async function refreshImages(
  docker: Docker,
  observed: ObservedState,
  pulled: readonly string[],
): Promise<ObservedState> {
  if (pulled.length === 0) return observed;
  const images = { ...observed.images };
  await Promise.all(
    pulled.map(async (reference) => {
      const id = await localImageId(docker, reference);
      if (id) images[reference] = id;
    }),
  );
  return { ...observed, images };
}
