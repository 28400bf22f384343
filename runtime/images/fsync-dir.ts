/**
 * Makes a rename or a new entry in a folder durable: after a crash, a blob, layer or index that
 * was renamed into place is still there. fsync on a directory opened read-only is what Linux asks.
 */
import { open } from 'node:fs/promises';

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
