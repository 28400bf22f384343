/**
 * `down`'s plan (docker compose's down.go), pure like the reconciler: stop and remove the
 * project's containers, then remove its networks and, with `-v`, its volumes.
 *
 * When the compose file is known, a service's containers stop only after the containers of the
 * services that depend on it (dependents first, as `down` walks the graph in reverse), and only
 * the networks and volumes the file declares, not external ones, are removed. Without a file
 * (`down -p name`), everything labelled with the project goes, containers all at once. Naming
 * services limits `down` to them and their dependents, and leaves networks and volumes alone.
 * Orphans (containers of services the file no longer has) and one-off `run` containers go
 * only with `--remove-orphans`. Anonymous volumes are removed with their containers under `-v`;
 * that is the executor's `removeAnonymousVolumes`, not a node.
 */
import type { Project } from '../compose/project.js';
import { buildGraph, dependentsOf } from '../graph/dependency-graph.js';
import { withDependents } from '../graph/select-services.js';
import { compareText } from './compare-text.js';
import { NETWORK_LABEL, PROJECT_LABEL, VOLUME_LABEL } from './compose-labels.js';
import type { ObservedContainer, ObservedState } from './observed-state.js';
import { PlanBuilder, type Plan, type PlanNode } from './plan.js';

export interface DownOptions {
  /** The loaded compose file, when there is one. */
  readonly project?: Project;
  /** `--remove-orphans`. */
  readonly removeOrphans?: boolean;
  /** `-v`: the project's named volumes too. */
  readonly volumes?: boolean;
  /** `-t`: seconds before a stop kills; unset uses each container's own stop timeout. */
  readonly timeout?: number;
  /** Services named on the command line; empty or absent: the whole project. */
  readonly services?: readonly string[];
}

export function planDown(projectName: string, observed: ObservedState, options: DownOptions = {}): Plan {
  const plan = new PlanBuilder();
  const project = options.project;
  const named = options.services ?? [];
  const graph = project ? buildGraph(project.services) : undefined;
  const inScope = graph && named.length > 0 ? new Set(withDependents(graph, [...named])) : undefined;
  const ours = observed.containers
    .filter((container) => container.project === projectName)
    .sort((a, b) => compareText(a.service, b.service) || a.number - b.number || compareText(a.name, b.name));
  const isOrphan = (container: ObservedContainer): boolean =>
    container.oneoff || (project !== undefined && !(container.service in project.services));
  const services = ours.filter((container) => !isOrphan(container));
  const selected = services.filter((container) =>
    inScope ? inScope.has(container.service) : named.length === 0 || named.includes(container.service),
  );
  const orphans = options.removeOrphans && named.length === 0 ? ours.filter(isOrphan) : [];

  const stopsOf = new Map<string, PlanNode[]>();
  const removes: PlanNode[] = [];
  const stopAndRemove = (container: ObservedContainer, after: PlanNode[], reason: string): PlanNode => {
    const common = { service: container.service, number: container.number, container, reason };
    const timeout = options.timeout !== undefined ? { timeout: options.timeout } : {};
    const stop = plan.add({ kind: 'stop-container', ...common, ...timeout }, after);
    removes.push(plan.add({ kind: 'remove-container', ...common }, [stop]));
    return stop;
  };

  // Dependents first: a service's stops wait for its dependents' stops.
  const order = graph ? dependentsFirst(graph, selected) : [...new Set(selected.map((c) => c.service))];
  for (const service of order) {
    const after = graph
      ? dependentsOf(graph, service).flatMap((dependent) => stopsOf.get(dependent) ?? [])
      : [];
    const stops = selected
      .filter((container) => container.service === service)
      .map((container) => stopAndRemove(container, after, 'down'));
    stopsOf.set(service, stops);
  }
  for (const orphan of orphans) stopAndRemove(orphan, [], orphan.oneoff ? 'one-off container' : 'orphan');

  if (named.length === 0) {
    for (const network of networksToRemove(projectName, observed, project)) {
      plan.add({ kind: 'remove-network', key: network.key, name: network.name, reason: 'down' }, removes);
    }
    if (options.volumes) {
      for (const volume of volumesToRemove(projectName, observed, project)) {
        plan.add({ kind: 'remove-volume', key: volume.key, name: volume.name, reason: 'down -v' }, removes);
      }
    }
  }

  const warnings =
    plan.nodes.length === 0
      ? [`Warning: No resource found to remove for project ${JSON.stringify(projectName)}.`]
      : [];
  return { project: projectName, nodes: plan.nodes, unchanged: [], warnings };
}

/** Services in the order their stops are added: each after all of its dependents. */
function dependentsFirst(
  graph: ReturnType<typeof buildGraph>,
  containers: readonly ObservedContainer[],
): string[] {
  const present = new Set(containers.map((container) => container.service));
  const done = new Set<string>();
  const order: string[] = [];
  const visit = (service: string): void => {
    if (done.has(service)) return;
    done.add(service);
    for (const dependent of dependentsOf(graph, service)) visit(dependent);
    if (present.has(service)) order.push(service);
  };
  for (const service of [...present].sort(compareText)) visit(service);
  return order;
}

interface Resource {
  readonly key: string;
  readonly name: string;
}

function networksToRemove(projectName: string, observed: ObservedState, project?: Project): Resource[] {
  const labelled = observed.networks.filter((network) => network.labels[PROJECT_LABEL] === projectName);
  if (!project) {
    return labelled
      .map((network) => ({ key: network.labels[NETWORK_LABEL] ?? network.name, name: network.name }))
      .sort((a, b) => compareText(a.key, b.key));
  }
  return Object.entries(project.networks ?? {})
    .filter(([, network]) => network.external !== true)
    .map(([key, network]) => ({ key, name: network.name ?? `${projectName}_${key}` }))
    .filter((network) => labelled.some((candidate) => candidate.name === network.name))
    .sort((a, b) => compareText(a.key, b.key));
}

function volumesToRemove(projectName: string, observed: ObservedState, project?: Project): Resource[] {
  if (!project) {
    return observed.volumes
      .filter((volume) => volume.labels[PROJECT_LABEL] === projectName)
      .map((volume) => ({ key: volume.labels[VOLUME_LABEL] ?? volume.name, name: volume.name }))
      .sort((a, b) => compareText(a.key, b.key));
  }
  return Object.entries(project.volumes ?? {})
    .filter(([, volume]) => volume.external !== true)
    .map(([key, volume]) => ({ key, name: volume.name ?? `${projectName}_${key}` }))
    .filter((volume) => observed.volumes.some((candidate) => candidate.name === volume.name))
    .sort((a, b) => compareText(a.key, b.key));
}
