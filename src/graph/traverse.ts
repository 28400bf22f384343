/**
 * Walking the dependency graph in order: `up` starts dependencies before the services that need
 * them (`'dependencies-first'`), `down` and `stop` stop dependents before what they depend on
 * (`'dependents-first'`). The order is a named argument, not two copies of the walk.
 *
 * `levels` gives the order as data (for plans and their golden text form); `walk` runs an async
 * visit per service, starting each one as soon as all of its prerequisites are done, like
 * compose-go's `InDependencyOrder`. The walk does no I/O itself; the visit does. It expects an
 * acyclic graph: the loader rejects cycles before any command walks a project.
 */
import { dependenciesOf, dependentsOf, findCycle, type DependencyGraph } from './dependency-graph.js';

export type TraversalOrder = 'dependencies-first' | 'dependents-first';

export interface WalkOptions {
  /** At most this many visits run at once; unset or 0 means no limit. */
  readonly concurrency?: number;
  /** Stops starting new visits; the walk then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** What `visit` must see finish before it may visit `name`. */
function prerequisitesOf(graph: DependencyGraph, order: TraversalOrder, name: string): readonly string[] {
  switch (order) {
    case 'dependencies-first':
      return dependenciesOf(graph, name);
    case 'dependents-first':
      return dependentsOf(graph, name);
    default:
      return assertNever(order);
  }
}

/** The services that wait for `name`: the other side of its edges. */
function followersOf(graph: DependencyGraph, order: TraversalOrder, name: string): readonly string[] {
  switch (order) {
    case 'dependencies-first':
      return dependentsOf(graph, name);
    case 'dependents-first':
      return dependenciesOf(graph, name);
    default:
      return assertNever(order);
  }
}

/**
 * Services grouped in waves: every service of a level has all of its prerequisites in earlier
 * levels, and sits in the first level where that holds. Names are sorted within a level.
 */
export function levels(graph: DependencyGraph, order: TraversalOrder): string[][] {
  const waiting = new Map(graph.nodes.map((name) => [name, prerequisitesOf(graph, order, name).length]));
  const result: string[][] = [];
  let current = graph.nodes.filter((name) => waiting.get(name) === 0);
  let placed = 0;
  while (current.length > 0) {
    result.push(current);
    placed += current.length;
    const next: string[] = [];
    for (const name of current) {
      for (const follower of followersOf(graph, order, name)) {
        const left = (waiting.get(follower) ?? 0) - 1;
        waiting.set(follower, left);
        if (left === 0) next.push(follower);
      }
    }
    current = next.sort();
  }
  if (placed < graph.nodes.length) throw cycleError(graph);
  return result;
}

/**
 * Visits every service of the graph, each one once, as soon as its prerequisites are done; ready
 * services start in name order. Resolves with each visit's result by service name.
 *
 * On the first failure no new visit starts, the visits already running are awaited (and told
 * through their `signal`), and the walk rejects with that first error, as errgroup does.
 */
export async function walk<T>(
  graph: DependencyGraph,
  order: TraversalOrder,
  visit: (name: string, signal: AbortSignal) => Promise<T>,
  options: WalkOptions = {},
): Promise<Map<string, T>> {
  if (findCycle(graph)) throw cycleError(graph);
  const limit = options.concurrency && options.concurrency > 0 ? options.concurrency : Infinity;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  const waiting = new Map(graph.nodes.map((name) => [name, prerequisitesOf(graph, order, name).length]));
  const ready = graph.nodes.filter((name) => waiting.get(name) === 0);
  const results = new Map<string, T>();
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;

  const run = async (name: string): Promise<void> => {
    try {
      results.set(name, await visit(name, stop.signal));
    } catch (error) {
      failure ??= { error };
      stop.abort(error);
      return;
    }
    for (const follower of followersOf(graph, order, name)) {
      const left = (waiting.get(follower) ?? 0) - 1;
      waiting.set(follower, left);
      if (left === 0) insertSorted(ready, follower);
    }
  };

  try {
    while (!stop.signal.aborted) {
      while (ready.length > 0 && running.size < limit && !stop.signal.aborted) {
        const name = ready.shift() as string;
        const task = run(name).finally(() => running.delete(task));
        running.add(task);
      }
      if (running.size === 0) break;
      await Promise.race(running);
    }
    await Promise.all(running);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (failure) throw failure.error;
  if (stop.signal.aborted) throw stop.signal.reason;
  return results;
}

function insertSorted(list: string[], name: string): void {
  const at = list.findIndex((other) => other > name);
  if (at < 0) list.push(name);
  else list.splice(at, 0, name);
}

function cycleError(graph: DependencyGraph): Error {
  const cycle = findCycle(graph) ?? [];
  return new Error(`dependency cycle detected: ${cycle.join(' -> ')}`);
}

function assertNever(value: never): never {
  throw new Error(`unexpected traversal order: ${String(value)}`);
}
