/**
 * Runs every doctor probe against this host and turns the facts into results, in the order a
 * reader fixes them: kernel, ids, programs, runtime, storage, devices. Probing and judging are
 * apart: the check-*.ts functions are pure and table-tested, the probe-*.ts ones touch the system.
 *
 * The storage probe mounts both overlays for real, under dataDir/host (the layers' file system),
 * and remembers the driver the engine will use, as detectStorageDriver would.
 */
import { release } from 'node:os';
import { pickProbedDriver } from '../choose-storage-driver.js';
import { probeOciRuntimeFacts } from '../detect-oci-runtime.js';
import { ensureHostStateDir, rememberStorageDriver } from '../detect-storage-driver.js';
import type { EnginePaths } from '../paths.js';
import { probeOverlayMount } from '../probe-overlay-mount.js';
import { REQUIRED_PROGRAMS } from '../required-programs.js';
import { checkFuse, checkTun } from './check-devices.js';
import { checkIdmapHelpers } from './check-idmap-helpers.js';
import { checkOciRuntime } from './check-oci-runtime.js';
import { checkPrograms } from './check-programs.js';
import type { CheckResult } from './check-result.js';
import { checkStorageDriver } from './check-storage-driver.js';
import { checkSubidRanges } from './check-subid-ranges.js';
import { checkUserNamespaces } from './check-user-namespaces.js';
import { probeDevice } from './probe-devices.js';
import { probeIdmapHelpers } from './probe-idmap-helpers.js';
import { probePrograms } from './probe-programs.js';
import { probeSubidRanges } from './probe-subid-ranges.js';
import { probeUserNamespaces } from './probe-user-namespaces.js';

export async function runDoctor(
  paths: EnginePaths,
  env: Readonly<Record<string, string | undefined>>,
): Promise<CheckResult[]> {
  const scratch = ensureHostStateDir(paths);
  const [userns, idmap, native, fuse] = await Promise.all([
    probeUserNamespaces(env),
    probeIdmapHelpers(env),
    probeOverlayMount('overlay', scratch, env),
    probeOverlayMount('fuse-overlayfs', scratch, env),
  ]);
  const picked = pickProbedDriver(native, fuse);
  if (picked.kind === 'chosen') rememberStorageDriver(paths, { driver: picked.driver, kernel: release() });
  const nativeOverlay = native.kind === 'mounted';
  const devices = { tun: probeDevice('/dev/net/tun'), fuse: probeDevice('/dev/fuse'), nativeOverlay };
  return [
    checkUserNamespaces(userns),
    checkSubidRanges(probeSubidRanges()),
    checkIdmapHelpers(idmap),
    checkPrograms({
      programs: REQUIRED_PROGRAMS,
      found: probePrograms(REQUIRED_PROGRAMS, env),
      nativeOverlay,
    }),
    checkOciRuntime(probeOciRuntimeFacts(env)),
    checkStorageDriver({ forced: env.TSCOMPOSE_STORAGE_DRIVER, native, fuse }),
    checkTun(devices),
    checkFuse(devices),
  ];
}
