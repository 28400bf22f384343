/**
 * A service's `healthcheck` as the Engine API's HealthConfig: durations in nanoseconds, `disable`
 * as `["NONE"]`, and durations left unset as 0, which the engine reads as "the image's, else
 * Docker's default" (docker compose's ToMobyHealthCheck).
 */
import type { HealthCheckConfig } from '../compose/project.js';
import { parseDuration } from '../compose/parse-duration.js';
import type { HealthConfig } from '../../runtime/api/engine-types.js';

export function healthConfig(check: HealthCheckConfig | undefined): HealthConfig | undefined {
  if (!check) return undefined;
  if (check.start_interval !== undefined && check.start_period === undefined) {
    // Docker's engine would silently ignore it (moby/moby#48874); docker compose refuses it.
    throw new Error('healthcheck.start_interval requires healthcheck.start_period to be set');
  }
  const config: HealthConfig = { Test: check.disable ? ['NONE'] : [...(check.test ?? [])] };
  const interval = nanoseconds(check.interval);
  const timeout = nanoseconds(check.timeout);
  const startPeriod = nanoseconds(check.start_period);
  const startInterval = nanoseconds(check.start_interval);
  if (interval) config.Interval = interval;
  if (timeout) config.Timeout = timeout;
  if (startPeriod) config.StartPeriod = startPeriod;
  if (startInterval) config.StartInterval = startInterval;
  if (check.retries !== undefined) config.Retries = check.retries;
  return config;
}

/** A canonical duration (`1m30s`) in nanoseconds; the loader already rejected bad ones. */
export function nanoseconds(duration: string | undefined): number | undefined {
  if (duration === undefined) return undefined;
  const result = parseDuration(duration);
  if (!result.ok) throw new Error(result.error);
  return Number(result.value);
}
