/**
 * `up`'s second half: start every container of the services in scope that will not be running
 * once converged — new and replaced ones, kept ones that are created or exited (docker compose
 * starts those again on every `up`), and ones the plan stopped on the way (a recreated network, a
 * dependency recreated under `restart: true`). A service's starts wait for its dependencies'
 * starts (edges) and for their `service_healthy` / `service_completed_successfully` conditions
 * (waits the executor checks live); nothing else, so independent branches start in parallel.
 *
 * Running containers that need nothing are listed as unchanged.
 */
import type { ObservedContainer } from './observed-state.js';
import { dependencyWaits } from './dependency-waits.js';
import { dependenciesOf } from '../graph/dependency-graph.js';
import type { PlanNode } from './plan.js';
import type { FinalContainer, ReconcileContext } from './reconcile-context.js';

export function planStarts(context: ReconcileContext): ObservedContainer[] {
  const unchanged: ObservedContainer[] = [];
  const startNodes = new Map<string, PlanNode[]>();
  for (const name of context.services) {
    const waitFor = dependencyWaits(context, name);
    const dependencyStarts = dependenciesOf(context.graph, name)
      .filter((dependency) => context.inScope.has(dependency))
      .flatMap((dependency) => startNodes.get(dependency) ?? []);
    const nodes: PlanNode[] = [];
    for (const container of context.finalContainers.get(name) ?? []) {
      const start = startOf(context, container);
      if (start === 'running') {
        if (container.existing) unchanged.push(container.existing);
        continue;
      }
      nodes.push(
        context.plan.add(
          {
            kind: 'start-container',
            service: name,
            number: container.number,
            name: container.name,
            target: start.target,
            waitFor,
            reason: start.reason,
          },
          [...start.after, ...dependencyStarts],
        ),
      );
    }
    startNodes.set(name, nodes);
  }
  return unchanged;
}

/** Running containers the plan does not touch, for `create`, which starts nothing. */
export function unchangedContainers(context: ReconcileContext): ObservedContainer[] {
  return context.services.flatMap((name) =>
    (context.finalContainers.get(name) ?? [])
      .map((container) => container.existing)
      .filter(
        (existing): existing is ObservedContainer =>
          isRunning(existing) && !context.stoppedByPlan.has(existing?.id ?? ''),
      ),
  );
}

type Start =
  | 'running'
  | {
      readonly target: { kind: 'created'; node: number } | { kind: 'existing'; container: ObservedContainer };
      readonly reason: string;
      readonly after: readonly PlanNode[];
    };

function startOf(context: ReconcileContext, container: FinalContainer): Start {
  const { existing } = container;
  if (!existing) {
    const created = container.created;
    if (!created || !container.ready) throw new Error(`container ${container.name} has no create node`);
    const reason =
      created.operation.kind === 'create-container' && created.operation.replaces ? 'recreated' : 'created';
    return { target: { kind: 'created', node: created.id }, reason, after: [container.ready] };
  }
  const stop = context.stoppedByPlan.get(existing.id);
  if (stop) {
    return {
      target: { kind: 'existing', container: existing },
      reason: context.restartReasons.get(existing.id) ?? 'stopped by this plan',
      after: [stop, ...(context.connectNodes.get(existing.id) ?? [])],
    };
  }
  if (isRunning(existing)) return 'running';
  return { target: { kind: 'existing', container: existing }, reason: describeState(existing), after: [] };
}

function isRunning(container: ObservedContainer | undefined): boolean {
  return container?.state === 'running' || container?.state === 'restarting';
}

function describeState(container: ObservedContainer): string {
  return container.exitCode === undefined
    ? container.state
    : `${container.state} (code ${container.exitCode})`;
}
