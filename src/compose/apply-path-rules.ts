/**
 * Rewrites a value tree with a table of rules keyed by path pattern (`services.*.ports`), the
 * shape compose-go gives its canonical and default-value transforms, so adding a rule means
 * adding a row.
 *
 * The walk is top-down: at each node the rules whose pattern matches its path run in table
 * order, each on the previous one's result, and then the walk continues into whatever the node
 * has become. A rule that turns `build: ./app` into `{context: ./app}` therefore needs not care
 * about `build.*` rules below it. The input is never changed: a container is copied when something
 * in it changes, and the rest is shared with the result (no stage changes a tree in place).
 *
 * The rules are compiled into pattern states (tree-path.ts), so a node only meets the rules that
 * match its path, and the walk does not enter subtrees that no rule can reach.
 */
import { compilePatterns, type PathSegment, type PatternState, type TreePath } from './tree-path.js';

export interface PathRule<Context> {
  /** Dotted, `*` for any one key or list index: `services.*.volumes.*`. */
  readonly pattern: string;
  readonly apply: (value: unknown, path: TreePath, context: Context) => unknown;
}

/** The rules compiled for the walk: at each node, the state says which rules match its path. */
export type PathRuleTable<Context> = PatternState<PathRule<Context>['apply']>;

export function compilePathRules<Context>(rules: readonly PathRule<Context>[]): PathRuleTable<Context> {
  return compilePatterns(rules.map((rule) => [rule.pattern, rule.apply] as const));
}

export function applyPathRules<Context>(
  value: unknown,
  table: PathRuleTable<Context>,
  context: Context,
): unknown {
  return visit(value, table, [], context);
}

/** `path` is the walk's own stack; rules get a copy, since they may keep it (in an error). */
function visit<Context>(
  value: unknown,
  state: PathRuleTable<Context>,
  path: PathSegment[],
  context: Context,
): unknown {
  let current = value;
  if (state.matches.length > 0) {
    const at: TreePath = [...path];
    for (const apply of state.matches) current = apply(current, at, context);
  }
  if (Array.isArray(current)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < current.length; index++) {
      const item: unknown = current[index];
      const result = visitChild(item, index, state, path, context);
      if (result !== item) (copy ??= current.slice())[index] = result;
    }
    return copy ?? current;
  }
  if (isMapping(current)) {
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(current)) {
      const item = current[key];
      const result = visitChild(item, key, state, path, context);
      if (result !== item) setOwn((copy ??= { ...current }), key, result);
    }
    return copy ?? current;
  }
  return current;
}

function visitChild<Context>(
  value: unknown,
  segment: PathSegment,
  parent: PathRuleTable<Context>,
  path: PathSegment[],
  context: Context,
): unknown {
  const state = parent.step(segment);
  // No rule can match here or below: the value is kept as it is.
  if (!state) return value;
  path.push(segment);
  const result = visit(value, state, path, context);
  path.pop();
  return result;
}

/** A key named `__proto__` must stay a plain own property, as `Object.fromEntries` makes it. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
