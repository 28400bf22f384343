/**
 * The one dependency graph of a project: a node per service, an edge from a service to each
 * service it `depends_on`. `plan`, `up`, `down`, `watch` and the loader's cycle check all read
 * this graph, so there is never a second copy of the edges (docker/compose keeps two; we don't).
 *
 * By the time a project reaches here, normalisation has turned `links`, `volumes_from` and
 * `network_mode: service:x` into `depends_on` entries, so `depends_on` is the only source of
 * edges. Targets that are not services of the graph (an optional dependency on a service a
 * profile disabled, or a typo the consistency check reports) are left out: this module never
 * raises errors about the project, it only answers questions about its shape.
 */

/** Services and their dependencies in both directions; every list is sorted by name. */
export interface DependencyGraph {
  /** Every service name, sorted. */
  readonly nodes: readonly string[];
  /** A service's direct dependencies: the services it `depends_on`. */
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  /** A service's direct dependents: the services that `depends_on` it. */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
}

/** The smallest shape of a service the graph reads; a canonical `ServiceConfig` fits it. */
export interface GraphService {
  depends_on?: Record<string, unknown>;
  [field: string]: unknown;
}

export function buildGraph(services: Record<string, GraphService>): DependencyGraph {
  const nodes = Object.keys(services).sort();
  const known = new Set(nodes);
  const edges: Array<[from: string, to: string]> = [];
  for (const name of nodes) {
    for (const target of Object.keys(services[name]?.depends_on ?? {})) {
      if (known.has(target)) edges.push([name, target]);
    }
  }
  return fromEdges(nodes, edges);
}

/** The graph restricted to `names`: edges leading outside the set are dropped. */
export function subgraph(graph: DependencyGraph, names: Iterable<string>): DependencyGraph {
  const keep = new Set(names);
  const nodes = graph.nodes.filter((name) => keep.has(name));
  const edges: Array<[string, string]> = [];
  for (const name of nodes) {
    for (const target of dependenciesOf(graph, name)) {
      if (keep.has(target)) edges.push([name, target]);
    }
  }
  return fromEdges(nodes, edges);
}

export function dependenciesOf(graph: DependencyGraph, name: string): readonly string[] {
  return graph.dependencies.get(name) ?? [];
}

export function dependentsOf(graph: DependencyGraph, name: string): readonly string[] {
  return graph.dependents.get(name) ?? [];
}

/**
 * The first dependency cycle, as names with the first one repeated at the end
 * (`['a', 'b', 'a']`), or undefined. Like compose-go, the search starts from each service in
 * name order and follows dependencies in name order, so the same project always reports the
 * same cycle, starting from the same service: users compare the message between runs.
 */
export function findCycle(graph: DependencyGraph): string[] | undefined {
  // Services from which every path has been explored without meeting a cycle. compose-go
  // re-explores them (exponential on wide diamonds); skipping them finds the same first cycle,
  // because a cycle reachable from a finished node would have been reported while finishing it.
  const finished = new Set<string>();
  const search = (path: string[]): string[] | undefined => {
    const current = path[path.length - 1] ?? '';
    for (const next of dependenciesOf(graph, current)) {
      const seen = path.indexOf(next);
      if (seen >= 0) return [...path.slice(seen), next];
      if (finished.has(next)) continue;
      const cycle = search([...path, next]);
      if (cycle) return cycle;
    }
    finished.add(current);
    return undefined;
  };
  for (const start of graph.nodes) {
    if (finished.has(start)) continue;
    const cycle = search([start]);
    if (cycle) return cycle;
  }
  return undefined;
}

function fromEdges(
  nodes: readonly string[],
  edges: ReadonlyArray<readonly [string, string]>,
): DependencyGraph {
  const dependencies = new Map<string, string[]>(nodes.map((name) => [name, []]));
  const dependents = new Map<string, string[]>(nodes.map((name) => [name, []]));
  for (const [from, to] of edges) {
    dependencies.get(from)?.push(to);
    dependents.get(to)?.push(from);
  }
  for (const list of [...dependencies.values(), ...dependents.values()]) list.sort();
  return { nodes, dependencies, dependents };
}
