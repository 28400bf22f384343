/**
 * Removes a folder tree that came from an image layer. Layers may hold folders without write or
 * search permission (mode 0555, 0000); root (or uid 0 in the user namespace) removes them anyway,
 * but an unprivileged caller cannot, so on EACCES the folders are made writable first.
 */
import { chmod, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

export async function removeTree(path: string): Promise<void> {
  try {
    await rm(path, { recursive: true, force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EACCES') throw error;
    await makeWritable(path);
    await rm(path, { recursive: true, force: true });
  }
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await makeWritable(join(dir, entry.name));
  }
}
