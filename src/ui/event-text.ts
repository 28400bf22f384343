/**
 * The words every reporter uses for an event: docker compose's status words (`Started`,
 * `Healthy` …), a resource label (`Container demo-web-1`), details (`for db to be healthy`,
 * `with code 1`) and whether the event means working, done, a warning or an error.
 */
import type { EventResource, ProgressEvent } from './progress-event.js';

export type EventStatus = 'working' | 'done' | 'warning' | 'error';

export function statusText(event: ProgressEvent): string {
  switch (event.kind) {
    case 'pulling':
      return 'Pulling';
    case 'pulled':
      return 'Pulled';
    case 'creating':
      return 'Creating';
    case 'created':
      return 'Created';
    case 'recreating':
      return 'Recreate';
    case 'recreated':
      return 'Recreated';
    case 'starting':
      return 'Starting';
    case 'started':
      return 'Started';
    case 'running':
      return 'Running';
    case 'waiting':
      return 'Waiting';
    case 'healthy':
      return 'Healthy';
    case 'unhealthy':
      return 'Unhealthy';
    case 'exited':
      return 'Exited';
    case 'stopping':
      return 'Stopping';
    case 'stopped':
      return 'Stopped';
    case 'removing':
      return 'Removing';
    case 'removed':
      return 'Removed';
    case 'killing':
      return 'Killing';
    case 'killed':
      return 'Killed';
    case 'restarting':
      return 'Restarting';
    case 'error':
      return 'Error';
    case 'warning':
      return 'Warning';
    default:
      return assertNever(event);
  }
}

export function eventDetails(event: ProgressEvent): string {
  switch (event.kind) {
    case 'waiting':
      return `for ${event.dependency}${conditionText(event.condition)}`;
    case 'exited':
      return `with code ${event.code}`;
    case 'error':
    case 'warning':
      return event.message;
    default:
      return '';
  }
}

export function eventStatus(event: ProgressEvent): EventStatus {
  switch (event.kind) {
    case 'pulling':
    case 'creating':
    case 'recreating':
    case 'starting':
    case 'waiting':
    case 'stopping':
    case 'removing':
    case 'killing':
    case 'restarting':
      return 'working';
    case 'pulled':
    case 'created':
    case 'recreated':
    case 'started':
    case 'running':
    case 'healthy':
    case 'stopped':
    case 'removed':
    case 'killed':
      return 'done';
    case 'exited':
      return event.code === 0 ? 'done' : 'error';
    case 'unhealthy':
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    default:
      return assertNever(event);
  }
}

/** `Container demo-web-1`, `Network demo_default`, `Volume demo_data`, `Image busybox`. */
export function resourceLabel(resource: EventResource): string {
  const type = resource.type.charAt(0).toUpperCase() + resource.type.slice(1);
  return `${type} ${resource.name}`;
}

function conditionText(condition: string | undefined): string {
  switch (condition) {
    case 'service_healthy':
      return ' to be healthy';
    case 'service_completed_successfully':
      return ' to complete';
    case 'service_started':
      return ' to start';
    default:
      return '';
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected progress event: ${JSON.stringify(value)}`);
}
