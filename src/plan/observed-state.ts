/**
 * What the engine holds for a project, captured once before planning: the reconciler compares
 * this snapshot with the project and makes no engine call of its own (docker compose's
 * ObservedState). The engine client fills it (src/engine); read-observed-container.ts turns the
 * engine's list and inspect answers into `ObservedContainer`s.
 */
import type { ContainerStatus, HealthStatus, MountType } from '../../runtime/api/engine-types.js';

export interface ObservedMount {
  readonly type: MountType;
  /** The volume name, for `volume` mounts. */
  readonly name?: string;
  readonly source: string;
  readonly destination: string;
  readonly readOnly: boolean;
}

export interface ObservedContainer {
  readonly id: string;
  /** Without Docker's leading slash: `demo-web-1`. */
  readonly name: string;
  /** `com.docker.compose.project`. */
  readonly project: string;
  /** `com.docker.compose.service`. */
  readonly service: string;
  /** `com.docker.compose.container-number`; 0 when missing or unreadable. */
  readonly number: number;
  /** `com.docker.compose.oneoff` is `True`: a `run` container, never one of the service's replicas. */
  readonly oneoff: boolean;
  /** `com.docker.compose.config-hash`; empty when missing. */
  readonly configHash: string;
  /** `com.docker.compose.image`: the image id the container was created from, as compose recorded it. */
  readonly imageLabel?: string;
  /** The image id the engine reports. */
  readonly imageId: string;
  readonly state: ContainerStatus;
  /** Absent when the container has no healthcheck. */
  readonly health?: HealthStatus;
  /** Known once the container has exited. */
  readonly exitCode?: number;
  /** Unix seconds: orders replicas with the same number, as docker compose does. */
  readonly created: number;
  /** Networks the container is connected to: engine network name → network id. */
  readonly networks: Readonly<Record<string, string>>;
  readonly mounts: readonly ObservedMount[];
  readonly labels: Readonly<Record<string, string>>;
}

export interface ObservedNetwork {
  readonly id: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ObservedVolume {
  readonly name: string;
  readonly driver: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ObservedState {
  /** Every container labelled with the project's name, one-off and orphaned ones included. */
  readonly containers: readonly ObservedContainer[];
  /**
   * Networks labelled with the project, and any network whose name is one the project declares
   * (external ones included): a name clash with a network compose did not create is reported.
   */
  readonly networks: readonly ObservedNetwork[];
  /** Volumes, found the same way as networks. */
  readonly volumes: readonly ObservedVolume[];
  /**
   * Image reference (as the service names it) → local image id (`sha256:…`). A service whose image
   * is listed gets recreated when its container was created from another image; a service whose
   * image is missing here is not compared (pull before observing).
   */
  readonly images: Readonly<Record<string, string>>;
}

/** An empty engine: what a first `up` sees. */
export const NOTHING_OBSERVED: ObservedState = { containers: [], networks: [], volumes: [], images: {} };
