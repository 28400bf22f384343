/**
 * `!reset` and `!override`: before a document is merged, the paths it tagged are removed from the
 * project merged so far. A `!reset` value is already gone from the document itself (the parser
 * drops it), so the attribute ends up unset; an `!override` value is kept, so it is merged into a
 * base that no longer has the attribute and simply replaces it.
 *
 * Only mapping keys are removed. Like compose-go (`loader/reset.go`, "support removal from
 * sequence" is still a TODO there), a tag on a sequence item, or on anything inside one, leaves
 * the base untouched.
 */
import { entriesOf, isMapping, mappingOf, type LocatedValue } from './located-value.js';
import type { LocatedTree } from './located-tree.js';
import type { TreePath } from './tree-path.js';

/** The base without the attributes at `resets`. The input is not changed. */
export function applyResets(base: LocatedTree, resets: readonly TreePath[]): LocatedTree {
  if (resets.length === 0) return base;
  const pruned = pruneMapping({ value: base.tree, source: base.source }, [], resets);
  return { tree: pruned.value as Record<string, unknown>, source: pruned.source ?? base.source };
}

function pruneMapping(mapping: LocatedValue, path: TreePath, resets: readonly TreePath[]): LocatedValue {
  // Only the resets below this mapping matter further down.
  const below = resets.filter((reset) => reset.length > path.length && startsWith(reset, path));
  if (below.length === 0) return mapping;
  let changed = false;
  const kept: Array<[string, LocatedValue]> = [];
  for (const [key, child] of entriesOf(mapping)) {
    const childPath = [...path, key];
    if (below.some((reset) => reset.length === childPath.length && startsWith(reset, childPath))) {
      changed = true;
      continue;
    }
    const pruned = isMapping(child.value) ? pruneMapping(child, childPath, below) : child;
    if (pruned !== child) changed = true;
    kept.push([key, pruned]);
  }
  return changed ? mappingOf(kept, mapping.source?.position) : mapping;
}

/** Segments compare as text: compose-go writes both mapping keys and sequence indexes as words. */
function startsWith(path: TreePath, prefix: TreePath): boolean {
  return prefix.every((segment, index) => String(path[index]) === String(segment));
}
