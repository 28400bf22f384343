/**
 * The human `Status` column of `docker ps` (`Up 5 seconds (healthy)`, `Exited (0) 2 minutes ago`,
 * `Restarting (1) 3 seconds ago`, `Created`), with Docker's duration words (go-units
 * `HumanDuration`). Pure: the clock comes in.
 */
import type { ContainerState } from '../api/engine-types.js';

export function statusText(state: ContainerState, nowMs: number): string {
  switch (state.Status) {
    case 'running': {
      const health =
        state.Health && state.Health.Status !== 'none' ? ` (${healthWord(state.Health.Status)})` : '';
      return `Up ${humanDuration(nowMs - Date.parse(state.StartedAt))}${health}`;
    }
    case 'restarting':
      return `Restarting (${state.ExitCode}) ${humanDuration(nowMs - Date.parse(state.FinishedAt))} ago`;
    case 'exited':
      return `Exited (${state.ExitCode}) ${humanDuration(nowMs - Date.parse(state.FinishedAt))} ago`;
    case 'created':
      return 'Created';
    case 'paused':
      return `Up ${humanDuration(nowMs - Date.parse(state.StartedAt))} (Paused)`;
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    default: {
      const unknown: never = state.Status;
      return String(unknown);
    }
  }
}

function healthWord(status: string): string {
  return status === 'starting' ? 'health: starting' : status;
}

export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(Math.floor(ms / 3_600_000) / 24 / 365)} years`;
}
