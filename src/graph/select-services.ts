/**
 * Which services a command acts on, given the names typed on its command line.
 *
 * `up web` acts on web and everything web needs (`'with-dependencies'`), `up --no-deps web` on web
 * alone (`'only-named'`), and `stop db` on db and everything that needs db, since those would
 * break without it (`'with-dependents'`). Names on the command line may be shell-style patterns
 * (`'web-*'`), as docker compose matches them with Go's `filepath.Match`.
 *
 * This module only reads the graph. Deciding that a name is an error ("no such service"), or that
 * a dependency is disabled by a profile, belongs to the caller, which knows the project.
 */
import { dependenciesOf, dependentsOf, type DependencyGraph } from './dependency-graph.js';

export type SelectionPolicy = 'with-dependencies' | 'only-named' | 'with-dependents';

export interface NameMatches {
  /** The services some pattern matched, sorted. */
  readonly matched: string[];
  /** The patterns that matched no service, in the order given. */
  readonly unknown: string[];
}

/** Resolves command-line names (or patterns) against the services that exist. */
export function matchServiceNames(services: readonly string[], patterns: readonly string[]): NameMatches {
  const matched = new Set<string>();
  const unknown: string[] = [];
  for (const pattern of patterns) {
    const hits = services.filter((name) => matchesGlob(pattern, name));
    if (hits.length === 0) unknown.push(pattern);
    for (const hit of hits) matched.add(hit);
  }
  return { matched: [...matched].sort(), unknown };
}

/**
 * The named services and, following the policy, the services reached from them. Names must be
 * services of the graph (resolve them with `matchServiceNames` first); the result is sorted.
 */
export function selectServices(
  graph: DependencyGraph,
  names: readonly string[],
  policy: SelectionPolicy,
): string[] {
  const missing = names.filter((name) => !graph.dependencies.has(name));
  if (missing.length > 0) throw new Error(`no such service: ${missing.join(', ')}`);
  switch (policy) {
    case 'with-dependencies':
      return reach(names, (name) => dependenciesOf(graph, name));
    case 'with-dependents':
      return reach(names, (name) => dependentsOf(graph, name));
    case 'only-named':
      return [...new Set(names)].sort();
    default:
      return assertNever(policy);
  }
}

/** The named services and everything they depend on, transitively. */
export function withDependencies(graph: DependencyGraph, names: readonly string[]): string[] {
  return selectServices(graph, names, 'with-dependencies');
}

/** The named services and everything that depends on them, transitively. */
export function withDependents(graph: DependencyGraph, names: readonly string[]): string[] {
  return selectServices(graph, names, 'with-dependents');
}

function reach(start: readonly string[], next: (name: string) => readonly string[]): string[] {
  const seen = new Set<string>();
  const pending = [...start];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    pending.push(...next(name));
  }
  return [...seen].sort();
}

/**
 * Go's `filepath.Match` on a name without separators: `*`, `?`, `[a-z]`, `[^a-z]` and `\x`.
 * A malformed pattern matches nothing, as docker compose ignores the match error.
 */
export function matchesGlob(pattern: string, name: string): boolean {
  const source = globToRegExp(pattern);
  return source !== undefined && new RegExp(`^${source}$`).test(name);
}

function globToRegExp(pattern: string): string | undefined {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\') {
      const escaped = pattern[++i];
      if (escaped === undefined) return undefined;
      out += escapeRegExp(escaped);
    } else if (c === '[') {
      const end = classEnd(pattern, i + 1);
      if (end === undefined) return undefined;
      const body = pattern.slice(i + 1, end);
      const negated = body.startsWith('^');
      const ranges = classRanges(negated ? body.slice(1) : body);
      if (ranges === undefined) return undefined;
      out += negated ? `[^/${ranges}]` : `[${ranges}]`;
      i = end;
    } else out += escapeRegExp(c);
  }
  return out;
}

/** Index of the `]` closing a class whose body starts at `from`. */
function classEnd(pattern: string, from: number): number | undefined {
  for (let i = from; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']' && i > from) return i;
  }
  return undefined;
}

function classRanges(body: string): string | undefined {
  let out = '';
  const chars = [...body];
  for (let i = 0; i < chars.length; i++) {
    let lo = chars[i] as string;
    if (lo === '\\') lo = chars[++i] ?? '';
    if (lo === '') return undefined;
    out += escapeRegExp(lo);
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      let hi = chars[i + 2] as string;
      i += 2;
      if (hi === '\\') hi = chars[++i] ?? '';
      if (hi === '' || hi < lo) return undefined;
      out += `-${escapeRegExp(hi)}`;
    }
  }
  return out === '' ? undefined : out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function assertNever(value: never): never {
  throw new Error(`unexpected selection policy: ${String(value)}`);
}
