/**
 * The steps of a plan. Each operation is one engine call (or one wait-then-call, for starts) and
 * carries the reason it is needed, so `--dry-run`, the board and the golden tests can all say why.
 * The executor switches over `kind` and holds no decision logic: every choice (recreate or keep,
 * which replica goes, what waits for what) was made by the reconciler.
 */
import type { Mapping, NetworkConfig, ServiceDependency, VolumeConfig } from '../compose/project.js';
import type { ObservedContainer } from './observed-state.js';

/** A condition a service's starts wait for, checked against the live engine by the executor. */
export interface DependencyWait {
  readonly service: string;
  /** `service_started` is not listed: the plan's edges already start dependencies first. */
  readonly condition: Exclude<ServiceDependency['condition'], 'service_started'>;
  /** When false, a dependency that fails or has no container is a warning, not an error. */
  readonly required: boolean;
}

/** The container a start refers to: one that exists, or the one a create node of this plan makes. */
export type StartTarget =
  | { readonly kind: 'existing'; readonly container: ObservedContainer }
  | { readonly kind: 'created'; readonly node: number };

export type Operation =
  | {
      readonly kind: 'create-network';
      readonly key: string;
      readonly name: string;
      readonly network: NetworkConfig;
      /** Labels to create it with, compose's own included. */
      readonly labels: Mapping;
      readonly reason: string;
    }
  | { readonly kind: 'remove-network'; readonly key: string; readonly name: string; readonly reason: string }
  | {
      readonly kind: 'disconnect-network' | 'connect-network';
      readonly key: string;
      /** The engine's name of the network. */
      readonly network: string;
      readonly service: string;
      readonly number: number;
      readonly container: ObservedContainer;
      readonly reason: string;
    }
  | {
      readonly kind: 'create-volume';
      readonly key: string;
      readonly name: string;
      readonly volume: VolumeConfig;
      readonly labels: Mapping;
      readonly reason: string;
    }
  | { readonly kind: 'remove-volume'; readonly key: string; readonly name: string; readonly reason: string }
  | {
      readonly kind: 'create-container';
      readonly service: string;
      readonly number: number;
      /** The name to create it under: a temporary one when it replaces a container (renamed later). */
      readonly name: string;
      /** The container this one replaces: its anonymous volumes are inherited. */
      readonly replaces?: ObservedContainer;
      readonly reason: string;
    }
  | {
      readonly kind: 'rename-container';
      readonly service: string;
      readonly number: number;
      /** The final name. */
      readonly name: string;
      /** The create node whose container gets the name. */
      readonly created: number;
      readonly reason: string;
    }
  | {
      readonly kind: 'start-container';
      readonly service: string;
      readonly number: number;
      readonly name: string;
      readonly target: StartTarget;
      /** Conditions on other services to wait for before starting (the same for all of a service's starts). */
      readonly waitFor: readonly DependencyWait[];
      readonly reason: string;
    }
  | {
      readonly kind: 'stop-container' | 'remove-container';
      /** The container's service label (for an orphan, a service the project no longer has). */
      readonly service: string;
      readonly number: number;
      readonly container: ObservedContainer;
      /** Seconds before SIGKILL (`-t`); unset means the container's own stop timeout. */
      readonly timeout?: number;
      readonly reason: string;
    };

export type OperationKind = Operation['kind'];

/** The resource an operation acts on, as plans print it: `network:default`, `service:web:1`. */
export function resourceOf(operation: Operation): string {
  switch (operation.kind) {
    case 'create-network':
    case 'remove-network':
      return `network:${operation.key}`;
    case 'create-volume':
    case 'remove-volume':
      return `volume:${operation.key}`;
    case 'disconnect-network':
    case 'connect-network':
    case 'create-container':
    case 'rename-container':
    case 'start-container':
    case 'stop-container':
    case 'remove-container':
      return `service:${operation.service}:${operation.number}`;
    default:
      return assertNever(operation);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected operation: ${JSON.stringify(value)}`);
}
