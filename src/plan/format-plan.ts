/**
 * A plan as stable text, one node per line, in docker compose's Plan.String() shape:
 *
 *     [1,3] -> #4 service:web:1, start-container, created; waits for db service_healthy
 *
 * prerequisites, id, resource, operation, reason, then the conditions a start waits for and the
 * group a node belongs to. Warnings follow, one per line after `! `. Golden tests compare this
 * text, so any change here is a change to every golden plan: keep it boring.
 */
import { resourceOf } from './operation.js';
import type { Plan, PlanNode } from './plan.js';

export function formatPlan(plan: Plan): string {
  const lines = plan.nodes.map(formatNode);
  for (const warning of plan.warnings) lines.push(`! ${warning.replace(/\n/g, ' ')}`);
  return lines.map((line) => `${line}\n`).join('');
}

function formatNode(node: PlanNode): string {
  const operation = node.operation;
  let line = `[${node.after.join(',')}] -> #${node.id} ${resourceOf(operation)}, ${operation.kind}, ${operation.reason}`;
  if (operation.kind === 'start-container' && operation.waitFor.length > 0) {
    const waits = operation.waitFor.map(
      (wait) => `${wait.service} ${wait.condition}${wait.required ? '' : ' (optional)'}`,
    );
    line += `; waits for ${waits.join(', ')}`;
  }
  if (node.group) line += ` [${node.group}]`;
  return line;
}
