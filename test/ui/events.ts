// Event builders for UI tests: a time and a resource, the rest given per case.
import type { EventResource, ProgressEvent } from '../../src/ui/progress-event.js';

export const web1: EventResource = { type: 'container', name: 'demo-web-1', service: 'web' };
export const web2: EventResource = { type: 'container', name: 'demo-web-2', service: 'web' };
export const db1: EventResource = { type: 'container', name: 'demo-db-1', service: 'db' };
export const webImage: EventResource = { type: 'image', name: 'nginx:1.27', service: 'web' };
export const network: EventResource = { type: 'network', name: 'demo_default' };
export const volume: EventResource = { type: 'volume', name: 'demo_data' };

type Body = ProgressEvent extends infer E
  ? E extends ProgressEvent
    ? Omit<E, 'time' | 'resource'>
    : never
  : never;

export function at(time: number, resource: EventResource, body: Body): ProgressEvent {
  return { time, resource, ...body } as ProgressEvent;
}
