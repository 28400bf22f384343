/**
 * What the command line tells the reconciler, as data with one meaning per field (docker
 * compose's ReconcileOptions plus the flags `up` and `create` apply before reconciling).
 */
import type { SelectionPolicy } from '../graph/select-services.js';

/** `diverged`: recreate what changed (default); `force`: `--force-recreate`; `never`: `--no-recreate`. */
export type RecreatePolicy = 'diverged' | 'force' | 'never';

/** `remove`: `--remove-orphans`; `warn`: the default; `ignore`: `COMPOSE_IGNORE_ORPHANS=true`. */
export type OrphanPolicy = 'remove' | 'warn' | 'ignore';

/** `up` converges and starts the containers; `create` only converges them (`tscompose create`). */
export type ReconcileGoal = 'up' | 'create';

export interface ReconcileOptions {
  /** tscompose's version, written in the labels of the networks and volumes the plan creates. */
  readonly version: string;
  readonly goal?: ReconcileGoal;
  /** Services named on the command line (already matched against the project); empty: all. */
  readonly services?: readonly string[];
  /** `with-dependencies` (default) or `only-named` (`--no-deps`). */
  readonly selection?: Extract<SelectionPolicy, 'with-dependencies' | 'only-named'>;
  /** For the named services (all of them when none is named). */
  readonly recreate?: RecreatePolicy;
  /** For services acting only as dependencies of the named ones (`--always-recreate-deps`: force). */
  readonly recreateDependencies?: RecreatePolicy;
  readonly orphans?: OrphanPolicy;
  /** `--scale web=3`: overrides `scale` and `deploy.replicas`. */
  readonly scale?: Readonly<Record<string, number>>;
  /** `-t`: seconds before a stop kills; unset uses each container's own stop timeout. */
  readonly stopTimeout?: number;
  /**
   * Services the compose file declares but profiles left out: their containers are not orphans
   * (docker compose's DisabledServices).
   */
  readonly disabledServices?: readonly string[];
  /**
   * Volumes (by key) whose configuration changed and that the user agreed to recreate, losing
   * their data. Others that changed are kept, with a warning (see divergedVolumes to ask first).
   */
  readonly recreateVolumes?: readonly string[];
}
