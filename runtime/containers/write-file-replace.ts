/**
 * Replaces a file that the engine writes anew at every container start (the bundle's config.json,
 * the /etc files of a container on a network): written beside the target and renamed over it, so
 * nobody ever reads half a file, but without the fsyncs of `writeFileAtomic`. A power cut can lose
 * such a file; the next start writes it again before anything reads it, so durability would only
 * slow every start down. State that is read back after a crash goes through `writeFileAtomic`.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileReplace(path: string, data: string, mode = 0o600): Promise<void> {
  const temp = join(dirname(path), `.tmp-${basename(path)}-${randomBytes(4).toString('hex')}`);
  await writeFile(temp, data, { mode });
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
