/**
 * The order `start`, `stop` and `restart` walk a project's services in: dependencies first to
 * start, dependents first to stop, each service as soon as the ones it waits for are done
 * (src/graph/traverse.ts `walk`). The graph comes from the loaded project, or, when only the
 * project's name is known, from the `com.docker.compose.depends_on` label compose writes on every
 * container, so `stop -p demo` from anywhere still stops the web before the db.
 */
import type { Project } from '../compose/project.js';
import { buildGraph, type GraphService } from '../graph/dependency-graph.js';
import { walk, type TraversalOrder } from '../graph/traverse.js';
import { DEPENDS_ON_LABEL } from '../plan/compose-labels.js';
import type { ObservedContainer } from '../plan/observed-state.js';
import type { ProgressEvent } from '../ui/progress-event.js';

/** Calls `visit` once per service that has containers, with them, in `order`. */
export async function walkServiceContainers(
  containers: readonly ObservedContainer[],
  project: Project | undefined,
  order: TraversalOrder,
  visit: (service: string, containers: readonly ObservedContainer[]) => Promise<void>,
): Promise<void> {
  const byService = new Map<string, ObservedContainer[]>();
  for (const container of containers) {
    const group = byService.get(container.service) ?? [];
    group.push(container);
    byService.set(container.service, group);
  }
  const graph = buildGraph(project ? project.services : servicesFromLabels(containers));
  await walk(graph, order, async (service) => {
    const group = byService.get(service);
    if (group) await visit(service, group);
  });
  // Containers of services the graph does not know (orphans) are handled last, all at once.
  const orphans = [...byService.keys()].filter((service) => !graph.nodes.includes(service));
  await Promise.all(orphans.map((service) => visit(service, byService.get(service)!)));
}

/** `db:service_healthy:false,cache:service_started:true` on each container, back into depends_on. */
function servicesFromLabels(containers: readonly ObservedContainer[]): Record<string, GraphService> {
  const services: Record<string, GraphService> = {};
  for (const container of containers) {
    const dependsOn: Record<string, unknown> = {};
    for (const entry of (container.labels[DEPENDS_ON_LABEL] ?? '').split(',')) {
      const [name] = entry.split(':');
      if (name) dependsOn[name] = {};
    }
    services[container.service] = {
      depends_on: { ...services[container.service]?.depends_on, ...dependsOn },
    };
  }
  return services;
}

/** Runs `action` on every container at once; reports each failure, then throws the first. */
export async function forEachContainer(
  containers: readonly ObservedContainer[],
  action: (container: ObservedContainer) => Promise<void>,
): Promise<void> {
  const results = await Promise.allSettled(containers.map(action));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}

type SimpleKind =
  | 'starting'
  | 'started'
  | 'stopping'
  | 'stopped'
  | 'removing'
  | 'removed'
  | 'killing'
  | 'killed'
  | 'restarting';

/** A container's progress event, named as compose names it (`Container demo-web-1  Stopped`). */
export function containerEvent(
  container: ObservedContainer,
  kind: SimpleKind,
  clock: () => number,
): ProgressEvent {
  return {
    kind,
    time: clock(),
    resource: { type: 'container', name: container.name, service: container.service },
  };
}

export function containerError(
  container: ObservedContainer,
  message: string,
  clock: () => number,
): ProgressEvent {
  return {
    kind: 'error',
    message,
    time: clock(),
    resource: { type: 'container', name: container.name, service: container.service },
  };
}
