/**
 * The storage driver for container root file systems: what `TSCOMPOSE_STORAGE_DRIVER` forces,
 * else the answer remembered in `dataDir/host/storage-driver.json` for this kernel, else a real
 * probe (native overlay first; fuse-overlayfs only when native fails), whose answer is remembered.
 * Throws when neither overlay mounts, naming both failures.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { release } from 'node:os';
import { join } from 'node:path';
import {
  decideBeforeProbing,
  parseRememberedDriver,
  pickProbedDriver,
  type RememberedDriver,
} from './choose-storage-driver.js';
import { hostStateDir, type EnginePaths } from './paths.js';
import { probeOverlayMount, type StorageDriver } from './probe-overlay-mount.js';
import { writeFileAtomicSync } from '../write-file-atomic.js';

export async function detectStorageDriver(
  paths: EnginePaths,
  env: Readonly<Record<string, string | undefined>>,
): Promise<StorageDriver> {
  const kernel = release();
  const decision = decideBeforeProbing({
    forced: env.TSCOMPOSE_STORAGE_DRIVER,
    remembered: readRemembered(paths),
    kernel,
  });
  switch (decision.kind) {
    case 'use':
      return decision.driver;
    case 'invalid':
      throw new Error(decision.message);
    case 'probe':
      break;
    default: {
      const unknownDecision: never = decision;
      throw new Error(`unhandled storage decision ${JSON.stringify(unknownDecision)}`);
    }
  }
  const dir = ensureHostStateDir(paths);
  const native = await probeOverlayMount('overlay', dir, env);
  const fuse = native.kind === 'mounted' ? undefined : await probeOverlayMount('fuse-overlayfs', dir, env);
  const picked = pickProbedDriver(native, fuse);
  if (picked.kind === 'none') throw new Error(`${picked.message} (see \`tscompose doctor\`)`);
  rememberStorageDriver(paths, { driver: picked.driver, kernel });
  return picked.driver;
}

export function rememberedDriverFile(paths: EnginePaths): string {
  return join(hostStateDir(paths), 'storage-driver.json');
}

export function readRemembered(paths: EnginePaths): RememberedDriver | undefined {
  try {
    return parseRememberedDriver(readFileSync(rememberedDriverFile(paths), 'utf8'));
  } catch (error) {
    // ENOENT: never probed on this machine.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function rememberStorageDriver(paths: EnginePaths, answer: RememberedDriver): void {
  ensureHostStateDir(paths);
  writeFileAtomicSync(rememberedDriverFile(paths), `${JSON.stringify(answer)}\n`);
}

/** dataDir/host, made on first use: the probes' scratch folders go there, on the layers' file system. */
export function ensureHostStateDir(paths: EnginePaths): string {
  const dir = hostStateDir(paths);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
