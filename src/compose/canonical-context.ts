/**
 * What a canonical rule may do besides returning the new value: report a value it cannot read
 * (an error, or "keep it as written" when interpolation is off), reject a value of the wrong
 * type, and warn. Rules see this interface only, so the policy lives in one place (canonical.ts).
 */
import type { PathRule } from './apply-path-rules.js';
import type { ParseResult } from './parse-result.js';
import type { TreePath } from './tree-path.js';

export interface CanonicalContext {
  /** A short syntax that does not parse; returns what to put in its place. */
  unreadable(value: unknown, path: TreePath, message: string): unknown;
  /** A value of a type the attribute never takes; always an error. Returns the value unchanged. */
  reject(value: unknown, path: TreePath, message: string): unknown;
  warn(message: string): void;
}

export type CanonicalRule = PathRule<CanonicalContext>;

/** One row per pattern, all applying the same function. */
export function rulesFor(patterns: readonly string[], apply: CanonicalRule['apply']): CanonicalRule[] {
  return patterns.map((pattern) => ({ pattern, apply }));
}

/**
 * A rule that reads its value with a parser; null (an attribute left empty) is left alone, and a
 * value the parser refuses goes to `context.unreadable`.
 */
export function readWith<T>(parse: (value: unknown) => ParseResult<T>): CanonicalRule['apply'] {
  return (value, path, context) => {
    if (value === null) return value;
    const result = parse(value);
    return result.ok ? result.value : context.unreadable(value, path, result.error);
  };
}
