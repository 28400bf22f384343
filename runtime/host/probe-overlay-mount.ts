/**
 * Mounts an overlay for real, the way the engine will, and says whether it worked: native overlay
 * (`mount -t overlay`, allowed in a user namespace since Linux 5.11 where the file system supports
 * it) or fuse-overlayfs. The probe runs in a throw-away user + mount namespace (`unshare
 * --map-root-user --mount`), so it needs no rootlesskit and leaves no mount behind; it nests
 * inside the engine's namespace too. Its folders live under the given parent, which should be on
 * the file system that will hold the layers (an upper dir on tmpfs or overlayfs behaves differently).
 *
 * The probe writes through the merged view and checks that the write landed in the upper dir
 * and that the lower file shows through: a mount that succeeds but does not work is a failure.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findProgram } from './find-program.js';

export type StorageDriver = 'overlay' | 'fuse-overlayfs';
export const STORAGE_DRIVERS: readonly StorageDriver[] = ['overlay', 'fuse-overlayfs'];

export type MountProbe = { kind: 'mounted' } | { kind: 'failed'; error: string };

const PROBE_TIMEOUT_MS = 20_000;

export async function probeOverlayMount(
  driver: StorageDriver,
  parentDir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<MountProbe> {
  const unshare = findProgram('unshare', env);
  if (unshare === undefined) return { kind: 'failed', error: 'unshare (util-linux) is not installed' };
  const mounter = driver === 'overlay' ? findProgram('mount', env) : findProgram('fuse-overlayfs', env);
  if (mounter === undefined) {
    return { kind: 'failed', error: `${driver === 'overlay' ? 'mount' : 'fuse-overlayfs'} is not installed` };
  }
  const dir = mkdtempSync(join(parentDir, `probe-${driver}-`));
  try {
    const args = ['--user', '--map-root-user', '--mount', '--', '/bin/sh', '-c', overlayProbeScript(driver)];
    return await run(unshare, [...args, 'overlay-probe', dir, mounter]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Pure: the shell script that mounts, checks and unmounts; `$1` is the scratch folder and `$2`
 * the absolute path of mount or fuse-overlayfs. It empties the folder itself, as the namespace's
 * root, because overlay may leave a work dir that only that root can remove.
 */
export function overlayProbeScript(driver: StorageDriver): string {
  const options = 'lowerdir="$1/lower",upperdir="$1/upper",workdir="$1/work"';
  const mount =
    driver === 'overlay'
      ? `"$2" -t overlay overlay -o ${options} "$1/merged"`
      : `"$2" -o ${options} "$1/merged"`;
  return [
    '(',
    '  set -e',
    '  mkdir "$1/lower" "$1/upper" "$1/work" "$1/merged"',
    '  echo lower > "$1/lower/file"',
    `  ${mount}`,
    '  echo upper > "$1/merged/written"',
    '  test "$(cat "$1/merged/file")" = lower || { echo "the lower file does not show through" >&2; exit 1; }',
    '  test -f "$1/upper/written" || { echo "a write did not reach the upper dir" >&2; exit 1; }',
    '  umount "$1/merged"',
    ')',
    'status=$?',
    // Already unmounted when the probe succeeded; this is for the failures half-way.
    'umount "$1/merged" 2>/dev/null || true',
    'rm -rf "$1/lower" "$1/upper" "$1/work" "$1/merged"',
    'exit $status',
  ].join('\n');
}

function run(program: string, args: string[]): Promise<MountProbe> {
  return new Promise((resolve) => {
    execFile(program, args, { timeout: PROBE_TIMEOUT_MS }, (error, _stdout, stderr) => {
      if (error === null) return resolve({ kind: 'mounted' });
      // fuse-overlayfs warns about options it ignores; only the last lines say what failed.
      const said = stderr.trim().split('\n').slice(-3).join('; ');
      const how = error.killed ? `killed after ${PROBE_TIMEOUT_MS} ms` : `exit code ${String(error.code)}`;
      resolve({ kind: 'failed', error: said === '' ? how : `${said} (${how})` });
    });
  });
}
