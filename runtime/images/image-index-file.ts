/**
 * Reads and writes the image index (`<dataDir>/images/index.json`). Writes are atomic (temp file,
 * fsync, rename, fsync of the folder), so a crash leaves the old index or the new one. The index
 * is written last in a pull, after every blob and layer it names is in place, so it never names
 * something missing; at worst a crash leaves unnamed blobs or layers, which removals collect.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomicSync } from '../write-file-atomic.js';
import { isNotFound } from './blob-store.js';
import { ContentError } from './image-errors.js';
import { EMPTY_INDEX, type ImageIndex } from './image-index.js';
import { isRecord } from './manifest.js';

export async function readImageIndex(path: string): Promise<ImageIndex> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return EMPTY_INDEX;
    throw error;
  }
  const body: unknown = JSON.parse(text);
  if (!isRecord(body) || body.version !== 1 || !Array.isArray(body.images)) {
    throw new ContentError(`${path} is not an image index this version of tscompose reads`);
  }
  return body as unknown as ImageIndex;
}

export function writeImageIndex(path: string, index: ImageIndex): void {
  writeFileAtomicSync(path, `${JSON.stringify(index, null, 2)}\n`, 0o600);
}
