/**
 * Callers of `wait` parked until a container exits or is removed, Docker's conditions:
 * `next-exit` and `not-running` resolve at the next exit (including one followed by a policy
 * restart, as Docker's `SetRestarting` wakes its waiters), `removed` when the container is gone.
 * Removal wakes everyone, so no caller hangs on a container that no longer exists.
 */
import type { ContainerWaitResponse, WaitCondition } from '../api/engine-types.js';

interface Waiter {
  condition: WaitCondition;
  resolve: (response: ContainerWaitResponse) => void;
}

export class ContainerWaiters {
  private readonly waiting = new Map<string, Set<Waiter>>();

  wait(id: string, condition: WaitCondition): Promise<ContainerWaitResponse> {
    return new Promise((resolve) => {
      const set = this.waiting.get(id) ?? new Set<Waiter>();
      set.add({ condition, resolve });
      this.waiting.set(id, set);
    });
  }

  exited(id: string, exitCode: number, error = ''): void {
    this.wake(id, exitCode, error, (condition) => condition !== 'removed');
  }

  removed(id: string, exitCode: number): void {
    this.wake(id, exitCode, '', () => true);
    this.waiting.delete(id);
  }

  private wake(
    id: string,
    exitCode: number,
    error: string,
    matches: (condition: WaitCondition) => boolean,
  ): void {
    const set = this.waiting.get(id);
    if (!set) return;
    for (const waiter of [...set]) {
      if (!matches(waiter.condition)) continue;
      set.delete(waiter);
      waiter.resolve({ StatusCode: exitCode, Error: error ? { Message: error } : null });
    }
  }
}
