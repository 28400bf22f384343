/**
 * Unpacked layers, one folder per diff id: `<dataDir>/images/layers/sha256/<hex>/diff` is the
 * layer's files (what overlay gets as a lower dir) and `.../layer.json` its size. A layer is
 * unpacked under `layers/tmp/`, its diff id checked against the one the image config promises,
 * and only then renamed into place, so a folder under `sha256/` is always complete and right.
 * Removal renames it out of the way before deleting, for the same reason.
 *
 * Which layers are still needed is the image store's business, not this one's.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isNotFound, listDigests } from './blob-store.js';
import { fsyncDir } from './fsync-dir.js';
import { ContentError } from './image-errors.js';
import { SHA256_DIGEST } from './image-reference.js';
import type { OwnershipMode } from './layer-writer.js';
import { removeTree } from './remove-tree.js';
import { unpackLayer } from './unpack-layer.js';

export interface LayerInfo {
  diffId: string;
  /** Bytes of regular files in the layer. */
  size: number;
}

export class LayerStore {
  constructor(
    private readonly root: string,
    private readonly ownership: OwnershipMode,
  ) {}

  private dir(diffId: string): string {
    if (!SHA256_DIGEST.test(diffId)) throw new ContentError(`not a sha256 diff id: ${diffId}`);
    return join(this.root, 'sha256', diffId.slice('sha256:'.length));
  }

  /** The folder overlay stacks: the layer's files. */
  diffDir(diffId: string): string {
    return join(this.dir(diffId), 'diff');
  }

  /** The layer, when it is unpacked; undefined otherwise. */
  async get(diffId: string): Promise<LayerInfo | undefined> {
    try {
      const info = JSON.parse(await readFile(join(this.dir(diffId), 'layer.json'), 'utf8')) as LayerInfo;
      return { diffId, size: info.size };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Unpacks `source` (the layer blob's bytes, compressed or not) and keeps it when its diff id is
   * `diffId`. When another pull put the same layer in place meanwhile, that one is kept.
   */
  async unpack(diffId: string, source: AsyncIterable<Buffer>): Promise<LayerInfo> {
    const work = await this.makeTemp();
    try {
      const diff = join(work, 'diff');
      const scratch = join(work, 'scratch');
      await mkdir(diff);
      // The layer's root entry, when it has one, sets the real mode; until then, the usual one.
      await chmod(diff, 0o755);
      await mkdir(scratch);
      const unpacked = await unpackLayer(source, diff, { ownership: this.ownership, scratchDir: scratch });
      if (unpacked.diffId !== diffId) {
        throw new ContentError(`layer unpacks to ${unpacked.diffId}, but the image config says ${diffId}`);
      }
      await removeTree(scratch);
      await writeFile(join(work, 'layer.json'), `${JSON.stringify({ diffId, size: unpacked.size })}\n`);
      await mkdir(join(this.root, 'sha256'), { recursive: true });
      try {
        await rename(work, this.dir(diffId));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // ENOTEMPTY/EEXIST: the same layer landed first from a concurrent pull; ours is redundant.
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
        await removeTree(work);
      }
      await fsyncDir(join(this.root, 'sha256'));
      return { diffId, size: unpacked.size };
    } catch (error) {
      await removeTree(work);
      throw error;
    }
  }

  /** The diff ids of every unpacked layer. */
  async list(): Promise<string[]> {
    return listDigests(join(this.root, 'sha256'));
  }

  async remove(diffId: string): Promise<void> {
    const work = join(this.root, 'tmp', `removing-${randomBytes(6).toString('hex')}`);
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    try {
      await rename(this.dir(diffId), work);
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    await removeTree(work);
  }

  /** Removes half-unpacked and half-removed layers; call before any unpack starts. */
  async cleanTemp(): Promise<void> {
    await removeTree(join(this.root, 'tmp'));
  }

  private async makeTemp(): Promise<string> {
    const work = join(this.root, 'tmp', `unpack-${randomBytes(6).toString('hex')}`);
    await mkdir(work, { recursive: true, mode: 0o700 });
    return work;
  }
}
