/**
 * What the executor, `pull` and `watch` say while they work: one union of events, each about one
 * resource (a container, network, volume or image) at a time the sender read from its clock. The
 * reporters render them; nothing that sends them knows how they will be shown (docker compose's
 * api.Resource events, with the status word replaced by a kind and its data typed).
 */

export type ResourceType = 'container' | 'network' | 'volume' | 'image';

export interface EventResource {
  readonly type: ResourceType;
  /** The engine's name: `demo-web-1`, `demo_default`, `busybox:latest`. */
  readonly name: string;
  /** The service it belongs to: containers, and images pulled or built for a service. */
  readonly service?: string;
}

interface EventBase {
  /** Milliseconds since the epoch, from the sender's clock: elapsed times come from these. */
  readonly time: number;
  readonly resource: EventResource;
}

export type ProgressEvent = EventBase &
  (
    | {
        readonly kind: 'pulling';
        /** The layer this progress is about (its short id); absent for the start of the pull. */
        readonly layer?: string;
        /** Bytes of the layer downloaded so far, and in all. */
        readonly current?: number;
        readonly total?: number;
      }
    | { readonly kind: 'pulled' }
    | { readonly kind: 'creating' | 'created' | 'recreating' | 'recreated' }
    | { readonly kind: 'starting' | 'started' | 'running' | 'healthy' | 'unhealthy' }
    | {
        readonly kind: 'waiting';
        /** The service this one waits for. */
        readonly dependency: string;
        readonly condition?: 'service_started' | 'service_healthy' | 'service_completed_successfully';
      }
    | { readonly kind: 'exited'; readonly code: number }
    | { readonly kind: 'stopping' | 'stopped' | 'removing' | 'removed' }
    | { readonly kind: 'killing' | 'killed' | 'restarting' }
    | { readonly kind: 'error' | 'warning'; readonly message: string }
  );

export type ProgressEventKind = ProgressEvent['kind'];
