/** checkStorageDriver: native overlay, the fuse-overlayfs fallback, neither, and forced drivers. */
import { describe, expect, it } from 'vitest';
import { checkStorageDriver } from '../../../../runtime/host/doctor/check-storage-driver.js';
import type { MountProbe } from '../../../../runtime/host/probe-overlay-mount.js';

const mounts: MountProbe = { kind: 'mounted' };
const fails: MountProbe = { kind: 'failed', error: 'permission denied' };

describe('checkStorageDriver', () => {
  it.each([
    {
      name: 'both mount: native',
      forced: undefined,
      native: mounts,
      fuse: mounts,
      expected: { status: 'ok', detail: 'overlay (native overlay: mounts; fuse-overlayfs: mounts)' },
    },
    {
      name: 'only fuse mounts: a warning',
      forced: undefined,
      native: fails,
      fuse: mounts,
      expected: {
        status: 'warn',
        detail:
          'fuse-overlayfs, slower than native overlay (native overlay: fails: permission denied; fuse-overlayfs: mounts)',
      },
    },
    {
      name: 'neither mounts',
      forced: undefined,
      native: fails,
      fuse: fails,
      expected: { status: 'fail', fix: expect.stringContaining('fuse-overlayfs') },
    },
    {
      name: 'fuse forced and mounting',
      forced: 'fuse-overlayfs',
      native: mounts,
      fuse: mounts,
      expected: { status: 'ok', detail: expect.stringMatching(/^fuse-overlayfs, forced/) },
    },
    {
      name: 'overlay forced but failing',
      forced: 'overlay',
      native: fails,
      fuse: mounts,
      expected: { status: 'fail', fix: 'unset TSCOMPOSE_STORAGE_DRIVER' },
    },
    {
      name: 'forced to nonsense',
      forced: 'vfs',
      native: mounts,
      fuse: mounts,
      expected: { status: 'fail', fix: 'unset TSCOMPOSE_STORAGE_DRIVER' },
    },
  ])('$name', ({ forced, native, fuse, expected }) => {
    expect(checkStorageDriver({ forced, native, fuse })).toMatchObject({
      name: 'storage driver',
      ...expected,
    });
  });
});
