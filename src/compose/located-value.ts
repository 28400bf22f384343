/**
 * One value of a compose document together with the source node that says where it came from.
 *
 * Merge, reset and unicity rules reshape the value tree (a mapping becomes a sequence, a list of
 * names becomes a mapping, items move). Doing that on (value, source) pairs keeps the source map
 * in step with every move, so a later stage still points at the line that set each value. These
 * helpers read children of a pair and build new mappings and sequences from pairs; they never
 * change the pairs they are given.
 */
import { sourceChild, type SourceNode, type SourcePosition } from './source-map.js';

export interface LocatedValue {
  readonly value: unknown;
  /** undefined when no position is known; `locate` then falls back to the nearest ancestor. */
  readonly source: SourceNode | undefined;
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function childOf(parent: LocatedValue, key: string | number): LocatedValue {
  const value = (parent.value as Record<string | number, unknown>)[key];
  return { value, source: sourceChild(parent.source, key) };
}

/** The entries of a mapping, in document order. */
export function entriesOf(mapping: LocatedValue): Array<[string, LocatedValue]> {
  if (!isMapping(mapping.value)) return [];
  return Object.keys(mapping.value).map((key) => [key, childOf(mapping, key)]);
}

/** The items of a sequence, in order. */
export function itemsOf(sequence: LocatedValue): LocatedValue[] {
  if (!Array.isArray(sequence.value)) return [];
  return sequence.value.map((_, index) => childOf(sequence, index));
}

/**
 * A new mapping from located entries. `position` is where the mapping itself was written; when
 * unknown, the first entry that has a position stands in for it.
 */
export function mappingOf(
  entries: Iterable<readonly [string, LocatedValue]>,
  position: SourcePosition | undefined,
): LocatedValue {
  const list = [...entries];
  // defineProperty-style creation: a key named "__proto__" stays a plain key.
  const value = Object.fromEntries(list.map(([key, entry]) => [key, entry.value]));
  return { value, source: sourceOf(list, position) };
}

/** A new sequence from located items; each item is re-indexed with its own source. */
export function sequenceOf(
  items: readonly LocatedValue[],
  position: SourcePosition | undefined,
): LocatedValue {
  const value = items.map((item) => item.value);
  return {
    value,
    source: sourceOf(
      items.map((item, index) => [String(index), item] as const),
      position,
    ),
  };
}

/** A scalar that was derived from another value (`FOO: bar` turned into `FOO=bar`) keeps its place. */
export function derivedScalar(value: unknown, from: LocatedValue): LocatedValue {
  return { value, source: from.source ? { position: from.source.position } : undefined };
}

function sourceOf(
  entries: ReadonlyArray<readonly [string, LocatedValue]>,
  position: SourcePosition | undefined,
): SourceNode | undefined {
  const at = position ?? entries.find(([, entry]) => entry.source)?.[1].source?.position;
  if (!at) return undefined;
  const children = new Map<string, SourceNode>();
  for (const [key, entry] of entries) {
    if (entry.source) children.set(key, entry.source);
  }
  return { position: at, children };
}
