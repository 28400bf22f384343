// Ports compose-go graph/graph_test.go (TestBuildGraph, Test_detectCycle), loader_test.go
// (TestLoadDependsOnCycle, TestLoadDependsOnSelf) and docker/compose pkg/compose/dependencies_test.go
// (TestBuildGraph, TestBuildGraphDependsOn).
import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  dependenciesOf,
  dependentsOf,
  findCycle,
  subgraph,
  type GraphService,
} from '../../src/graph/dependency-graph.js';

/** `{ a: ['b'] }` → services where a depends_on b. */
function services(deps: Record<string, string[]>): Record<string, GraphService> {
  return Object.fromEntries(
    Object.entries(deps).map(([name, targets]) => [
      name,
      { image: 'alpine', depends_on: Object.fromEntries(targets.map((t) => [t, { required: true }])) },
    ]),
  );
}

/**
 *        A   B
 *       / \ / \
 *      G   C   E
 *           \ /
 *            D
 *            |
 *            F          (an edge points up from a service to what it depends on)
 */
const example: Record<string, string[]> = {
  A: [],
  B: [],
  C: ['A', 'B'],
  D: ['C', 'E'],
  E: ['B'],
  F: ['D'],
  G: ['A'],
};

type Deps = Record<string, string[]>;

describe('buildGraph', () => {
  it.each<{ name: string; input: Deps; dependencies: Deps; dependents: Deps }>([
    { name: 'single service', input: { test: [] }, dependencies: { test: [] }, dependents: { test: [] } },
    {
      name: 'two separate services',
      input: { test: [], another: [] },
      dependencies: { another: [], test: [] },
      dependents: { another: [], test: [] },
    },
    {
      name: 'a service and a dependency',
      input: { test: ['another'], another: [] },
      dependencies: { another: [], test: ['another'] },
      dependents: { another: ['test'], test: [] },
    },
    {
      name: 'an unknown (optional, disabled or removed) dependency is left out',
      input: { test: ['another'] },
      dependencies: { test: [] },
      dependents: { test: [] },
    },
    {
      name: 'multiple dependency levels',
      input: { test: ['another'], another: ['another_dep'], another_dep: [] },
      dependencies: { another: ['another_dep'], another_dep: [], test: ['another'] },
      dependents: { another: ['test'], another_dep: ['another'], test: [] },
    },
    {
      name: 'the example graph, lists sorted',
      input: example,
      dependencies: example,
      dependents: { A: ['C', 'G'], B: ['C', 'E'], C: ['D'], D: ['F'], E: ['D'], F: [], G: [] },
    },
  ])('$name', ({ input, dependencies, dependents }) => {
    const graph = buildGraph(services(input));
    expect(graph.nodes).toEqual(Object.keys(dependencies).sort());
    expect(Object.fromEntries(graph.dependencies)).toEqual(dependencies);
    expect(Object.fromEntries(graph.dependents)).toEqual(dependents);
  });

  it('reads services without depends_on', () => {
    const graph = buildGraph({ web: { image: 'nginx' } });
    expect(dependenciesOf(graph, 'web')).toEqual([]);
    expect(dependentsOf(graph, 'nope')).toEqual([]);
  });
});

describe('findCycle', () => {
  it.each<{ name: string; input: Deps; expected: string[] | undefined }>([
    { name: 'no cycle in the example graph', input: example, expected: undefined },
    { name: 'no cycle without services', input: {}, expected: undefined },
    {
      name: 'example graph plus B -> D',
      input: { ...example, B: ['D'] },
      expected: ['B', 'D', 'C', 'B'],
    },
    {
      name: 'three services (TestLoadDependsOnCycle)',
      input: { service1: ['service2'], service2: ['service3'], service3: ['service1'] },
      expected: ['service1', 'service2', 'service3', 'service1'],
    },
    {
      name: 'self dependency (TestLoadDependsOnSelf)',
      input: { service1: ['service1'] },
      expected: ['service1', 'service1'],
    },
    {
      name: 'starts from the first name in order, whatever the declaration order',
      input: { b: ['a'], a: ['b'] },
      expected: ['a', 'b', 'a'],
    },
    {
      name: 'a cycle below an acyclic start is reported from where it closes',
      input: { app: ['db'], db: ['cache'], cache: ['db'] },
      expected: ['db', 'cache', 'db'],
    },
    {
      name: 'unknown targets do not close a cycle',
      input: { a: ['ghost'], b: ['a'] },
      expected: undefined,
    },
    {
      name: 'a diamond is not a cycle',
      input: { top: ['left', 'right'], left: ['bottom'], right: ['bottom'], bottom: [] },
      expected: undefined,
    },
  ])('$name', ({ input, expected }) => {
    expect(findCycle(buildGraph(services(input)))).toEqual(expected);
  });

  it('stays fast on wide diamonds (compose-go re-explores them)', () => {
    const layers: Record<string, string[]> = {};
    for (let layer = 0; layer < 30; layer++) {
      for (const side of ['l', 'r'])
        layers[`${side}${layer}`] = layer === 29 ? [] : [`l${layer + 1}`, `r${layer + 1}`];
    }
    expect(findCycle(buildGraph(services(layers)))).toBeUndefined();
  });
});

describe('subgraph', () => {
  it.each([
    { name: 'keeps edges inside the set', keep: ['C', 'A', 'B'], expected: { A: [], B: [], C: ['A', 'B'] } },
    { name: 'drops edges leading out of the set', keep: ['D', 'F'], expected: { D: [], F: ['D'] } },
    { name: 'ignores names not in the graph', keep: ['G', 'Z'], expected: { G: [] } },
  ])('$name', ({ keep, expected }) => {
    const graph = subgraph(buildGraph(services(example)), keep);
    expect(Object.fromEntries(graph.dependencies)).toEqual(expected);
    expect(graph.nodes).toEqual(Object.keys(expected).sort());
  });
});
