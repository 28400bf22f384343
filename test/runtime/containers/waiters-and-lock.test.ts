import { describe, expect, it } from 'vitest';
import { ContainerWaiters } from '../../../runtime/containers/container-waiters.js';
import { KeyLock } from '../../../runtime/containers/key-lock.js';

describe('ContainerWaiters: Docker wait conditions', () => {
  it('an exit wakes next-exit and not-running, not removed; removal wakes the rest', async () => {
    const waiters = new ContainerWaiters();
    const woken: string[] = [];
    for (const condition of ['next-exit', 'not-running', 'removed'] as const) {
      void waiters.wait('c1', condition).then((answer) => woken.push(`${condition}:${answer.StatusCode}`));
    }
    waiters.exited('c1', 3);
    await Promise.resolve();
    expect(woken.sort()).toEqual(['next-exit:3', 'not-running:3']);
    waiters.removed('c1', 3);
    await Promise.resolve();
    expect(woken).toContain('removed:3');
  });

  it('reports an exit error as Docker does', async () => {
    const waiters = new ContainerWaiters();
    const answer = waiters.wait('c1', 'next-exit');
    waiters.exited('c1', 255, 'conmon exited');
    expect(await answer).toEqual({ StatusCode: 255, Error: { Message: 'conmon exited' } });
  });

  it('other containers are not woken', async () => {
    const waiters = new ContainerWaiters();
    let woken = false;
    void waiters.wait('c2', 'next-exit').then(() => (woken = true));
    waiters.exited('c1', 0);
    await Promise.resolve();
    expect(woken).toBe(false);
  });
});

describe('KeyLock', () => {
  it('runs one operation per key at a time, in order, and a failure does not block the next', async () => {
    const lock = new KeyLock();
    const order: string[] = [];
    let releaseFirst = (): void => undefined;
    const first = lock.run(
      'a',
      () => new Promise<void>((resolve) => (releaseFirst = () => (order.push('a1'), resolve()))),
    );
    const failing = lock.run('a', async () => {
      order.push('a2');
      throw new Error('boom');
    });
    const third = lock.run('a', async () => void order.push('a3'));
    const other = lock.run('b', async () => void order.push('b1'));
    await other;
    expect(order).toEqual(['b1']);
    releaseFirst();
    await first;
    await expect(failing).rejects.toThrow('boom');
    await third;
    expect(order).toEqual(['b1', 'a1', 'a2', 'a3']);
  });
});
