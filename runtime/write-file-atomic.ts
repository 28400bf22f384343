/**
 * Crash-safe writes for every state file of the engine and its launcher (container records,
 * volume metadata, the image index, pid files, remembered probe answers): write a temporary file
 * beside the target, fsync it, rename it over the target, then fsync the folder so the rename
 * itself survives a power cut. A crash at any point leaves the old file or the new one, never half
 * of one. Temporary names start with `.tmp-` so readers and the start-up clean-up can skip them.
 *
 * Two forms of one procedure: the engine writes asynchronously; the launcher's few writes happen
 * in synchronous start-up code.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const temp = temporaryPath(path);
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
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

export function writeFileAtomicSync(path: string, data: string, mode = 0o600): void {
  const temp = temporaryPath(path);
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** Random, not the pid: two writers in one process (or a reused pid) never share a temp file. */
function temporaryPath(path: string): string {
  return join(dirname(path), `.tmp-${basename(path)}-${randomBytes(4).toString('hex')}`);
}
