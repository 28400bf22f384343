// Ports compose-go graph/graph_test.go (TestTraversalWithMultipleParents, TestInDependencyUpCommandOrder,
// TestInDependencyReverseDownCommandOrder) and docker/compose pkg/compose/dependencies_test.go.
// Visits are fakes that record what started; a test finishes a visit by resolving its promise.
import { describe, expect, it } from 'vitest';
import { buildGraph, type DependencyGraph, type GraphService } from '../../src/graph/dependency-graph.js';
import { levels, walk, type TraversalOrder } from '../../src/graph/traverse.js';

function graphOf(deps: Record<string, string[]>): DependencyGraph {
  const services: Record<string, GraphService> = {};
  for (const [name, targets] of Object.entries(deps)) {
    services[name] = { depends_on: Object.fromEntries(targets.map((t) => [t, { required: true }])) };
  }
  return buildGraph(services);
}

const chain = { test1: ['test2'], test2: ['test3'], test3: [] };
const example = { A: [], B: [], C: ['A', 'B'], D: ['C', 'E'], E: ['B'], F: ['D'], G: ['A'] };

/** Lets every promise callback that is already due run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A visit whose calls stay pending until the test finishes them by name. */
function controlledVisit() {
  const started: string[] = [];
  const pending = new Map<string, { resolve: () => void; reject: (e: unknown) => void }>();
  const signals = new Map<string, AbortSignal>();
  const visit = (name: string, signal: AbortSignal): Promise<string> => {
    started.push(name);
    signals.set(name, signal);
    return new Promise<string>((resolve, reject) => {
      pending.set(name, { resolve: () => resolve(`visited ${name}`), reject });
    });
  };
  const finish = async (name: string): Promise<void> => {
    pending.get(name)?.resolve();
    await settle();
  };
  const fail = async (name: string, error: unknown): Promise<void> => {
    pending.get(name)?.reject(error);
    await settle();
  };
  return { started, visit, finish, fail, signals };
}

describe('levels', () => {
  it.each<{ name: string; deps: Record<string, string[]>; order: TraversalOrder; expected: string[][] }>([
    {
      name: 'up a chain',
      deps: chain,
      order: 'dependencies-first',
      expected: [['test3'], ['test2'], ['test1']],
    },
    {
      name: 'down a chain',
      deps: chain,
      order: 'dependents-first',
      expected: [['test1'], ['test2'], ['test3']],
    },
    {
      name: 'up the example graph',
      deps: example,
      order: 'dependencies-first',
      expected: [['A', 'B'], ['C', 'E', 'G'], ['D'], ['F']],
    },
    {
      name: 'down the example graph',
      deps: example,
      order: 'dependents-first',
      expected: [['F', 'G'], ['D'], ['C', 'E'], ['A', 'B']],
    },
    {
      name: 'independent services share a level',
      deps: { b: [], a: [], c: [] },
      order: 'dependencies-first',
      expected: [['a', 'b', 'c']],
    },
    { name: 'no services', deps: {}, order: 'dependencies-first', expected: [] },
  ])('$name', ({ deps, order, expected }) => {
    expect(levels(graphOf(deps), order)).toEqual(expected);
  });

  it('refuses a cycle', () => {
    expect(() => levels(graphOf({ a: ['b'], b: ['a'], c: [] }), 'dependencies-first')).toThrow(
      'dependency cycle detected: a -> b -> a',
    );
  });
});

