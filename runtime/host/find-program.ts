/**
 * Finds a program the way a shell would, plus the sbin folders: Debian leaves /usr/sbin out of an
 * ordinary user's PATH, yet installs runc and ip there. Returns the absolute path, so the engine
 * runs exactly what doctor checked.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';

const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

export function findProgram(
  name: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  for (const dir of searchDirs(env)) {
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** PATH's folders, then the sbin folders it lacks; empty entries (meaning ".") are skipped. */
export function searchDirs(env: Readonly<Record<string, string | undefined>>): string[] {
  const path = (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':').filter((dir) => dir.startsWith('/'));
  return [...new Set([...path, ...SBIN_DIRS])];
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch (error) {
    // ENOENT, EACCES, ENOTDIR: not a program we can run from here.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR') return false;
    throw error;
  }
}
