/**
 * Each service's replicas, in dependency order: remove the surplus (obsolete ones first, then the
 * highest numbers), replace the ones that diverged, keep the rest, and create the missing ones
 * numbered after the highest existing number — docker compose's reconcileService.
 *
 * A replacement is four nodes, so the new container exists before the old one goes: create under
 * a temporary name → stop the old → remove it → rename the new. Services that depend on the
 * replaced one with `restart: true` are stopped before, and started again by the start stage.
 * Creates wait for the networks and volumes they use and for their dependencies' convergence,
 * never for anything else.
 */
import { compareText } from './compare-text.js';
import { serviceConfigHash } from '../compose/service-hash.js';
import { dependentsOf } from '../graph/dependency-graph.js';
import { containerName, serviceImageName } from './container-name.js';
import type { ObservedContainer } from './observed-state.js';
import type { PlanNode } from './plan.js';
import {
  firstContainerId,
  recreatePolicyOf,
  scaleOf,
  serviceConfig,
  timeoutOf,
  type FinalContainer,
  type ReconcileContext,
} from './reconcile-context.js';
import { recreateReason, type ExpectedService } from './recreate-reason.js';
import { resolveServiceReferences, sharedParents } from './resolve-service-references.js';

export function reconcileContainers(context: ReconcileContext): void {
  for (const name of context.services) reconcileService(context, name);
}

function reconcileService(context: ReconcileContext, name: string): void {
  const service = serviceConfig(context, name);
  const wanted = scaleOf(context, name);
  if (wanted > 1 && service.container_name) {
    context.errors.push(
      `WARNING: The ${JSON.stringify(name)} service is using the custom container name ` +
        `${JSON.stringify(service.container_name)}. Docker requires each container to have a unique name. ` +
        'Remove the custom name to scale the service',
    );
    return;
  }
  const containers = context.containers.get(name) ?? [];
  const expected = expectedService(context, name);
  const reasons = new Map(containers.map((c) => [c.id, recreateReason(context, expected, c)]));
  const ordered = [...containers].sort((a, b) => keepOrder(a, b, reasons));
  const infrastructure = infrastructureOf(context, name);
  const final: FinalContainer[] = [];
  let tail: PlanNode | undefined;

  ordered.forEach((container, index) => {
    if (index >= wanted) {
      tail = removeSurplus(context, container, `scale ${containers.length} → ${wanted}`);
      return;
    }
    const reason = reasons.get(container.id);
    if (reason) {
      const { created, ready } = replaceContainer(context, container, reason, infrastructure);
      context.recreatedServices.add(name);
      final.push({ number: container.number, name: ready.name, created, ready: ready.node });
      tail = ready.node;
      return;
    }
    final.push({ number: container.number, name: container.name, existing: container });
  });

  const next = Math.max(0, ...containers.map((c) => c.number)) + 1;
  const createReason =
    containers.length === 0
      ? (context.replacedServices.get(name) ?? 'not found')
      : `scale ${containers.length} → ${wanted}`;
  for (let i = 0; i < wanted - containers.length; i++) {
    const number = next + i;
    const containerNameValue = containerName(context.project.name, name, service, number);
    const created = context.plan.add(
      { kind: 'create-container', service: name, number, name: containerNameValue, reason: createReason },
      infrastructure,
    );
    final.push({ number, name: containerNameValue, created, ready: created });
    tail = created;
  }
  if (tail) context.convergeTail.set(name, tail);
  context.finalContainers.set(
    name,
    final.sort((a, b) => a.number - b.number),
  );
}

function expectedService(context: ReconcileContext, name: string): ExpectedService {
  const service = serviceConfig(context, name);
  const resolved = resolveServiceReferences(service, (target) => firstContainerId(context, target));
  const imageId = context.observed.images[serviceImageName(context.project.name, name, service)];
  const recreatedParent = sharedParents(service).find((parent) => context.recreatedServices.has(parent));
  return {
    service,
    hash: serviceConfigHash(resolved.service),
    ...(imageId ? { imageId } : {}),
    ...(recreatedParent ? { recreatedParent } : {}),
    policy: recreatePolicyOf(context, name),
  };
}

/**
 * Docker compose's order (convergence.go): containers to keep first, lowest numbers first, the
 * newer of two with the same number first; obsolete ones last. Surplus is cut from the end.
 */
