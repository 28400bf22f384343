/**
 * A path into a compose document: `['services', 'web', 'ports', 0]`.
 *
 * Every stage of the loader names the place it is working on with this one type, so that an
 * error raised anywhere can be traced back to a file, line and column through the source map.
 */
export type PathSegment = string | number;
export type TreePath = readonly PathSegment[];

/** Renders a path the way compose users read it: `services.web.ports[0]`. */
export function formatPath(path: TreePath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/**
 * Matches a path against a pattern such as `services.*.ports`, where `*` stands for any one
 * segment. Merge and normalisation rules are tables keyed by such patterns.
 */
export function matchesPattern(path: TreePath, pattern: readonly string[]): boolean {
  if (path.length !== pattern.length) return false;
  return pattern.every((want, i) => want === '*' || want === String(path[i]));
}

export function parsePattern(pattern: string): string[] {
  return pattern.split('.');
}

/**
 * A table of patterns compiled for a walk down a tree. Testing every pattern at every node makes
 * a walk cost nodes × patterns; instead the walk carries the state its path has reached and steps
 * it once per segment. A state lists the rows whose pattern the path matches, in table order, and
 * a step returns `undefined` once no pattern can match the path or anything below it, so a walk
 * can stop looking there. Matching is `matchesPattern`'s: `*` is any one segment, other parts
 * compare with the segment as text.
 */
export interface PatternState<T> {
  /** The values of the rows whose pattern the path matches, in table order. */
  readonly matches: readonly T[];
  /** The state one segment further down, or undefined when no pattern can match there or below. */
  step(segment: PathSegment): PatternState<T> | undefined;
}

/** The state of the empty path for a table of (dotted pattern, value) rows. */
export function compilePatterns<T>(
  rows: ReadonlyArray<readonly [pattern: string, value: T]>,
): PatternState<T> {
  let nodes = 0;
  const newNode = (): TrieNode => ({ id: nodes++, ends: [], children: new Map(), any: undefined });
  const root = newNode();
  rows.forEach(([pattern], row) => {
    let node = root;
    for (const part of parsePattern(pattern)) {
      if (part === '*') node = node.any ??= newNode();
      else {
        let child = node.children.get(part);
        if (!child) node.children.set(part, (child = newNode()));
        node = child;
      }
    }
    node.ends.push(row);
  });
  // A state is the set of trie nodes a path can be at; each distinct set is built once. Patterns
  // have a fixed length, so building every state up front terminates.
  const states = new Map<string, CompiledState<T>>();
  const stateOf = (at: readonly TrieNode[]): CompiledState<T> | undefined => {
    if (at.length === 0) return undefined;
    const id = at.map((node) => node.id).join(',');
    const known = states.get(id);
    if (known) return known;
    const matches = at
      .flatMap((node) => node.ends)
      .sort((a, b) => a - b)
      .map((row) => (rows[row] as readonly [string, T])[1]);
    const wildcards = at.flatMap((node) => (node.any ? [node.any] : []));
    const state = new CompiledState<T>(matches);
    states.set(id, state);
    state.otherwise = stateOf(wildcards);
    for (const key of new Set(at.flatMap((node) => [...node.children.keys()]))) {
      const next = at.flatMap((node) => {
        const child = node.children.get(key);
        return child ? [child] : [];
      });
      state.byKey.set(key, stateOf(uniqueById([...next, ...wildcards])) as CompiledState<T>);
    }
    return state;
  };
  return stateOf([root]) as PatternState<T>;
}

interface TrieNode {
  readonly id: number;
  /** The rows whose pattern ends here. */
  readonly ends: number[];
  readonly children: Map<string, TrieNode>;
  any: TrieNode | undefined;
}

class CompiledState<T> implements PatternState<T> {
  /** Where a segment that some pattern names literally leads. */
  readonly byKey = new Map<string, CompiledState<T>>();
  /** Where any other segment leads: the `*` branches only. */
  otherwise: CompiledState<T> | undefined;

  constructor(readonly matches: readonly T[]) {}

  step(segment: PathSegment): PatternState<T> | undefined {
    if (this.byKey.size === 0) return this.otherwise;
    return this.byKey.get(typeof segment === 'string' ? segment : String(segment)) ?? this.otherwise;
  }
}

function uniqueById(nodes: readonly TrieNode[]): TrieNode[] {
  return [...new Map(nodes.map((node) => [node.id, node])).values()].sort((a, b) => a.id - b.id);
}
