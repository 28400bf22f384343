/**
 * A plan: a DAG of operations, each waiting only for the nodes in its `after` list. Nodes are in
 * topological order (every node after its prerequisites), numbered from 1 in that order, so a plan
 * prints the same way every time and golden tests can compare it as text (format-plan.ts).
 *
 * The executor may run every node whose prerequisites are done, all at once: the reconciler puts
 * an edge wherever order matters (a network before the containers on it, a dependency's start
 * before its dependents' starts) and nowhere else.
 */
import type { Operation } from './operation.js';
import type { ObservedContainer } from './observed-state.js';

export interface PlanNode {
  readonly id: number;
  readonly operation: Operation;
  /** Ids of the nodes that must finish first, ascending. */
  readonly after: readonly number[];
  /** Nodes that together make one user-visible step (`recreate:web:1`), for progress display. */
  readonly group?: string;
}

export interface Plan {
  readonly project: string;
  readonly nodes: readonly PlanNode[];
  /** Service containers already as wanted and running: nothing to do, but worth a "Running" line. */
  readonly unchanged: readonly ObservedContainer[];
  /** Things the user should know that do not stop the plan (orphans, unsupported fields …). */
  readonly warnings: readonly string[];
}

export function isEmptyPlan(plan: Plan): boolean {
  return plan.nodes.length === 0;
}

/** The nodes that act on one service's containers, in plan order. */
export function nodesOfService(plan: Plan, service: string): PlanNode[] {
  return plan.nodes.filter((node) => 'service' in node.operation && node.operation.service === service);
}

/** Builds a plan node by node; used only while reconciling, the finished Plan is immutable. */
export class PlanBuilder {
  readonly #nodes: PlanNode[] = [];

  add(operation: Operation, after: Iterable<PlanNode | undefined> = [], group?: string): PlanNode {
    const ids = new Set<number>();
    for (const node of after) if (node) ids.add(node.id);
    const node: PlanNode = {
      id: this.#nodes.length + 1,
      operation,
      after: [...ids].sort((a, b) => a - b),
      ...(group ? { group } : {}),
    };
    this.#nodes.push(node);
    return node;
  }

  get nodes(): readonly PlanNode[] {
    return this.#nodes;
  }
}
