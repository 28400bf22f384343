/**
 * Waiting for one container to reach a condition, as docker compose's isServiceHealthy and
 * isServiceCompleted judge it, but on the engine's events rather than a polling loop:
 *
 * - `healthy`: its healthcheck says healthy; unhealthy, exited or no healthcheck is a failure;
 * - `running-or-healthy` (`up --wait`): healthy when it has a healthcheck, else running;
 * - `completed`: it exited; the exit code is the caller's to judge.
 *
 * The inspect that gives the current state runs after the listener is in place, so a change in
 * between is seen; the first decisive answer wins.
 */
import type Docker from 'dockerode';
import type { ContainerInspect, EngineEvent } from '../../runtime/api/engine-types.js';
import type { ContainerEvents } from './container-events.js';
import { toEngineError } from './engine-error.js';

export type ContainerCondition = 'healthy' | 'running-or-healthy' | 'completed';

export interface WaitedContainer {
  readonly id: string;
  readonly name: string;
}

export type ConditionMet =
  | { readonly kind: 'healthy' }
  | { readonly kind: 'running' }
  | { readonly kind: 'exited'; readonly code: number };

/** The condition can no longer be met: the message is docker compose's. */
export class ConditionFailed extends Error {
  override readonly name = 'ConditionFailed';
  constructor(
    message: string,
    readonly state: 'unhealthy' | 'exited' | 'no-healthcheck',
    readonly code?: number,
  ) {
    super(message);
  }
}

type Verdict = ConditionMet | ConditionFailed | undefined;

export function waitForCondition(
  docker: Docker,
  events: ContainerEvents,
  container: WaitedContainer,
  condition: ContainerCondition,
  signal?: AbortSignal,
): Promise<ConditionMet> {
  return new Promise<ConditionMet>((resolve, reject) => {
    let hasHealthcheck: boolean | undefined;
    const pending: EngineEvent[] = [];
    let done = false;
    const finish = (verdict: Verdict): void => {
      if (!verdict || done) return;
      done = true;
      off();
      signal?.removeEventListener('abort', abort);
      if (verdict instanceof ConditionFailed) reject(verdict);
      else resolve(verdict);
    };
    const fail = (error: unknown): void => {
      if (done) return;
      done = true;
      off();
      signal?.removeEventListener('abort', abort);
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const abort = (): void => fail(signal?.reason ?? new Error('aborted'));
    const off = events.on(container.id, (event) => {
      // Until inspect says whether there is a healthcheck, `start` cannot be judged: keep it.
      if (hasHealthcheck === undefined) pending.push(event);
      else finish(judgeEvent(event, container, condition, hasHealthcheck));
    });
    signal?.addEventListener('abort', abort, { once: true });
    events.failed.catch(fail);
    docker
      .getContainer(container.id)
      .inspect()
      .then((answer) => {
        const inspect = answer as unknown as ContainerInspect;
        hasHealthcheck = hasHealthConfig(inspect);
        finish(judgeInspect(inspect, container, condition));
        for (const event of pending.splice(0))
          finish(judgeEvent(event, container, condition, hasHealthcheck));
      })
      .catch((error: unknown) => fail(toEngineError(`inspect ${container.name}`, error)));
  });
}

function hasHealthConfig(inspect: ContainerInspect): boolean {
  const test = inspect.Config.Healthcheck?.Test ?? [];
  return test.length > 0 && test[0] !== 'NONE';
}

function judgeInspect(
  inspect: ContainerInspect,
  container: WaitedContainer,
  condition: ContainerCondition,
): Verdict {
  const state = inspect.State;
  if (state.Status === 'exited' || state.Status === 'dead')
    return exited(container, condition, state.ExitCode);
  if (condition === 'completed') return undefined;
  if (!hasHealthConfig(inspect)) {
    if (condition === 'healthy')
      return new ConditionFailed(
        `container ${container.name} has no healthcheck configured`,
        'no-healthcheck',
      );
    return state.Status === 'running' ? { kind: 'running' } : undefined;
  }
  return health(container, state.Health?.Status);
}

function judgeEvent(
  event: EngineEvent,
  container: WaitedContainer,
  condition: ContainerCondition,
  hasHealthcheck: boolean,
): Verdict {
  if (event.Action === 'die') {
    const code = Number(event.Actor.Attributes.exitCode ?? '0');
    return exited(container, condition, Number.isNaN(code) ? 0 : code);
  }
  if (condition === 'completed') return undefined;
  if (event.Action === 'start' && !hasHealthcheck && condition === 'running-or-healthy')
    return { kind: 'running' };
  if (event.Action.startsWith('health_status: '))
    return health(container, event.Action.slice('health_status: '.length));
  return undefined;
}

function exited(container: WaitedContainer, condition: ContainerCondition, code: number): Verdict {
  if (condition === 'completed') return { kind: 'exited', code };
  return new ConditionFailed(`container ${container.name} exited (${code})`, 'exited', code);
}

function health(container: WaitedContainer, status: string | undefined): Verdict {
  if (status === 'healthy') return { kind: 'healthy' };
  if (status === 'unhealthy')
    return new ConditionFailed(`container ${container.name} is unhealthy`, 'unhealthy');
  return undefined;
}
