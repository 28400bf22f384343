/**
 * Content-addressed blobs (manifests, configs, compressed layers) under
 * `<dataDir>/images/blobs/sha256/<hex>`. A blob enters only through `ingest`, which hashes the
 * bytes as they stream into a temporary file under `blobs/tmp/`, refuses the stream as soon as it
 * runs past the descriptor's size, and at the end checks size and sha256 before an fsync and a
 * rename put it in place. So a file at a blob's path is always complete and verified, and reading
 * one back needs no second hash. A crash leaves at most temporary files, which `cleanTemp`
 * removes when the store opens.
 *
 * It does not know what a blob means, nor which blobs are still needed: the image store decides.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ContentError } from './image-errors.js';
import { SHA256_DIGEST } from './image-reference.js';
import { fsyncDir } from './fsync-dir.js';

const WRITE_BATCH_BYTES = 1024 * 1024;

export interface BlobDescriptor {
  digest: string;
  size: number;
}

export interface IngestOptions {
  /** Sees each chunk once it is written; awaited, so a slow consumer slows the download. */
  onChunk?: (chunk: Buffer) => Promise<void> | void;
}

export class BlobStore {
  constructor(private readonly root: string) {}

  /** Where the blob lives once stored. */
  path(digest: string): string {
    if (!SHA256_DIGEST.test(digest)) throw new ContentError(`not a sha256 digest: ${digest}`);
    return join(this.root, 'sha256', digest.slice('sha256:'.length));
  }

  async has(digest: string): Promise<boolean> {
    try {
      await stat(this.path(digest));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async read(digest: string): Promise<Buffer> {
    return readFile(this.path(digest));
  }

  /** Stores bytes already in memory (a manifest just fetched), verified like a stream. */
  async put(descriptor: BlobDescriptor, bytes: Buffer): Promise<string> {
    return this.ingest(descriptor, [bytes]);
  }

  /** Streams `source` into the store, verifying it against `descriptor`; returns the blob's path. */
  async ingest(
    descriptor: BlobDescriptor,
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    options: IngestOptions = {},
  ): Promise<string> {
    const target = this.path(descriptor.digest);
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    await mkdir(join(this.root, 'sha256'), { recursive: true });
    const temp = join(
      this.root,
      'tmp',
      `${descriptor.digest.slice(7, 19)}-${randomBytes(6).toString('hex')}`,
    );
    const file = await open(temp, 'wx', 0o644);
    let isOpen = true;
    try {
      const hash = createHash('sha256');
      let size = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const data of source) {
        const chunk = Buffer.isBuffer(data) ? data : Buffer.from(data);
        size += chunk.length;
        if (size > descriptor.size) {
          throw new ContentError(
            `blob ${descriptor.digest} is larger than the ${descriptor.size} bytes its descriptor says`,
          );
        }
        hash.update(chunk);
        pending.push(chunk);
        pendingBytes += chunk.length;
        // One writev per MiB rather than a write per network chunk: fewer thread-pool round trips.
        if (pendingBytes >= WRITE_BATCH_BYTES) {
          await file.writev(pending);
          pending = [];
          pendingBytes = 0;
        }
        await options.onChunk?.(chunk);
      }
      if (pending.length > 0) await file.writev(pending);
      if (size !== descriptor.size) {
        throw new ContentError(
          `blob ${descriptor.digest} is ${size} bytes, its descriptor says ${descriptor.size} (truncated download?)`,
        );
      }
      const actual = `sha256:${hash.digest('hex')}`;
      if (actual !== descriptor.digest) {
        throw new ContentError(
          `blob ${descriptor.digest} failed verification: its content hashes to ${actual}`,
        );
      }
      await file.sync();
      await file.close();
      isOpen = false;
      await rename(temp, target);
      await fsyncDir(join(this.root, 'sha256'));
      return target;
    } catch (error) {
      if (isOpen) await file.close();
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** The digests of every stored blob. */
  async list(): Promise<string[]> {
    return listDigests(join(this.root, 'sha256'));
  }

  async remove(digest: string): Promise<void> {
    await rm(this.path(digest), { force: true });
  }

  /** Removes what interrupted ingests left behind; call before any ingest starts. */
  async cleanTemp(): Promise<void> {
    await rm(join(this.root, 'tmp'), { recursive: true, force: true });
  }
}

/** `sha256:<name>` for every 64-hex name in `dir` (none when `dir` does not exist yet). */
export async function listDigests(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => /^[a-f0-9]{64}$/.test(name)).map((name) => `sha256:${name}`);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
