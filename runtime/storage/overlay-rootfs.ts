/**
 * A container's root file system: the image's unpacked layers (read-only, lowest first) under a
 * per-container upper folder, merged with native overlayfs or with fuse-overlayfs. The driver is
 * chosen once by the host probes (`detectStorageDriver`) and passed in; this module does not guess.
 *
 * Native overlay takes its options in one page (4096 bytes), which a deep image under a long data
 * folder can exceed, so lower folders are named through short symlinks (`l/0`, `l/1`…) and the
 * mount runs with the container folder as its working directory, as podman's `l/` links do.
 * fuse-overlayfs parses its own options and gets the absolute paths.
 *
 * Both mounts are made in the engine's mount namespace (the pause process's), so they outlive the
 * engine; mount and unmount check the mount table first and can be repeated. It runs as uid 0
 * inside the user namespace: it does not work, and is not meant to, from the host side.
 */
import { mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { StorageDriver } from '../host/probe-overlay-mount.js';
import { describeFailure } from './command-failure.js';
import { isMountPoint } from './mount-table.js';
import { runProgramOrFail } from './run-program.js';

export type { StorageDriver };

export interface RootfsLayout {
  /** The folder holding the rest; the working directory of the native mount. */
  dir: string;
  upper: string;
  work: string;
  merged: string;
  links: string;
  /** The lower folder of an image without layers (overlay needs at least one). */
  empty: string;
}

export function rootfsLayout(dir: string): RootfsLayout {
  return {
    dir,
    upper: join(dir, 'upper'),
    work: join(dir, 'work'),
    merged: join(dir, 'merged'),
    links: join(dir, 'l'),
    empty: join(dir, 'empty'),
  };
}

/** The command that mounts the rootfs: pure, so the option strings can be table-tested. */
export function overlayMountCommand(
  layout: RootfsLayout,
  layerDirs: readonly string[],
  driver: StorageDriver,
): { file: string; args: string[]; cwd: string } {
  for (const path of [...layerDirs, layout.dir]) {
    if (/[,:]/.test(path))
      throw new Error(
        `storage path ${JSON.stringify(path)} contains "," or ":", which overlay options cannot carry`,
      );
  }
  if (driver === 'overlay') {
    // Topmost first, as overlay wants; relative to `cwd` through the short links.
    const lower = layerDirs.length === 0 ? ['empty'] : layerDirs.map((_, index) => `l/${index}`).reverse();
    const options = `lowerdir=${lower.join(':')},upperdir=upper,workdir=work`;
    return {
      file: 'mount',
      args: ['-t', 'overlay', 'overlay', '-o', options, layout.merged],
      cwd: layout.dir,
    };
  }
  const lower = layerDirs.length === 0 ? [layout.empty] : [...layerDirs].reverse();
  const options = `lowerdir=${lower.join(':')},upperdir=${layout.upper},workdir=${layout.work}`;
  return { file: 'fuse-overlayfs', args: ['-o', options, layout.merged], cwd: layout.dir };
}

/** Mounts the rootfs unless it is mounted already; creates the folders it needs. */
export async function mountRootfs(
  layout: RootfsLayout,
  layerDirs: readonly string[],
  driver: StorageDriver,
): Promise<void> {
  if (await isMountPoint(layout.merged)) return;
  for (const path of [layout.upper, layout.work, layout.merged, layout.empty])
    await mkdir(path, { recursive: true });
  await writeLinks(layout.links, layerDirs);
  const command = overlayMountCommand(layout, layerDirs, driver);
  try {
    await runProgramOrFail(command.file, command.args, { cwd: command.cwd });
  } catch (cause) {
    throw new Error(`cannot mount the container's rootfs with ${driver}: ${describeFailure(cause)}`, {
      cause,
    });
  }
}

/** Unmounts the rootfs if it is mounted; a busy mount is detached lazily rather than left behind. */
export async function unmountRootfs(layout: RootfsLayout): Promise<void> {
  if (!(await isMountPoint(layout.merged))) return;
  try {
    await runProgramOrFail('umount', [layout.merged]);
  } catch (error) {
    // EBUSY: a process (an exec, a shell cd'ed into the rootfs) still holds it; detach now,
    // the kernel frees it when the last user goes.
    if (!(await isMountPoint(layout.merged))) return;
    try {
      await runProgramOrFail('umount', ['-l', layout.merged]);
    } catch (cause) {
      throw new Error(`cannot unmount ${layout.merged}: ${describeFailure(error)}`, { cause });
    }
  }
}

async function writeLinks(dir: string, layerDirs: readonly string[]): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await Promise.all(layerDirs.map((layer, index) => symlink(layer, join(dir, String(index)))));
}
