/**
 * Before a service's containers start: wait for the `depends_on` conditions the plan lists
 * (docker compose's waitDependencies). `service_healthy` waits for every container of the
 * dependency to be healthy; `service_completed_successfully` for every one to exit with 0. A
 * failed required condition fails the start (and so its dependents); an optional one
 * (`required: false`) is a warning and the start goes on.
 *
 * Each (dependency, condition) is waited for once per run, however many starts need it.
 */
import type { DependencyWait } from '../plan/operation.js';
import type { EventResource } from '../ui/progress-event.js';
import { ConditionFailed, waitForCondition } from './container-condition.js';
import type { Emit, OperationContext } from './run-operation.js';

export async function waitForDependencies(
  dependent: string,
  resource: EventResource,
  waits: readonly DependencyWait[],
  context: OperationContext,
  emit: Emit,
): Promise<void> {
  await Promise.all(
    waits.map(async (wait) => {
      emit(resource, { kind: 'waiting', dependency: wait.service, condition: wait.condition });
      try {
        await conditionOnce(wait, context, emit, dependent);
      } catch (error) {
        if (wait.required) throw error;
        emit(resource, { kind: 'warning', message: error instanceof Error ? error.message : String(error) });
      }
    }),
  );
}

function conditionOnce(
  wait: DependencyWait,
  context: OperationContext,
  emit: Emit,
  dependent: string,
): Promise<void> {
  const key = `${wait.service}\0${wait.condition}`;
  let promise = context.state.conditionWaits.get(key);
  if (!promise) {
    promise = waitForService(wait, context, emit, dependent);
    context.state.conditionWaits.set(key, promise);
  }
  return promise;
}

async function waitForService(
  wait: DependencyWait,
  context: OperationContext,
  emit: Emit,
  dependent: string,
): Promise<void> {
  const containers = context.state.containersOf(wait.service);
  if (containers.length === 0) throw new Error(`${dependent} is missing dependency ${wait.service}`);
  const events = await context.events();
  await Promise.all(
    containers.map(async (container) => {
      const dependencyResource: EventResource = {
        type: 'container',
        name: container.name,
        service: wait.service,
      };
      if (wait.condition === 'service_healthy') {
        try {
          await waitForCondition(context.docker, events, container, 'healthy');
        } catch (error) {
          if (error instanceof ConditionFailed) {
            if (error.state === 'unhealthy') emit(dependencyResource, { kind: 'unhealthy' });
            throw new Error(`dependency failed to start: ${error.message}`, { cause: error });
          }
          throw error;
        }
        emit(dependencyResource, { kind: 'healthy' });
        return;
      }
      const met = await waitForCondition(context.docker, events, container, 'completed');
      const code = met.kind === 'exited' ? met.code : 0;
      emit(dependencyResource, { kind: 'exited', code });
      if (code !== 0) throw new Error(`service "${wait.service}" didn't complete successfully: exit ${code}`);
    }),
  );
}
