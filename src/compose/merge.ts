/**
 * Stage: lay one compose document over the project merged so far, with Compose's rules.
 *
 * The default is the spec's (13-merge.md): mappings merge key by key, sequences append, scalars
 * are replaced, and a null in the override keeps the base. Attributes with their own rule are
 * rows of `MERGE_RULES`, keyed by path pattern, as in compose-go's `override/merge.go`: shell
 * commands are replaced, key/value attributes merge whichever syntax each side used, lists of
 * names become mappings, and so on. Values and their source nodes move together, so a value that
 * came from the override file still points at the override file's line.
 *
 * It does not remove duplicates (that is `enforceUnicity`, run after each merge) nor apply
 * `!reset` / `!override` (that is `applyResets`, run on the base before the merge).
 */
import { ComposeFileError } from './errors.js';
import { formatGoScalar } from './format-go-scalar.js';
import {
  derivedScalar,
  entriesOf,
  isMapping,
  itemsOf,
  mappingOf,
  sequenceOf,
  type LocatedValue,
} from './located-value.js';
import type { LocatedTree } from './located-tree.js';
import { matchesPattern, parsePattern, type TreePath } from './tree-path.js';

type MergeRule = (base: LocatedValue, override: LocatedValue, path: TreePath) => LocatedValue;

/** Merges `override` over `base`. Neither input is changed; unchanged subtrees are shared. */
export function mergeDocuments(base: LocatedTree, override: LocatedTree): LocatedTree {
  const merged = mergeMappings(
    { value: base.tree, source: base.source },
    { value: override.tree, source: override.source },
    [],
  );
  return {
    tree: merged.value as Record<string, unknown>,
    source: merged.source ?? base.source,
  };
}

/**
 * Merges two values found at `path` with the rule that applies there. Exported for `extends`
 * (a service over its base, at `services.<name>`) and `include` (a resource over a local one).
 */
export function mergeValuesAt(base: LocatedValue, override: LocatedValue, path: TreePath): LocatedValue {
  const rule = MERGE_RULES.find(([pattern]) => matchesPattern(path, pattern))?.[1];
  return (rule ?? mergeByShape)(base, override, path);
}

/** The spec's default: mappings merge, sequences append, scalars are replaced. */
function mergeByShape(base: LocatedValue, override: LocatedValue, path: TreePath): LocatedValue {
  if (override.value === null || override.value === undefined) return base;
  if (isMapping(base.value)) {
    if (!isMapping(override.value)) throw cannotOverride(base, override, path);
    return mergeMappings(base, override, path);
  }
  if (Array.isArray(base.value)) {
    if (!Array.isArray(override.value)) throw cannotOverride(base, override, path);
    return sequenceOf([...itemsOf(base), ...itemsOf(override)], positionOf(base, override));
  }
  return override;
}

function mergeMappings(base: LocatedValue, override: LocatedValue, path: TreePath): LocatedValue {
  const merged = new Map(entriesOf(base));
  for (const [key, value] of entriesOf(override)) {
    const existing = merged.get(key);
    merged.set(key, existing ? mergeValuesAt(existing, value, [...path, key]) : value);
  }
  return mappingOf(merged, positionOf(base, override));
}

/** command, entrypoint, healthcheck.test, ulimits.<name>: the last file says it all. */
const replace: MergeRule = (_base, override) => override;

/** environment, labels, build.args…: both sides as `KEY=value` lists, appended (unicity dedups). */
const mergeAsSequence: MergeRule = (base, override) =>
  sequenceOf([...toSequence(base), ...toSequence(override)], positionOf(base, override));

/** extra_hosts: appended, minus entries the base already has word for word. */
const mergeExtraHosts: MergeRule = (base, override) => {
  const right = toSequence(base);
  const left = toSequence(override).filter(
    (item) => !right.some((known) => sameScalar(known.value, item.value)),
  );
  return sequenceOf([...right, ...left], positionOf(base, override));
};

/** networks, models: a list of names is a mapping of names to null. */
const mergeAsMapping: MergeRule = (base, override, path) =>
  mergeMappings(toMapping(base, path), toMapping(override, path), path);

const DEFAULT_DEPENDENCY = { condition: 'service_started', required: true } as const;

/** depends_on: a listed service means "started, required". */
const mergeDependsOn: MergeRule = (base, override, path) =>
  mergeMappings(
    toMapping(base, path, DEFAULT_DEPENDENCY),
    toMapping(override, path, DEFAULT_DEPENDENCY),
    path,
  );

/** build: a string is the context. */
const mergeBuild: MergeRule = (base, override, path) => mergeMappings(toBuild(base), toBuild(override), path);

/**
 * logging: options merge only when both files name the same driver (or one names none); a new
 * driver brings its own options.
 */
const mergeLogging: MergeRule = (base, override, path) => {
  const [b, o] = [base.value, override.value];
  if (!isMapping(b) || !isMapping(o)) return mergeByShape(base, override, path);
  const sameDriver =
    !Object.hasOwn(o, 'driver') || !Object.hasOwn(b, 'driver') || sameScalar(o.driver, b.driver);
  return sameDriver ? mergeMappings(base, override, path) : override;
};

/**
 * ipam.config: entries with the same subnet merge. This follows compose-go step by step,
 * including its quirks: the result is built from the override's entries, a base entry survives
 * only by sharing a subnet with one of them, and a base entry merged once keeps being merged
 * into (the `Slot` stands for compose-go's shared map pointer).
 */
