/**
 * Runs a plan against the engine with full parallelism: every node starts the moment the nodes in
 * its `after` list are done, and nothing else holds it back (docker compose's executor). A node
 * that fails is reported as an error on its resource; the nodes that depend on it, directly or
 * not, are skipped; every other node still runs. The caller gets the failures and decides the
 * exit code.
 */
import type Docker from 'dockerode';
import type { Project } from '../compose/project.js';
import type { ProjectLabelContext } from '../plan/compose-labels.js';
import type { ObservedState } from '../plan/observed-state.js';
import { resourceOf } from '../plan/operation.js';
import type { Plan, PlanNode } from '../plan/plan.js';
import type { EventResource } from '../ui/progress-event.js';
import type { Reporter } from '../ui/reporter.js';
import { openContainerEvents, type ContainerEvents } from './container-events.js';
import { ExecutionState } from './execution-state.js';
import { runOperation, type OperationContext } from './run-operation.js';

export interface ExecuteOptions {
  readonly project: Project;
  readonly labels: ProjectLabelContext;
  /** What the plan was made from: its containers and images are the executor's starting point. */
  readonly observed: ObservedState;
  readonly reporter: Reporter;
  readonly clock?: () => number;
  /** `down -v`: removed containers take their anonymous volumes with them. */
  readonly removeAnonymousVolumes?: boolean;
}

export interface ExecutionResult {
  /** One message per failed node, in the order they failed. */
  readonly errors: readonly string[];
  /** Nodes not run because a node they wait for failed. */
  readonly skipped: readonly number[];
  /** The run's containers at the end, per service (for `--wait`, attaching, `--exit-code-from`). */
  readonly state: ExecutionState;
}

export async function executePlan(
  docker: Docker,
  plan: Plan,
  options: ExecuteOptions,
): Promise<ExecutionResult> {
  const clock = options.clock ?? Date.now;
  const state = new ExecutionState(options.project.name, options.observed);
  let events: Promise<ContainerEvents> | undefined;
  const context: OperationContext = {
    docker,
    project: options.project,
    labels: options.labels,
    images: options.observed.images,
    reporter: options.reporter,
    clock,
    events: () => (events ??= openContainerEvents(docker, options.project.name)),
    removeAnonymousVolumes: options.removeAnonymousVolumes ?? false,
    state,
  };
  const errors: string[] = [];
  const skipped: number[] = [];
  const outcomes = new Map<number, Promise<boolean>>();
  const run = async (node: PlanNode): Promise<boolean> => {
    const ready = await Promise.all(node.after.map((id) => outcomes.get(id) ?? Promise.resolve(true)));
    if (ready.some((ok) => !ok)) {
      skipped.push(node.id);
      return false;
    }
    try {
      await runOperation(node, context);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.push(message);
      options.reporter.event({ time: clock(), resource: resourceFor(node), kind: 'error', message });
      return false;
    }
  };
  // Nodes come in topological order, so every prerequisite's promise exists before it is awaited.
  for (const node of plan.nodes) outcomes.set(node.id, run(node));
  try {
    await Promise.all(outcomes.values());
  } finally {
    if (events) (await events.catch(() => undefined))?.close();
  }
  return { errors, skipped, state };
}

function resourceFor(node: PlanNode): EventResource {
  const op = node.operation;
  switch (op.kind) {
    case 'create-network':
    case 'remove-network':
      return { type: 'network', name: op.name };
    case 'create-volume':
    case 'remove-volume':
      return { type: 'volume', name: op.name };
    case 'connect-network':
    case 'disconnect-network':
    case 'stop-container':
    case 'remove-container':
      return { type: 'container', name: op.container.name, service: op.service };
    case 'create-container':
      return { type: 'container', name: op.replaces?.name ?? op.name, service: op.service };
    case 'rename-container':
    case 'start-container':
      return { type: 'container', name: op.name, service: op.service };
    default:
      return { type: 'container', name: resourceOf(op) };
  }
}
