/**
 * Which overlay mounts in a user namespace, tried for real: native overlay is the fast one,
 * fuse-overlayfs the fallback (a FUSE daemon per container, slower on every file operation).
 * Honours TSCOMPOSE_STORAGE_DRIVER. Pure: both mount outcomes come in.
 */
import { parseForcedDriver, pickProbedDriver } from '../choose-storage-driver.js';
import type { MountProbe } from '../probe-overlay-mount.js';
import type { CheckResult } from './check-result.js';

export interface StorageFacts {
  readonly forced: string | undefined;
  readonly native: MountProbe;
  readonly fuse: MountProbe;
}

const NAME = 'storage driver';
const FUSE_FIX = 'sudo apt-get install -y fuse-overlayfs && sudo chmod 0666 /dev/fuse';

export function checkStorageDriver(facts: StorageFacts): CheckResult {
  const both = `native overlay: ${describe(facts.native)}; fuse-overlayfs: ${describe(facts.fuse)}`;
  const forced = parseForcedDriver(facts.forced);
  if (forced.kind === 'invalid') {
    return { name: NAME, status: 'fail', detail: forced.message, fix: 'unset TSCOMPOSE_STORAGE_DRIVER' };
  }
  if (forced.kind === 'forced') {
    const outcome = forced.driver === 'overlay' ? facts.native : facts.fuse;
    if (outcome.kind === 'failed') {
      return {
        name: NAME,
        status: 'fail',
        detail: `TSCOMPOSE_STORAGE_DRIVER=${forced.driver}, which does not mount (${both})`,
        fix: forced.driver === 'overlay' ? 'unset TSCOMPOSE_STORAGE_DRIVER' : FUSE_FIX,
      };
    }
    return {
      name: NAME,
      status: 'ok',
      detail: `${forced.driver}, forced by TSCOMPOSE_STORAGE_DRIVER (${both})`,
    };
  }
  const picked = pickProbedDriver(facts.native, facts.fuse);
  if (picked.kind === 'none') return { name: NAME, status: 'fail', detail: both, fix: FUSE_FIX };
  if (picked.driver === 'fuse-overlayfs') {
    return { name: NAME, status: 'warn', detail: `fuse-overlayfs, slower than native overlay (${both})` };
  }
  return { name: NAME, status: 'ok', detail: `overlay (${both})` };
}

function describe(probe: MountProbe): string {
  return probe.kind === 'mounted' ? 'mounts' : `fails: ${probe.error}`;
}