const mergeIpamConfig: MergeRule = (base, override, path) => {
  for (const side of [base, override]) {
    if (!Array.isArray(side.value)) {
      throw new ComposeFileError({
        path,
        position: side.source?.position,
        message: `expected a sequence of IPAM configurations to merge, got ${describe(side.value)}`,
      });
    }
  }
  interface Slot {
    current: LocatedValue;
  }
  const subnetOf = (entry: LocatedValue): unknown =>
    isMapping(entry.value) ? entry.value.subnet : undefined;
  const slots: Slot[] = [];
  const slotWithSubnet = (subnet: unknown): number =>
    slots.findIndex((slot) => sameScalar(subnetOf(slot.current), subnet));
  for (const original of itemsOf(base)) {
    const right: Slot = { current: toMapping(original, path) };
    for (const item of itemsOf(override)) {
      const left = toMapping(item, path);
      const differs = !sameScalar(subnetOf(left), subnetOf(right.current));
      if (differs && slotWithSubnet(subnetOf(left)) < 0) {
        slots.push({ current: left });
        continue;
      }
      right.current = mergeMappings(right.current, left, path);
      const index = slotWithSubnet(subnetOf(right.current));
      if (index >= 0) slots[index] = right;
      else slots.push(right);
    }
  }
  return sequenceOf(
    slots.map((slot) => slot.current),
    positionOf(base, override),
  );
};

const MERGE_RULES: ReadonlyArray<readonly [string[], MergeRule]> = (
  [
    ['networks.*.ipam.config', mergeIpamConfig],
    ['networks.*.labels', mergeAsSequence],
    ['volumes.*.labels', mergeAsSequence],
    ['services.*.annotations', mergeAsSequence],
    ['services.*.build', mergeBuild],
    ['services.*.build.args', mergeAsSequence],
    ['services.*.build.additional_contexts', mergeAsSequence],
    ['services.*.build.extra_hosts', mergeExtraHosts],
    ['services.*.build.labels', mergeAsSequence],
    ['services.*.command', replace],
    ['services.*.depends_on', mergeDependsOn],
    ['services.*.deploy.labels', mergeAsSequence],
    ['services.*.dns', mergeAsSequence],
    ['services.*.dns_opt', mergeAsSequence],
    ['services.*.dns_search', mergeAsSequence],
    ['services.*.entrypoint', replace],
    ['services.*.env_file', mergeAsSequence],
    ['services.*.label_file', mergeAsSequence],
    ['services.*.environment', mergeAsSequence],
    ['services.*.extra_hosts', mergeExtraHosts],
    ['services.*.healthcheck.test', replace],
    ['services.*.labels', mergeAsSequence],
    ['services.*.volumes.*.volume.labels', mergeAsSequence],
    ['services.*.logging', mergeLogging],
    ['services.*.models', mergeAsMapping],
    ['services.*.networks', mergeAsMapping],
    ['services.*.sysctls', mergeAsSequence],
    ['services.*.tmpfs', mergeAsSequence],
    ['services.*.ulimits.*', replace],
  ] as const
).map(([pattern, rule]) => [parsePattern(pattern), rule] as const);

/**
 * A key/value attribute as a list: a mapping becomes sorted `KEY=value` items (`KEY` alone for
 * null, one item per element for a list value), a string becomes a one-item list. Anything else
 * contributes nothing, as in compose-go.
 */
function toSequence(located: LocatedValue): LocatedValue[] {
  if (Array.isArray(located.value)) return itemsOf(located);
  if (typeof located.value === 'string') return [located];
  const items: LocatedValue[] = [];
  for (const [key, entry] of entriesOf(located)) {
    if (entry.value === null || entry.value === undefined) items.push(derivedScalar(key, entry));
    else if (Array.isArray(entry.value)) {
      for (const element of itemsOf(entry))
        items.push(derivedScalar(`${key}=${formatGoScalar(element.value)}`, element));
    } else items.push(derivedScalar(`${key}=${formatGoScalar(entry.value)}`, entry));
  }
  return items.sort((a, b) => compareStrings(String(a.value), String(b.value)));
}

/**
 * A list of names as a mapping of each name to `template` (or null). A mapping is kept; anything
 * else is an empty mapping, so the other side wins.
 */
function toMapping(
  located: LocatedValue,
  path: TreePath,
  template?: Readonly<Record<string, unknown>>,
): LocatedValue {
  if (isMapping(located.value)) return located;
  if (!Array.isArray(located.value)) return { value: {}, source: located.source };
  const entries = itemsOf(located).map((item, index): [string, LocatedValue] => {
    if (typeof item.value !== 'string') {
      throw new ComposeFileError({
        path: [...path, index],
        position: item.source?.position ?? located.source?.position,
        message: `expected a name, got ${describe(item.value)}`,
      });
    }
    return [item.value, derivedScalar(template ? { ...template } : null, item)];
  });
  return mappingOf(entries, located.source?.position);
}

function toBuild(located: LocatedValue): LocatedValue {
  if (isMapping(located.value)) return located;
  if (typeof located.value === 'string') return mappingOf([['context', located]], located.source?.position);
  return { value: {}, source: located.source };
}

function positionOf(base: LocatedValue, override: LocatedValue) {
  return base.source?.position ?? override.source?.position;
}

/** Go's `==` on two decoded YAML scalars: same type and value; a missing key is nil. */
function sameScalar(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

/** Go compares strings byte-wise; for the ASCII that keys are made of, code units agree. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a sequence';
  if (isMapping(value)) return 'a mapping';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

function cannotOverride(base: LocatedValue, override: LocatedValue, path: TreePath): ComposeFileError {
  return new ComposeFileError({
    path,
    position: override.source?.position,
    message: `cannot override ${describe(base.value)} with ${describe(override.value)}`,
  });
}
