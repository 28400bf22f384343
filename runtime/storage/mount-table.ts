/**
 * Which paths are mount points, read from /proc/self/mountinfo. The engine asks before mounting a
 * container's rootfs (mounts survive engine restarts, because they live in the pause process's
 * mount namespace) and before unmounting it, so both operations can be repeated safely.
 *
 * The parser is pure; only `isMountPoint` reads the file.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Mount points listed in mountinfo text, with the kernel's octal escapes (`\040` for space) decoded. */
export function parseMountPoints(mountinfo: string): string[] {
  const points: string[] = [];
  for (const line of mountinfo.split('\n')) {
    const field = line.split(' ')[4];
    if (field)
      points.push(
        field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))),
      );
  }
  return points;
}

export async function isMountPoint(path: string): Promise<boolean> {
  const points = parseMountPoints(await readFile('/proc/self/mountinfo', 'utf8'));
  return points.includes(resolve(path));
}
