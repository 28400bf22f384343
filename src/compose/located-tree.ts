/**
 * A compose document as the middle stages see it: the plain value tree and, beside it, where each
 * value came from. Stages that reshape the tree return both, so positions survive merging.
 */
import type { SourceNode } from './source-map.js';

export interface LocatedTree {
  readonly tree: Record<string, unknown>;
  readonly source: SourceNode;
}
