import { describe, expect, it } from 'vitest';
import type { Health, HealthcheckResult } from '../../../runtime/api/engine-types.js';
import {
  applyProbeResult,
  healthSettings,
  initialHealth,
  nextProbeDelay,
  type HealthSettings,
} from '../../../runtime/containers/health-state.js';

const STARTED = Date.parse('2024-05-01T10:00:00Z');
const settings: HealthSettings = {
  command: ['true'],
  intervalMs: 1000,
  timeoutMs: 1000,
  retries: 3,
  startPeriodMs: 0,
  startIntervalMs: 5000,
};
const result = (exitCode: number, atSeconds = 60): HealthcheckResult => {
  const start = new Date(STARTED + atSeconds * 1000).toISOString();
  return { Start: start, End: start, ExitCode: exitCode, Output: `exit ${exitCode}` };
};
const run = (codes: number[], options: Partial<HealthSettings> = {}, times?: number[]): Health =>
  codes.reduce(
    (health, code, index) =>
      applyProbeResult(health, result(code, times?.[index]), { ...settings, ...options }, STARTED),
    initialHealth(),
  );

describe('healthSettings', () => {
  it.each([
    { name: 'no healthcheck', config: undefined, expected: undefined },
    { name: 'empty test', config: { Test: [] }, expected: undefined },
    { name: 'NONE', config: { Test: ['NONE'] }, expected: undefined },
    {
      name: 'CMD with Docker defaults',
      config: { Test: ['CMD', 'curl', '-f', 'x'] },
      expected: {
        command: ['curl', '-f', 'x'],
        intervalMs: 30_000,
        timeoutMs: 30_000,
        retries: 3,
        startPeriodMs: 0,
        startIntervalMs: 5000,
      },
    },
    {
      name: 'CMD-SHELL runs /bin/sh -c',
      config: { Test: ['CMD-SHELL', 'exit 1'], Interval: 2e9, Retries: 5 },
      expected: { command: ['/bin/sh', '-c', 'exit 1'], intervalMs: 2000, retries: 5 },
    },
  ])('$name', ({ config, expected }) => {
    const value = healthSettings(config);
    if (expected === undefined) expect(value).toBeUndefined();
    else expect(value).toMatchObject(expected);
  });

  it('refuses an unknown test kind (400)', () => {
    expect(() => healthSettings({ Test: ['RUN', 'x'] })).toThrow(
      expect.objectContaining({ statusCode: 400 }),
    );
  });
});

describe('applyProbeResult: health state transitions', () => {
  it.each([
    { name: 'success is healthy', codes: [0], expected: { Status: 'healthy', FailingStreak: 0 } },
    { name: 'one failure is still starting', codes: [1], expected: { Status: 'starting', FailingStreak: 1 } },
    {
      name: 'retries failures make it unhealthy',
      codes: [1, 1, 1],
      expected: { Status: 'unhealthy', FailingStreak: 3 },
    },
    {
      name: 'healthy stays healthy below retries',
      codes: [0, 1, 1],
      expected: { Status: 'healthy', FailingStreak: 2 },
    },
    {
      name: 'a success resets the streak',
      codes: [1, 1, 1, 0],
      expected: { Status: 'healthy', FailingStreak: 0 },
    },
    { name: 'a timeout (-1) is a failure', codes: [-1, -1, -1], expected: { Status: 'unhealthy' } },
  ])('$name', ({ codes, expected }) => {
    expect(run(codes)).toMatchObject(expected);
  });

  it('failures inside the start period do not count while starting', () => {
    expect(run([1, 1, 1], { startPeriodMs: 10_000 }, [1, 2, 3])).toMatchObject({
      Status: 'starting',
      FailingStreak: 0,
    });
    expect(run([1, 1, 1], { startPeriodMs: 10_000 }, [11, 12, 13])).toMatchObject({
      Status: 'unhealthy',
      FailingStreak: 3,
    });
  });

  it('keeps the last five results and 4096 bytes of output', () => {
    const health = run([1, 1, 1, 1, 1, 1, 0]);
    expect(health.Log).toHaveLength(5);
    expect(health.Log.at(-1)?.ExitCode).toBe(0);
    const long = applyProbeResult(
      initialHealth(),
      { ...result(0), Output: 'x'.repeat(5000) },
      settings,
      STARTED,
    );
    expect(long.Log[0]?.Output).toHaveLength(4096);
  });
});

describe('nextProbeDelay', () => {
  it('StartInterval during the start period while starting, Interval after', () => {
    const custom = { ...settings, startPeriodMs: 10_000, startIntervalMs: 200 };
    expect(nextProbeDelay(custom, initialHealth(), 1000)).toBe(200);
    expect(nextProbeDelay(custom, initialHealth(), 20_000)).toBe(1000);
    expect(nextProbeDelay(custom, { ...initialHealth(), Status: 'healthy' }, 1000)).toBe(1000);
    expect(nextProbeDelay(settings, initialHealth(), 0)).toBe(1000);
  });
});
