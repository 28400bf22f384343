/**
 * Decides the storage driver from what is known, before and after probing. Pure: the forced
 * value (`TSCOMPOSE_STORAGE_DRIVER`), the remembered answer and the probe outcomes come in.
 *
 * A remembered answer is trusted only for the kernel that gave it: native overlay in a user
 * namespace depends on the kernel version and its configuration, so a new kernel probes again.
 */
import { STORAGE_DRIVERS, type MountProbe, type StorageDriver } from './probe-overlay-mount.js';

export interface RememberedDriver {
  readonly driver: StorageDriver;
  /** `uname -r` when the probe ran. */
  readonly kernel: string;
}

export type StorageDecision =
  | { kind: 'use'; driver: StorageDriver; source: 'forced' | 'remembered' }
  | { kind: 'probe' }
  | { kind: 'invalid'; message: string };

export function decideBeforeProbing(facts: {
  forced: string | undefined;
  remembered: RememberedDriver | undefined;
  kernel: string;
}): StorageDecision {
  const forced = parseForcedDriver(facts.forced);
  if (forced.kind === 'invalid') return forced;
  if (forced.kind === 'forced') return { kind: 'use', driver: forced.driver, source: 'forced' };
  if (facts.remembered?.kernel === facts.kernel) {
    return { kind: 'use', driver: facts.remembered.driver, source: 'remembered' };
  }
  return { kind: 'probe' };
}

export type ForcedDriver =
  { kind: 'unset' } | { kind: 'forced'; driver: StorageDriver } | { kind: 'invalid'; message: string };

/** The value of TSCOMPOSE_STORAGE_DRIVER, checked. */
export function parseForcedDriver(forced: string | undefined): ForcedDriver {
  if (forced === undefined || forced === '') return { kind: 'unset' };
  if (!isStorageDriver(forced)) {
    return {
      kind: 'invalid',
      message: `TSCOMPOSE_STORAGE_DRIVER=${forced} is not a storage driver (overlay or fuse-overlayfs)`,
    };
  }
  return { kind: 'forced', driver: forced };
}

export type ProbedDriver = { kind: 'chosen'; driver: StorageDriver } | { kind: 'none'; message: string };

/** Native overlay when it mounted, else fuse-overlayfs when it mounted, else neither. */
export function pickProbedDriver(native: MountProbe, fuse: MountProbe | undefined): ProbedDriver {
  if (native.kind === 'mounted') return { kind: 'chosen', driver: 'overlay' };
  if (fuse?.kind === 'mounted') return { kind: 'chosen', driver: 'fuse-overlayfs' };
  const fuseError = fuse === undefined ? 'not probed' : fuse.error;
  return {
    kind: 'none',
    message: `neither overlay mounts in a user namespace: native overlay: ${native.error}; fuse-overlayfs: ${fuseError}`,
  };
}

export function isStorageDriver(name: string): name is StorageDriver {
  return (STORAGE_DRIVERS as readonly string[]).includes(name);
}

/** Pure: a remembered-answer file's text as a RememberedDriver, or undefined when it is unusable. */
export function parseRememberedDriver(text: string): RememberedDriver | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // SyntaxError: a damaged file is as good as none; the next probe rewrites it.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  const { driver, kernel } = (parsed ?? {}) as { driver?: unknown; kernel?: unknown };
  if (typeof driver !== 'string' || !isStorageDriver(driver) || typeof kernel !== 'string') return undefined;
  return { driver, kernel };
}
