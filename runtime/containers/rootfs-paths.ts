/**
 * Paths inside a container's rootfs, resolved from the host side without leaving it: symlinks are
 * followed as the container would see them, so an image whose /etc/passwd (or working dir, or
 * volume target) is a symlink to `/` or `../../..` cannot make the engine read or write outside
 * the rootfs. This is what Go's `securejoin` does for Docker and podman.
 *
 * The engine uses it to read /etc/passwd and /etc/group, to create `WorkingDir`, and to find the
 * image content a fresh volume is seeded with.
 */
import { lstat, mkdir, readFile, readlink } from 'node:fs/promises';
import { posix } from 'node:path';

const MAX_SYMLINKS = 255;

/** The host path of `path` inside `root`; components that do not exist are kept as they are. */
export async function resolveInRoot(root: string, path: string): Promise<string> {
  let pending = splitPath(path);
  const resolved: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const candidate = posix.join(root, ...resolved, part);
    let isLink = false;
    try {
      isLink = (await lstat(candidate)).isSymbolicLink();
    } catch (error) {
      if (!(
        error instanceof Error &&
        'code' in error &&
        (error.code === 'ENOENT' || error.code === 'ENOTDIR')
      ))
        throw error;
    }
    if (!isLink) {
      resolved.push(part);
      continue;
    }
    if (++links > MAX_SYMLINKS) throw new Error(`too many levels of symbolic links in ${path}`);
    const target = await readlink(candidate);
    if (target.startsWith('/')) resolved.length = 0;
    pending = [...splitPath(target), ...pending];
  }
  return posix.join(root, ...resolved);
}

/** A file's text inside the rootfs, `''` when it does not exist. */
export async function readFileInRoot(root: string, path: string): Promise<string> {
  try {
    return await readFile(await resolveInRoot(root, path), 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))
      return '';
    throw error;
  }
}

/** Creates a folder inside the rootfs (Docker creates a missing `WorkingDir`), owned by root. */
export async function mkdirInRoot(root: string, path: string): Promise<void> {
  await mkdir(await resolveInRoot(root, path), { recursive: true, mode: 0o755 });
}

function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}
