/**
 * The reconciler: the project as the files describe it, against what the engine holds, gives the
 * plan that turns one into the other (docker compose's reconcile.go). Pure — no engine call, no
 * clock, no file: observing is the engine client's job before, executing the plan its job after.
 *
 * Stages run in docker compose's order, each reading what the earlier ones decided: networks,
 * volumes, each service's containers in dependency order, orphans, then (for `up`) the starts.
 * Problems that make the plan impossible are collected and thrown together as a ReconcileError;
 * everything else the user should know comes back in `plan.warnings`.
 */
import type { Project } from '../compose/project.js';
import { untranslatedFields } from './untranslated-fields.js';
import type { ObservedState } from './observed-state.js';
import type { Plan } from './plan.js';
import { planStarts, unchangedContainers } from './plan-starts.js';
import { createContext, serviceConfig } from './reconcile-context.js';
import { reconcileContainers } from './reconcile-containers.js';
import { ReconcileError } from './reconcile-error.js';
import { reconcileNetworks } from './reconcile-networks.js';
import type { ReconcileOptions } from './reconcile-options.js';
import { reconcileOrphans } from './reconcile-orphans.js';
import { reconcileVolumes } from './reconcile-volumes.js';

export function reconcile(project: Project, observed: ObservedState, options: ReconcileOptions): Plan {
  const context = createContext(project, observed, options);
  for (const name of context.services) {
    const fields = untranslatedFields(serviceConfig(context, name), project);
    if (fields.length > 0)
      context.warnings.push(`service "${name}": not supported yet, ignored: ${fields.join(', ')}`);
  }
  reconcileNetworks(context);
  reconcileVolumes(context);
  if (context.errors.length > 0) throw new ReconcileError(context.errors);
  reconcileContainers(context);
  reconcileOrphans(context);
  if (context.errors.length > 0) throw new ReconcileError(context.errors);
  const unchanged = (options.goal ?? 'up') === 'up' ? planStarts(context) : unchangedContainers(context);
  return { project: project.name, nodes: context.plan.nodes, unchanged, warnings: context.warnings };
}
