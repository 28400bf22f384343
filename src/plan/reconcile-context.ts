/**
 * The reconciler's working state while it builds one plan: the inputs, read once into lookups,
 * and the bookkeeping later stages read from earlier ones (which node creates a network, which
 * containers a stage already stopped, which services got recreated). Like docker compose's
 * `reconciler` struct; it lives only for one `reconcile` call.
 */
import type { Project, ServiceConfig } from '../compose/project.js';
import { buildGraph, type DependencyGraph } from '../graph/dependency-graph.js';
import { selectServices } from '../graph/select-services.js';
import { levels } from '../graph/traverse.js';
import { compareText } from './compare-text.js';
import { desiredScale } from './container-name.js';
import type { ObservedContainer, ObservedNetwork, ObservedState, ObservedVolume } from './observed-state.js';
import { PlanBuilder, type PlanNode } from './plan.js';
import type { RecreatePolicy, ReconcileOptions } from './reconcile-options.js';

/** A container the service will have once its convergence nodes ran. */
export interface FinalContainer {
  readonly number: number;
  readonly name: string;
  /** The node creating it, for a new or replacing container. */
  readonly created?: PlanNode;
  /** The node after which it exists under its final name; none for a container kept as it is. */
  readonly ready?: PlanNode;
  /** The kept container, when it is not new. */
  readonly existing?: ObservedContainer;
}

export interface ReconcileContext {
  readonly project: Project;
  readonly observed: ObservedState;
  readonly options: ReconcileOptions;
  readonly plan: PlanBuilder;
  readonly warnings: string[];
  readonly errors: string[];
  readonly graph: DependencyGraph;
  /** Services this run acts on, in dependency order (dependencies first, names sorted per level). */
  readonly services: readonly string[];
  readonly inScope: ReadonlySet<string>;
  /** Each service's replicas (one-off containers excluded); a stage may clear a service's list. */
  readonly containers: Map<string, ObservedContainer[]>;
  /** The same, never cleared: what `service:` references resolve against. */
  readonly containersAtStart: ReadonlyMap<string, readonly ObservedContainer[]>;
  readonly networks: Map<string, ObservedNetwork>;
  readonly volumes: Map<string, ObservedVolume>;
  readonly networkNodes: Map<string, PlanNode>;
  readonly volumeNodes: Map<string, PlanNode>;
  /** The last node converging each service's containers: dependents' creates wait for it. */
  readonly convergeTail: Map<string, PlanNode>;
  /** Containers a stage already stopped (container id → stop node), so none is stopped twice. */
  readonly stoppedByPlan: Map<string, PlanNode>;
  /** Why a container stopped by the plan must be started again afterwards (`restart: true`). */
  readonly restartReasons: Map<string, string>;
  readonly connectNodes: Map<string, PlanNode[]>;
  readonly recreatedServices: Set<string>;
  /** Why a service whose containers an earlier stage removed gets new ones (a volume recreated). */
  readonly replacedServices: Map<string, string>;
  readonly finalContainers: Map<string, FinalContainer[]>;
}

export function createContext(
  project: Project,
  observed: ObservedState,
  options: ReconcileOptions,
): ReconcileContext {
  const graph = buildGraph(project.services);
  const named = options.services ?? [];
  const inScope = new Set(
    named.length === 0 ? graph.nodes : selectServices(graph, named, options.selection ?? 'with-dependencies'),
  );
  const containers = new Map<string, ObservedContainer[]>();
  for (const container of observed.containers) {
    if (container.oneoff || container.project !== project.name || !(container.service in project.services))
      continue;
    const list = containers.get(container.service) ?? [];
    list.push(container);
    containers.set(container.service, list);
  }
  const containersAtStart = new Map([...containers].map(([service, list]) => [service, [...list]]));
  return {
    project,
    observed,
    options,
    plan: new PlanBuilder(),
    warnings: [],
    errors: [],
    graph,
    services: levels(graph, 'dependencies-first')
      .flat()
      .filter((name) => inScope.has(name)),
    inScope,
    containers,
    containersAtStart,
    networks: new Map(),
    volumes: new Map(),
    networkNodes: new Map(),
    volumeNodes: new Map(),
    convergeTail: new Map(),
    stoppedByPlan: new Map(),
    restartReasons: new Map(),
    connectNodes: new Map(),
    recreatedServices: new Set(),
    replacedServices: new Map(),
    finalContainers: new Map(),
  };
}

export function serviceConfig(context: ReconcileContext, name: string): ServiceConfig {
  const service = context.project.services[name];
  if (!service) throw new Error(`no such service: ${name}`);
  return service;
}

export function scaleOf(context: ReconcileContext, name: string): number {
  return desiredScale(serviceConfig(context, name), context.options.scale?.[name]);
}

/** The named services follow `recreate`; the ones only pulled in as dependencies follow `recreateDependencies`. */
export function recreatePolicyOf(context: ReconcileContext, name: string): RecreatePolicy {
  const named = context.options.services ?? [];
  return named.length === 0 || named.includes(name)
    ? (context.options.recreate ?? 'diverged')
    : (context.options.recreateDependencies ?? 'diverged');
}

/** The first container of a service by name, as docker compose picks the target of `service:x`. */
export function firstContainerId(context: ReconcileContext, service: string): string | undefined {
  const list = [...(context.containersAtStart.get(service) ?? [])].sort((a, b) =>
    compareText(a.name, b.name),
  );
  return list[0]?.id;
}

/** The services in scope that use a network key, sorted. */
export function servicesUsingNetwork(context: ReconcileContext, key: string): string[] {
  return [...context.inScope].filter((name) => key in (serviceConfig(context, name).networks ?? {})).sort();
}

/** The stop timeout the user gave with `-t`, as an operation field. */
export function timeoutOf(context: ReconcileContext): { timeout?: number } {
  return context.options.stopTimeout === undefined ? {} : { timeout: context.options.stopTimeout };
}
