/**
 * The `depends_on` conditions a service's starts wait for, as docker compose's
 * shouldWaitForDependency decides: not `service_started` (the plan's edges already start the
 * dependency first), not a dependency outside this run (`--no-deps`, or disabled by a profile),
 * and not one scaled to zero containers.
 */
import { compareText } from './compare-text.js';
import type { DependencyWait } from './operation.js';
import { scaleOf, serviceConfig, type ReconcileContext } from './reconcile-context.js';

export function dependencyWaits(context: ReconcileContext, name: string): DependencyWait[] {
  const waits: DependencyWait[] = [];
  const dependsOn = serviceConfig(context, name).depends_on ?? {};
  for (const [dependency, config] of Object.entries(dependsOn).sort(([a], [b]) => compareText(a, b))) {
    if (config.condition === 'service_started') continue;
    if (!context.inScope.has(dependency)) continue;
    if (scaleOf(context, dependency) === 0) continue;
    waits.push({ service: dependency, condition: config.condition, required: config.required });
  }
  return waits;
}
