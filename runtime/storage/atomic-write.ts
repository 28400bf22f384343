/**
 * Crash-safe writes for the engine's state files (container records, volume metadata): write a
 * temporary file beside the target, fsync it, rename it over the target, then fsync the folder so
 * the rename itself survives a power cut. A crash at any point leaves either the old file or the
 * new one, never half of one. Temporary names start with `.tmp-` so readers can skip them.
 *
 * It does not lock: each state file has one writer, the engine, and one engine runs per user.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const temp = join(dirname(path), `.tmp-${basename(path)}-${randomBytes(4).toString('hex')}`);
  const file = await open(temp, 'w', mode);
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

async function syncDirectory(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
