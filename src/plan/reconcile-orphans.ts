/**
 * Containers of the project that no service of the compose file claims any more (renamed or
 * deleted services), plus finished one-off containers: removed with `--remove-orphans`, otherwise
 * named in docker compose's warning. Services only disabled by a profile are not orphans.
 */
import { compareText } from './compare-text.js';
import type { ObservedContainer } from './observed-state.js';
import { timeoutOf, type ReconcileContext } from './reconcile-context.js';

export function reconcileOrphans(context: ReconcileContext): void {
  const orphans = findOrphans(context);
  if (orphans.length === 0) return;
  const policy = context.options.orphans ?? 'warn';
  switch (policy) {
    case 'ignore':
      return;
    case 'warn':
      context.warnings.push(
        `Found orphan containers (${orphans.map((c) => c.name).join(', ')}) for this project. ` +
          'If you removed or renamed this service in your compose file, you can run this command ' +
          'with the --remove-orphans flag to clean it up.',
      );
      return;
    case 'remove':
      for (const container of orphans) {
        const { service, number } = container;
        const stop = context.plan.add({
          kind: 'stop-container',
          service,
          number,
          container,
          ...timeoutOf(context),
          reason: 'orphan',
        });
        context.plan.add({ kind: 'remove-container', service, number, container, reason: 'orphan' }, [stop]);
      }
      return;
    default:
      assertNever(policy);
  }
}

export function findOrphans(context: ReconcileContext): ObservedContainer[] {
  const known = new Set([
    ...Object.keys(context.project.services),
    ...(context.options.disabledServices ?? []),
  ]);
  return context.observed.containers
    .filter((container) => container.project === context.project.name)
    .filter((container) =>
      container.oneoff
        ? container.state === 'exited' || container.state === 'dead'
        : !known.has(container.service),
    )
    .sort((a, b) => compareText(a.name, b.name));
}

function assertNever(value: never): never {
  throw new Error(`unexpected orphan policy: ${String(value)}`);
}
