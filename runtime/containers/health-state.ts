/**
 * Healthcheck rules as Docker applies them (moby `daemon/health.go`), pure: which command a
 * `Healthcheck.Test` runs, the defaults for its durations, how one probe result moves `Health`
 * (healthy on exit 0; a failure counts towards `Retries` unless the container is still `starting`
 * inside its start period), how many results are kept (5) and how much output (4096 bytes), and
 * when the next probe runs (`StartInterval` during the start period, `Interval` after).
 *
 * The monitor that runs probes and the clock live in `health-monitor.ts`.
 */
import type { Health, HealthcheckResult, HealthConfig } from '../api/engine-types.js';
import { badRequest } from '../status-error.js';

const SECOND_NS = 1_000_000_000;
export const DEFAULT_INTERVAL_NS = 30 * SECOND_NS;
export const DEFAULT_TIMEOUT_NS = 30 * SECOND_NS;
export const DEFAULT_START_INTERVAL_NS = 5 * SECOND_NS;
export const DEFAULT_RETRIES = 3;
export const MAX_LOG_ENTRIES = 5;
export const MAX_OUTPUT_BYTES = 4096;

export interface HealthSettings {
  /** The argv run inside the container. */
  command: string[];
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
  startIntervalMs: number;
}

/** `undefined` when the container has no healthcheck (none set, `[]`, or `["NONE"]`). */
export function healthSettings(config: HealthConfig | undefined): HealthSettings | undefined {
  const test = config?.Test;
  if (!config || !test || test.length === 0) return undefined;
  const [kind, ...rest] = test;
  let command: string[];
  if (kind === 'NONE') return undefined;
  if (kind === 'CMD') command = rest;
  else if (kind === 'CMD-SHELL') command = ['/bin/sh', '-c', rest.join(' ')];
  else throw badRequest(`unknown healthcheck type "${kind}" (expected CMD, CMD-SHELL or NONE)`);
  if (command.length === 0) throw badRequest('healthcheck test has no command');
  return {
    command,
    intervalMs: nsToMs(config.Interval || DEFAULT_INTERVAL_NS),
    timeoutMs: nsToMs(config.Timeout || DEFAULT_TIMEOUT_NS),
    retries: config.Retries || DEFAULT_RETRIES,
    startPeriodMs: nsToMs(config.StartPeriod || 0),
    startIntervalMs: nsToMs(config.StartInterval || DEFAULT_START_INTERVAL_NS),
  };
}

export function initialHealth(): Health {
  return { Status: 'starting', FailingStreak: 0, Log: [] };
}

/** The health after one probe; `startedAt` is when the container started (ms since the epoch). */
export function applyProbeResult(
  health: Health,
  result: HealthcheckResult,
  settings: HealthSettings,
  startedAtMs: number,
): Health {
  const log = [...health.Log, truncateOutput(result)].slice(-MAX_LOG_ENTRIES);
  if (result.ExitCode === 0) return { Status: 'healthy', FailingStreak: 0, Log: log };
  const inStartPeriod =
    health.Status === 'starting' && Date.parse(result.Start) - startedAtMs < settings.startPeriodMs;
  if (inStartPeriod) return { ...health, Log: log };
  const streak = health.FailingStreak + 1;
  return {
    Status: streak >= settings.retries ? 'unhealthy' : health.Status,
    FailingStreak: streak,
    Log: log,
  };
}

/** Milliseconds until the next probe. */
export function nextProbeDelay(settings: HealthSettings, health: Health, sinceStartMs: number): number {
  const starting =
    health.Status === 'starting' && settings.startPeriodMs > 0 && sinceStartMs < settings.startPeriodMs;
  return starting ? settings.startIntervalMs : settings.intervalMs;
}

function truncateOutput(result: HealthcheckResult): HealthcheckResult {
  const bytes = Buffer.from(result.Output);
  if (bytes.length <= MAX_OUTPUT_BYTES) return result;
  return { ...result, Output: bytes.subarray(0, MAX_OUTPUT_BYTES).toString() };
}

function nsToMs(ns: number): number {
  return Math.round(ns / 1_000_000);
}
