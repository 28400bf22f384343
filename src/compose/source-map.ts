/**
 * Where each value of a compose document came from.
 *
 * A `SourceNode` tree runs parallel to the value tree: the node for `services.web.ports[0]` holds
 * the file, line and column of that value. Stages that reshape the value tree (merge, extends,
 * include) carry the matching source nodes along, so an error found after merging still points at
 * the line that set the value, often in an override file. Stages that only rewrite scalars
 * (interpolation) leave it alone. Lookups fall back to the nearest ancestor that is known, so a
 * stage that builds new values without source information still yields a useful position.
 */
import type { TreePath } from './tree-path.js';

export interface SourcePosition {
  readonly file: string;
  /** 1-based */
  readonly line: number;
  /** 1-based */
  readonly column: number;
}

export interface SourceNode {
  position: SourcePosition;
  /** Children by mapping key, or by sequence index rendered as a string. */
  children?: Map<string, SourceNode>;
}

export function sourceChild(node: SourceNode | undefined, key: string | number): SourceNode | undefined {
  return node?.children?.get(String(key));
}

export function setSourceChild(
  parent: SourceNode,
  key: string | number,
  child: SourceNode | undefined,
): void {
  if (!child) {
    parent.children?.delete(String(key));
    return;
  }
  parent.children ??= new Map();
  parent.children.set(String(key), child);
}

/** The position of the deepest known node on `path`. */
export function locate(root: SourceNode | undefined, path: TreePath): SourcePosition | undefined {
  let node = root;
  let found = root?.position;
  for (const segment of path) {
    node = sourceChild(node, segment);
    if (!node) break;
    found = node.position;
  }
  return found;
}

/** The node at `path`, if every step of the way is known. */
export function sourceAt(root: SourceNode | undefined, path: TreePath): SourceNode | undefined {
  let node = root;
  for (const segment of path) {
    node = sourceChild(node, segment);
    if (!node) return undefined;
  }
  return node;
}

/** A shallow copy whose children map can be changed without touching the original. */
export function cloneSourceNode(node: SourceNode): SourceNode {
  return { position: node.position, children: node.children ? new Map(node.children) : undefined };
}
