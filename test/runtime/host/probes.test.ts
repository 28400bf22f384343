/**
 * The probes against this machine, as whoever runs the tests: they must tell the truth about the
 * host, which other tools state independently (stat for the cgroup layout, the folder left empty
 * after a mount probe), and the detectors must honour their forcing variables and remember what
 * they found.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectOciRuntime } from '../../../runtime/host/detect-oci-runtime.js';
import { detectStorageDriver, rememberedDriverFile } from '../../../runtime/host/detect-storage-driver.js';
import { probeDevice } from '../../../runtime/host/doctor/probe-devices.js';
import { runDoctor } from '../../../runtime/host/doctor/run-doctor.js';
import { findProgram } from '../../../runtime/host/find-program.js';
import { enginePaths } from '../../../runtime/host/paths.js';
import { probeCgroupMode } from '../../../runtime/host/probe-cgroup-mode.js';
import { probeOverlayMount } from '../../../runtime/host/probe-overlay-mount.js';

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsc-probe-'));
  scratch.push(dir);
  return dir;
}
function tempPaths() {
  return enginePaths(
    { XDG_DATA_HOME: tempDir(), XDG_RUNTIME_DIR: tempDir() },
    process.getuid?.() ?? 0,
    '/nonexistent',
  );
}

describe('probeCgroupMode', () => {
  it('agrees with stat about the file systems at /sys/fs/cgroup', () => {
    const fsType = (path: string) => {
      try {
        return execFileSync('stat', ['-f', '-c', '%T', path], { encoding: 'utf8', stdio: 'pipe' }).trim();
      } catch (error) {
        // stat exits 1 for a path that does not exist (no unified/ tree).
        if ((error as { status?: number }).status === 1) return 'missing';
        throw error;
      }
    };
    const root = fsType('/sys/fs/cgroup');
    const unified = fsType('/sys/fs/cgroup/unified');
    const expected =
      root === 'cgroup2fs'
        ? 'unified'
        : root === 'tmpfs'
          ? unified === 'cgroup2fs'
            ? 'hybrid'
            : 'legacy'
          : 'none';
    expect(probeCgroupMode()).toBe(expected);
  });
});

describe('probeOverlayMount', () => {
  it.each(['overlay', 'fuse-overlayfs'] as const)(
    'mounts %s for real, or says why not, and leaves nothing behind',
    async (driver) => {
      const parent = tempDir();
      const probe = await probeOverlayMount(driver, parent);
      if (probe.kind === 'failed') expect(probe.error).not.toBe('');
      expect(readdirSync(parent)).toEqual([]);
    },
  );

  it('fails, with the reason, when the mounter is missing', async () => {
    // The sbin folders are searched too, but unshare and fuse-overlayfs live in /usr/bin.
    const probe = await probeOverlayMount('fuse-overlayfs', tempDir(), { PATH: '/nonexistent' });
    expect(probe).toMatchObject({ kind: 'failed', error: expect.stringMatching(/ is not installed$/) });
  });
});

describe('detectStorageDriver', () => {
  it('probes once, remembers the answer for this kernel, and reuses it', async () => {
    const paths = tempPaths();
    const driver = await detectStorageDriver(paths, {});
    expect(JSON.parse(readFileSync(rememberedDriverFile(paths), 'utf8'))).toEqual({
      driver,
      kernel: release(),
    });
    expect(await detectStorageDriver(paths, { PATH: '/nonexistent' })).toBe(driver);
  });

  it('takes TSCOMPOSE_STORAGE_DRIVER without probing, and refuses an unknown one', async () => {
    const paths = tempPaths();
    expect(await detectStorageDriver(paths, { TSCOMPOSE_STORAGE_DRIVER: 'fuse-overlayfs' })).toBe(
      'fuse-overlayfs',
    );
    await expect(detectStorageDriver(paths, { TSCOMPOSE_STORAGE_DRIVER: 'zfs' })).rejects.toThrow(
      'TSCOMPOSE_STORAGE_DRIVER=zfs is not a storage driver (overlay or fuse-overlayfs)',
    );
  });
});

describe('detectOciRuntime', () => {
  it('picks an installed runtime, and takes TSCOMPOSE_RUNTIME when it is installed', async () => {
    const runtime = await detectOciRuntime(process.env);
    expect(findProgram(runtime)).toBeDefined();
    expect(await detectOciRuntime({ ...process.env, TSCOMPOSE_RUNTIME: runtime })).toBe(runtime);
  });

  it('refuses a runtime it does not know', async () => {
    await expect(detectOciRuntime({ TSCOMPOSE_RUNTIME: 'youki' })).rejects.toThrow(
      'TSCOMPOSE_RUNTIME=youki is not a runtime',
    );
  });
});

describe('findProgram', () => {
  it('finds sbin programs even when PATH lacks the sbin folders, as on Debian for ordinary users', () => {
    const ip = findProgram('ip', { PATH: '/usr/bin:/bin' });
    expect(ip).toMatch(/^\/(usr\/)?s?bin\/ip$/);
  });

  it('finds nothing for a program that does not exist', () => {
    expect(findProgram('tscompose-no-such-program')).toBeUndefined();
  });
});

describe('probeDevice', () => {
  it.each([
    { path: '/dev/null', expected: { kind: 'usable' } },
    { path: '/dev/tscompose-no-such-device', expected: { kind: 'unusable', code: 'ENOENT' } },
  ])('$path', ({ path, expected }) => {
    expect(probeDevice(path)).toMatchObject(expected);
  });
});

describe('runDoctor', () => {
  it('reports every check, in order, each with a status and a detail', async () => {
    const results = await runDoctor(tempPaths(), process.env);
    expect(results.map((result) => result.name)).toEqual([
      'user namespaces',
      'subuid/subgid ranges',
      'newuidmap/newgidmap',
      'programs',
      'cgroups and OCI runtime',
      'storage driver',
      '/dev/net/tun',
      '/dev/fuse',
    ]);
    for (const result of results) {
      expect(['ok', 'warn', 'fail']).toContain(result.status);
      expect(result.detail).not.toBe('');
      if (result.status === 'fail') expect(result.fix ?? result.detail).not.toBe('');
    }
  });
});