describe('walk', () => {
  it.each<{ name: string; deps: Record<string, string[]>; order: TraversalOrder; expected: string[] }>([
    {
      name: 'up command order',
      deps: chain,
      order: 'dependencies-first',
      expected: ['test3', 'test2', 'test1'],
    },
    {
      name: 'reverse down command order',
      deps: chain,
      order: 'dependents-first',
      expected: ['test1', 'test2', 'test3'],
    },
    {
      name: 'ready services start in name order',
      deps: example,
      order: 'dependencies-first',
      expected: ['A', 'B', 'C', 'E', 'D', 'F', 'G'],
    },
    {
      name: 'down the example graph one at a time',
      deps: example,
      order: 'dependents-first',
      expected: ['F', 'D', 'C', 'E', 'B', 'G', 'A'],
    },
  ])('$name (concurrency 1)', async ({ deps, order, expected }) => {
    const visited: string[] = [];
    const results = await walk(
      graphOf(deps),
      order,
      async (name) => {
        visited.push(name);
        return name.toLowerCase();
      },
      { concurrency: 1 },
    );
    expect(visited).toEqual(expected);
    expect(Object.fromEntries(results)).toEqual(
      Object.fromEntries(expected.map((n) => [n, n.toLowerCase()])),
    );
  });

  it('visits each of 100 dependencies once before their common dependent', async () => {
    const deps: Record<string, string[]> = { dependent: [] };
    for (let i = 1; i <= 100; i++) {
      deps[`svc_${i}`] = [];
      deps['dependent']?.push(`svc_${i}`);
    }
    const seen: string[] = [];
    await walk(graphOf(deps), 'dependencies-first', async (name) => {
      seen.push(name);
    });
    expect(seen).toHaveLength(101);
    expect(new Set(seen).size).toBe(101);
    expect(seen[100]).toBe('dependent');
  });

  it('starts a service as soon as its own prerequisites are done, not a whole level', async () => {
    // web -> api -> db, and worker -> queue: finishing queue starts worker while db still runs.
    const fake = controlledVisit();
    const done = walk(
      graphOf({ web: ['api'], api: ['db'], db: [], worker: ['queue'], queue: [] }),
      'dependencies-first',
      fake.visit,
    );
    await settle();
    expect(fake.started).toEqual(['db', 'queue']);
    await fake.finish('queue');
    expect(fake.started).toEqual(['db', 'queue', 'worker']);
    await fake.finish('db');
    expect(fake.started).toEqual(['db', 'queue', 'worker', 'api']);
    await fake.finish('api');
    await fake.finish('worker');
    await fake.finish('web');
    const results = await done;
    expect(results.get('web')).toBe('visited web');
    expect(fake.started).toEqual(['db', 'queue', 'worker', 'api', 'web']);
  });

  it('runs every ready service at once without a limit', async () => {
    const fake = controlledVisit();
    const done = walk(graphOf(example), 'dependents-first', fake.visit);
    await settle();
    expect(fake.started).toEqual(['F', 'G']);
    await fake.finish('F');
    expect(fake.started).toEqual(['F', 'G', 'D']);
    await fake.finish('D');
    expect(fake.started).toEqual(['F', 'G', 'D', 'C', 'E']);
    for (const name of ['C', 'E', 'G', 'A', 'B']) await fake.finish(name);
    await done;
    expect(fake.started.slice(5).sort()).toEqual(['A', 'B']);
  });

  it('keeps at most `concurrency` visits running', async () => {
    const fake = controlledVisit();
    const done = walk(graphOf({ a: [], b: [], c: [], d: [] }), 'dependencies-first', fake.visit, {
      concurrency: 2,
    });
    await settle();
    expect(fake.started).toEqual(['a', 'b']);
    await fake.finish('b');
    expect(fake.started).toEqual(['a', 'b', 'c']);
    await fake.finish('a');
    expect(fake.started).toEqual(['a', 'b', 'c', 'd']);
    await fake.finish('c');
    await fake.finish('d');
    await done;
  });

  it('stops starting services after a failure, waits for running ones, and rejects with the first error', async () => {
    const fake = controlledVisit();
    const done = walk(graphOf({ web: ['db'], db: [], cache: [] }), 'dependencies-first', fake.visit);
    const outcome = done.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await settle();
    expect(fake.started).toEqual(['cache', 'db']);
    await fake.fail('db', new Error('db exited (1)'));
    expect(fake.signals.get('cache')?.aborted).toBe(true);
    await fake.finish('cache');
    expect(await outcome).toEqual(new Error('db exited (1)'));
    expect(fake.started).toEqual(['cache', 'db']);
  });

  it('stops when the caller aborts', async () => {
    const fake = controlledVisit();
    const abort = new AbortController();
    const done = walk(graphOf(chain), 'dependencies-first', fake.visit, { signal: abort.signal });
    const outcome = done.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await settle();
    abort.abort(new Error('interrupted'));
    await fake.finish('test3');
    expect(await outcome).toEqual(new Error('interrupted'));
    expect(fake.started).toEqual(['test3']);
  });

  it('resolves at once for an empty graph', async () => {
    const results = await walk(graphOf({}), 'dependencies-first', () =>
      Promise.reject(new Error('never called')),
    );
    expect(results.size).toBe(0);
  });

  it('refuses a cycle before visiting anything', async () => {
    const seen: string[] = [];
    await expect(
      walk(graphOf({ a: ['b'], b: ['a'] }), 'dependencies-first', async (name) => {
        seen.push(name);
      }),
    ).rejects.toThrow('dependency cycle detected: a -> b -> a');
    expect(seen).toEqual([]);
  });
});
