/**
 * Rewrites a value tree with a table of rules keyed by path pattern (`services.*.ports`), the
 * shape compose-go gives its canonical and default-value transforms, so adding a rule means
 * adding a row.
 *
 * The walk is top-down: at each node the rules whose pattern matches its path run in table
 * order, each on the previous one's result, and then the walk continues into whatever the node
 * has become. A rule that turns `build: ./app` into `{context: ./app}` therefore needs not care
 * about `build.*` rules below it. The input is never changed: every container on the way is
 * copied, so callers may keep the tree they passed in.
 */
import { matchesPattern, parsePattern, type PathSegment, type TreePath } from './tree-path.js';

export interface PathRule<Context> {
  /** Dotted, `*` for any one key or list index: `services.*.volumes.*`. */
  readonly pattern: string;
  readonly apply: (value: unknown, path: TreePath, context: Context) => unknown;
}

interface CompiledRule<Context> {
  readonly pattern: readonly string[];
  readonly apply: PathRule<Context>['apply'];
}

export type PathRuleTable<Context> = ReadonlyMap<number, readonly CompiledRule<Context>[]>;

/** Groups rules by path length once, so the walk only tries rules that can match. */
export function compilePathRules<Context>(rules: readonly PathRule<Context>[]): PathRuleTable<Context> {
  const byLength = new Map<number, CompiledRule<Context>[]>();
  for (const rule of rules) {
    const pattern = parsePattern(rule.pattern);
    byLength.set(pattern.length, [...(byLength.get(pattern.length) ?? []), { pattern, apply: rule.apply }]);
  }
  return byLength;
}

export function applyPathRules<Context>(
  value: unknown,
  table: PathRuleTable<Context>,
  context: Context,
): unknown {
  return visit(value, [], table, context);
}

function visit<Context>(
  value: unknown,
  path: PathSegment[],
  table: PathRuleTable<Context>,
  context: Context,
): unknown {
  let current = value;
  for (const rule of table.get(path.length) ?? []) {
    if (matchesPattern(path, rule.pattern)) current = rule.apply(current, path, context);
  }
  if (Array.isArray(current)) {
    return current.map((item, index) => visit(item, [...path, index], table, context));
  }
  if (isMapping(current)) {
    return Object.fromEntries(
      Object.entries(current).map(([key, item]) => [key, visit(item, [...path, key], table, context)]),
    );
  }
  return current;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
