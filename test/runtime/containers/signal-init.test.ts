import { describe, expect, it } from 'vitest';
import { readInitIdentity, signalInit, statStartTime } from '../../../runtime/containers/signal-init.js';

describe('statStartTime', () => {
  it.each([
    {
      name: 'a plain command',
      stat: '4242 (sleep) S 1 4242 4242 0 -1 4194560 120 0 0 0 0 0 0 0 20 0 1 0 987654 1000 100 1',
      expected: '987654',
    },
    {
      name: 'a command with spaces and parentheses',
      stat: '7 (a (b) c) R 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 55 1000 100 1',
      expected: '55',
    },
  ])('$name', ({ stat, expected }) => {
    expect(statStartTime(stat)).toBe(expected);
  });
});

describe('signalInit', () => {
  it('signals a live process whose start time matches, and not one whose start time differs', async () => {
    const self = await readInitIdentity(process.pid);
    expect(self).toBeDefined();
    // Signal 0 checks that the process can be signalled without disturbing it.
    expect(await signalInit(self!, 0)).toBe(true);
    expect(await signalInit({ pid: process.pid, startTime: 'not-the-start-time' }, 0)).toBe(false);
  });
});
