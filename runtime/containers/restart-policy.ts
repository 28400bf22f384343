/**
 * Whether a container that exited on its own is started again, and after how long: Docker's
 * restart manager (moby `restartmanager/restartmanager.go`) as a pure function.
 *
 * - `no` (or empty): never; `always`: always; `unless-stopped`: always, unless the user stopped it;
 *   `on-failure[:N]`: on a non-zero exit code, at most N times (0 = no limit).
 * - A container the user stopped or killed is never restarted by its policy.
 * - The delay starts at 100 ms and doubles on each restart, up to one minute; a run of 10 seconds
 *   or more resets it, so a crash loop backs off and a long-lived service restarts at once.
 */
import type { RestartPolicy } from '../api/engine-types.js';

export const FIRST_RESTART_DELAY_MS = 100;
export const MAX_RESTART_DELAY_MS = 60_000;
const RESET_AFTER_RUN_MS = 10_000;

export interface RestartInput {
  policy: RestartPolicy | undefined;
  exitCode: number;
  /** Restarts so far (`RestartCount`). */
  restartCount: number;
  manuallyStopped: boolean;
  /** How long the run that just ended lasted. */
  runMs: number;
  /** The delay used for the previous restart; 0 when there was none. */
  previousDelayMs: number;
}

export type RestartDecision = { restart: false } | { restart: true; delayMs: number };

export function decideRestart(input: RestartInput): RestartDecision {
  if (input.manuallyStopped) return { restart: false };
  const name = input.policy?.Name ?? '';
  const max = input.policy?.MaximumRetryCount ?? 0;
  let restart: boolean;
  switch (name) {
    case 'always':
    case 'unless-stopped':
      restart = true;
      break;
    case 'on-failure':
      restart = input.exitCode !== 0 && (max === 0 || input.restartCount < max);
      break;
    case '':
    case 'no':
      restart = false;
      break;
    default: {
      const unknown: never = name;
      throw new Error(`unknown restart policy ${String(unknown)}`);
    }
  }
  if (!restart) return { restart: false };
  return { restart: true, delayMs: nextDelay(input.previousDelayMs, input.runMs) };
}

function nextDelay(previous: number, runMs: number): number {
  if (previous === 0 || runMs >= RESET_AFTER_RUN_MS) return FIRST_RESTART_DELAY_MS;
  return Math.min(previous * 2, MAX_RESTART_DELAY_MS);
}

/** `on-failure:3` → `{Name: 'on-failure', MaximumRetryCount: 3}`; for callers holding compose's text form. */
export function parseRestartPolicy(text: string): RestartPolicy {
  const [name = '', count] = text.split(':');
  if (!['', 'no', 'always', 'unless-stopped', 'on-failure'].includes(name))
    throw new Error(`invalid restart policy: ${text}`);
  if (count !== undefined && (name !== 'on-failure' || !/^\d+$/.test(count)))
    throw new Error(`invalid restart policy: ${text}`);
  return { Name: name as RestartPolicy['Name'], MaximumRetryCount: count === undefined ? 0 : Number(count) };
}
