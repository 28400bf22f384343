// Ports compose-go graph/graph_test.go and docker/compose dependencies_test.go (TestWith_RootNodesAndUp),
// compose-go types/project_test.go (TestWithServices, TestWithServicesWithWildcard) and the service
// sets of docker/compose e2e start_stop_test.go (TestStartSingleServiceAndDependency,
// TestStartStopWithDependencies).
import { describe, expect, it } from 'vitest';
import { buildGraph, type GraphService } from '../../src/graph/dependency-graph.js';
import {
  matchesGlob,
  matchServiceNames,
  selectServices,
  withDependencies,
  withDependents,
  type SelectionPolicy,
} from '../../src/graph/select-services.js';

function graphOf(deps: Record<string, string[]>) {
  const services: Record<string, GraphService> = {};
  for (const [name, targets] of Object.entries(deps)) {
    services[name] = { depends_on: Object.fromEntries(targets.map((t) => [t, { required: true }])) };
  }
  return buildGraph(services);
}

const example = graphOf({ A: [], B: [], C: ['A', 'B'], D: ['C', 'E'], E: ['B'], F: ['D'], G: ['A'] });

// compose-go makeProject(), with service_6's link already turned into depends_on by normalisation.
const project = graphOf({
  service_1: [],
  service_2: ['service_1'],
  service_3: ['service_2'],
  service_4: ['service_2'],
  service_5: [],
  service_6: ['service_1'],
});

const startStop = graphOf({
  desired: ['dep_1'],
  dep_1: ['dep_2'],
  dep_2: [],
  another: ['another_2'],
  another_2: [],
});

describe('withDependents (stop, down: WithRootNodesAndDown)', () => {
  it.each([
    { name: 'whole graph', nodes: ['A', 'B'], want: ['A', 'B', 'C', 'D', 'E', 'F', 'G'] },
    { name: 'only roots', nodes: ['F', 'G'], want: ['F', 'G'] },
    { name: 'simple dependent', nodes: ['D'], want: ['D', 'F'] },
    { name: 'diamond dependents', nodes: ['B'], want: ['B', 'C', 'D', 'E', 'F'] },
    { name: 'partial graph', nodes: ['A'], want: ['A', 'C', 'D', 'F', 'G'] },
  ])('$name', ({ nodes, want }) => {
    expect(withDependents(example, nodes)).toEqual(want);
  });
});

describe('selectServices', () => {
  it.each<{ name: string; graph: typeof example; names: string[]; policy: SelectionPolicy; want: string[] }>([
    {
      name: 'dependencies of service_3',
      graph: project,
      names: ['service_3'],
      policy: 'with-dependencies',
      want: ['service_1', 'service_2', 'service_3'],
    },
    {
      name: 'dependents of service_1',
      graph: project,
      names: ['service_1'],
      policy: 'with-dependents',
      want: ['service_1', 'service_2', 'service_3', 'service_4', 'service_6'],
    },
    {
      name: '--no-deps keeps service_1 alone',
      graph: project,
      names: ['service_1'],
      policy: 'only-named',
      want: ['service_1'],
    },
    {
      name: 'dependencies of service_4',
      graph: project,
      names: ['service_4'],
      policy: 'with-dependencies',
      want: ['service_1', 'service_2', 'service_4'],
    },
    {
      name: 'service_2 pulls service_1 (Test_ForServices)',
      graph: project,
      names: ['service_2'],
      policy: 'with-dependencies',
      want: ['service_1', 'service_2'],
    },
    {
      name: 'service_6 pulls its link service_1',
      graph: project,
      names: ['service_6'],
      policy: 'with-dependencies',
      want: ['service_1', 'service_6'],
    },
    {
      name: '--no-deps on two services',
      graph: project,
      names: ['service_3', 'service_2'],
      policy: 'only-named',
      want: ['service_2', 'service_3'],
    },
    {
      name: 'start desired: its chain, nothing else',
      graph: startStop,
      names: ['desired'],
      policy: 'with-dependencies',
      want: ['dep_1', 'dep_2', 'desired'],
    },
    {
      name: 'stop dep_2: everything that needs it',
      graph: startStop,
      names: ['dep_2'],
      policy: 'with-dependents',
      want: ['dep_1', 'dep_2', 'desired'],
    },
    {
      name: 'stop desired leaves its dependencies',
      graph: startStop,
      names: ['desired'],
      policy: 'with-dependents',
      want: ['desired'],
    },
    {
      name: 'a name given twice counts once',
      graph: startStop,
      names: ['another', 'another'],
      policy: 'only-named',
      want: ['another'],
    },
    {
      name: 'nothing named, nothing selected',
      graph: startStop,
      names: [],
      policy: 'with-dependencies',
      want: [],
    },
  ])('$name', ({ graph, names, policy, want }) => {
    expect(selectServices(graph, names, policy)).toEqual(want);
  });

  it('is the same as withDependencies for the up policy', () => {
    expect(withDependencies(example, ['D'])).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('rejects names that are not services (resolve them with matchServiceNames first)', () => {
    expect(() => selectServices(example, ['Z'], 'with-dependencies')).toThrow('no such service: Z');
  });
});

describe('matchServiceNames', () => {
  const names = ['service_1', 'service_2', 'service_3', 'web', 'web-api'];
  it.each([
    { name: 'exact names', patterns: ['web'], matched: ['web'], unknown: [] },
    {
      name: 'a wildcard matches every service',
      patterns: ['service_*'],
      matched: ['service_1', 'service_2', 'service_3'],
      unknown: [],
    },
    {
      name: 'unknown names are reported in order',
      patterns: ['nope', 'web', 'zzz'],
      matched: ['web'],
      unknown: ['nope', 'zzz'],
    },
    {
      name: 'overlapping patterns count once',
      patterns: ['web*', 'web-api'],
      matched: ['web', 'web-api'],
      unknown: [],
    },
    { name: 'a pattern matching nothing is unknown', patterns: ['db*'], matched: [], unknown: ['db*'] },
  ])('$name', ({ patterns, matched, unknown }) => {
    expect(matchServiceNames(names, patterns)).toEqual({ matched, unknown });
  });
});

describe('matchesGlob (Go filepath.Match)', () => {
  it.each([
    { pattern: 'web', name: 'web', want: true },
    { pattern: 'web', name: 'web2', want: false },
    { pattern: 'w*', name: 'web', want: true },
    { pattern: '*', name: 'anything', want: true },
    { pattern: 'w?b', name: 'web', want: true },
    { pattern: 'w?b', name: 'wb', want: false },
    { pattern: 'svc_[12]', name: 'svc_2', want: true },
    { pattern: 'svc_[1-3]', name: 'svc_3', want: true },
    { pattern: 'svc_[^1-3]', name: 'svc_4', want: true },
    { pattern: 'svc_[^1-3]', name: 'svc_2', want: false },
    { pattern: 'a.b', name: 'axb', want: false },
    { pattern: 'a\\*', name: 'a*', want: true },
    { pattern: 'a\\*', name: 'ab', want: false },
    { pattern: 'web-api', name: 'web-api', want: true },
    { pattern: 'svc_[', name: 'svc_[', want: false },
    { pattern: 'svc_[z-a]', name: 'svc_b', want: false },
  ])('$pattern ~ $name is $want', ({ pattern, name, want }) => {
    expect(matchesGlob(pattern, name)).toBe(want);
  });
});
