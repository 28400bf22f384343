import { describe, expect, it } from 'vitest';
import {
  decideRestart,
  parseRestartPolicy,
  type RestartInput,
} from '../../../runtime/containers/restart-policy.js';

const base: RestartInput = {
  policy: { Name: 'no' },
  exitCode: 1,
  restartCount: 0,
  manuallyStopped: false,
  runMs: 500,
  previousDelayMs: 0,
};

describe('decideRestart: Docker restart policies', () => {
  it.each([
    { name: 'no', input: {}, restart: false },
    { name: 'empty name', input: { policy: { Name: '' as const } }, restart: false },
    {
      name: 'always, even on success',
      input: { policy: { Name: 'always' as const }, exitCode: 0 },
      restart: true,
    },
    { name: 'unless-stopped', input: { policy: { Name: 'unless-stopped' as const } }, restart: true },
    { name: 'on-failure with a failure', input: { policy: { Name: 'on-failure' as const } }, restart: true },
    {
      name: 'on-failure with success',
      input: { policy: { Name: 'on-failure' as const }, exitCode: 0 },
      restart: false,
    },
    {
      name: 'on-failure:3 after two restarts',
      input: { policy: { Name: 'on-failure' as const, MaximumRetryCount: 3 }, restartCount: 2 },
      restart: true,
    },
    {
      name: 'on-failure:3 after three restarts',
      input: { policy: { Name: 'on-failure' as const, MaximumRetryCount: 3 }, restartCount: 3 },
      restart: false,
    },
    {
      name: 'on-failure:0 has no limit',
      input: { policy: { Name: 'on-failure' as const, MaximumRetryCount: 0 }, restartCount: 99 },
      restart: true,
    },
    {
      name: 'always, but stopped by the user',
      input: { policy: { Name: 'always' as const }, manuallyStopped: true },
      restart: false,
    },
    {
      name: 'unless-stopped, stopped by the user',
      input: { policy: { Name: 'unless-stopped' as const }, manuallyStopped: true },
      restart: false,
    },
  ])('$name → restart: $restart', ({ input, restart }) => {
    expect(decideRestart({ ...base, ...input }).restart).toBe(restart);
  });

  it('on-failure:3 restarts exactly three times', () => {
    let restartCount = 0;
    let previousDelayMs = 0;
    for (;;) {
      const decision = decideRestart({
        ...base,
        policy: { Name: 'on-failure', MaximumRetryCount: 3 },
        restartCount,
        previousDelayMs,
      });
      if (!decision.restart) break;
      restartCount += 1;
      previousDelayMs = decision.delayMs;
    }
    expect(restartCount).toBe(3);
  });

  it.each([
    { name: 'first restart', previousDelayMs: 0, runMs: 100, delayMs: 100 },
    { name: 'doubles in a crash loop', previousDelayMs: 400, runMs: 100, delayMs: 800 },
    { name: 'caps at a minute', previousDelayMs: 40_000, runMs: 100, delayMs: 60_000 },
    { name: 'resets after a 10 s run', previousDelayMs: 40_000, runMs: 10_000, delayMs: 100 },
  ])('back-off: $name', ({ previousDelayMs, runMs, delayMs }) => {
    expect(decideRestart({ ...base, policy: { Name: 'always' }, previousDelayMs, runMs })).toEqual({
      restart: true,
      delayMs,
    });
  });
});

describe('parseRestartPolicy', () => {
  it.each([
    { text: 'no', expected: { Name: 'no', MaximumRetryCount: 0 } },
    { text: 'on-failure:3', expected: { Name: 'on-failure', MaximumRetryCount: 3 } },
    { text: 'unless-stopped', expected: { Name: 'unless-stopped', MaximumRetryCount: 0 } },
  ])('$text', ({ text, expected }) => {
    expect(parseRestartPolicy(text)).toEqual(expected);
  });

  it.each(['sometimes', 'always:3', 'on-failure:x'])('refuses %s', (text) => {
    expect(() => parseRestartPolicy(text)).toThrow(`invalid restart policy: ${text}`);
  });
});