function keepOrder(
  a: ObservedContainer,
  b: ObservedContainer,
  reasons: ReadonlyMap<string, string | undefined>,
): number {
  const obsoleteA = reasons.get(a.id) !== undefined;
  const obsoleteB = reasons.get(b.id) !== undefined;
  if (obsoleteA !== obsoleteB) return obsoleteA ? 1 : -1;
  if (a.number !== b.number) return a.number - b.number;
  if (a.created !== b.created) return b.created - a.created;
  return compareText(a.id, b.id);
}

/** What a service's creates wait for: its networks, its named volumes, its dependencies' convergence. */
function infrastructureOf(context: ReconcileContext, name: string): PlanNode[] {
  const service = serviceConfig(context, name);
  const nodes: (PlanNode | undefined)[] = [];
  for (const key of Object.keys(service.networks ?? {}).sort(compareText))
    nodes.push(context.networkNodes.get(key));
  for (const volume of service.volumes ?? []) {
    if (volume.type === 'volume' && volume.source) nodes.push(context.volumeNodes.get(volume.source));
  }
  for (const dependency of Object.keys(service.depends_on ?? {}).sort(compareText)) {
    nodes.push(context.convergeTail.get(dependency));
  }
  return nodes.filter((node): node is PlanNode => node !== undefined);
}

function removeSurplus(context: ReconcileContext, container: ObservedContainer, reason: string): PlanNode {
  const { service, number } = container;
  const stop =
    context.stoppedByPlan.get(container.id) ??
    context.plan.add({ kind: 'stop-container', service, number, container, ...timeoutOf(context), reason });
  return context.plan.add({ kind: 'remove-container', service, number, container, reason }, [
    stop,
    ...(context.connectNodes.get(container.id) ?? []),
  ]);
}

interface Replacement {
  /** The node creating the new container (under a temporary name). */
  readonly created: PlanNode;
  /** The node after which it has its final name. */
  readonly ready: { readonly node: PlanNode; readonly name: string };
}

/** create (temporary name) → stop old → remove old → rename new. */
function replaceContainer(
  context: ReconcileContext,
  old: ObservedContainer,
  reason: string,
  infrastructure: readonly PlanNode[],
): Replacement {
  const name = old.service;
  const service = serviceConfig(context, name);
  const group = `recreate:${name}:${old.number}`;
  const finalName = containerName(context.project.name, name, service, old.number);
  const dependentStops = stopRestartingDependents(context, name);
  const create = context.plan.add(
    {
      kind: 'create-container',
      service: name,
      number: old.number,
      name: `${old.id.slice(0, 12)}_${finalName}`,
      replaces: old,
      reason,
    },
    [...infrastructure, ...dependentStops],
    group,
  );
  const earlierStop = context.stoppedByPlan.get(old.id);
  const stop =
    earlierStop ??
    context.plan.add(
      {
        kind: 'stop-container',
        service: name,
        number: old.number,
        container: old,
        ...timeoutOf(context),
        reason: `replaced by #${create.id}`,
      },
      [create],
      group,
    );
  context.stoppedByPlan.set(old.id, stop);
  // The old container is running no longer either way: nothing must start it again.
  context.restartReasons.delete(old.id);
  const remove = context.plan.add(
    {
      kind: 'remove-container',
      service: name,
      number: old.number,
      container: old,
      reason: `replaced by #${create.id}`,
    },
    [stop, ...(earlierStop ? [create] : []), ...(context.connectNodes.get(old.id) ?? [])],
    group,
  );
  const rename = context.plan.add(
    {
      kind: 'rename-container',
      service: name,
      number: old.number,
      name: finalName,
      created: create.id,
      reason: 'finalize recreate',
    },
    [remove],
    group,
  );
  return { created: create, ready: { node: rename, name: finalName } };
}

/**
 * Containers of services that declare `restart: true` on the service being replaced: stopped
 * before the replacement, started again afterwards (the start stage reads restartReasons).
 */
function stopRestartingDependents(context: ReconcileContext, name: string): PlanNode[] {
  const nodes: PlanNode[] = [];
  for (const dependent of dependentsOf(context.graph, name)) {
    if (!context.inScope.has(dependent)) continue;
    if (serviceConfig(context, dependent).depends_on?.[name]?.restart !== true) continue;
    for (const container of context.containers.get(dependent) ?? []) {
      if (context.stoppedByPlan.has(container.id)) continue;
      const stop = context.plan.add({
        kind: 'stop-container',
        service: dependent,
        number: container.number,
        container,
        ...timeoutOf(context),
        reason: `dependency ${name} being recreated`,
      });
      context.stoppedByPlan.set(container.id, stop);
      context.restartReasons.set(container.id, `dependency ${name} recreated`);
      nodes.push(stop);
    }
  }
  return nodes;
}
