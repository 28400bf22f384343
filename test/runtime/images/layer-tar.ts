/**
 * Builds layer tarballs for tests with tar-stream: ordinary layers, and hostile ones that try to
 * write outside their folder. The bytes are real tar (and gzip), as a registry would serve them.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface TarEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'fifo' | 'character-device';
  content?: string;
  linkname?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: Date;
  devmajor?: number;
  devminor?: number;
}

export async function buildTar(entries: readonly TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const header = {
      name: entry.name,
      type,
      mode: entry.mode ?? (type === 'directory' ? 0o755 : 0o644),
      uid: entry.uid ?? 0,
      gid: entry.gid ?? 0,
      mtime: entry.mtime ?? new Date(1_000_000_000_000),
      ...(entry.linkname !== undefined ? { linkname: entry.linkname } : {}),
      ...(entry.devmajor !== undefined ? { devmajor: entry.devmajor, devminor: entry.devminor ?? 0 } : {}),
    };
    await new Promise<void>((done, fail) => {
      const finished = (error?: Error | null): void => (error ? fail(error) : done());
      if (type === 'file') pack.entry(header, entry.content ?? '', finished);
      else pack.entry(header, finished);
    });
  }
  pack.finalize();
  await collected;
  return Buffer.concat(chunks);
}

export function gzip(bytes: Buffer): Buffer {
  return gzipSync(bytes);
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A source that yields `bytes` in small pieces, as a network would. */
export async function* chunked(bytes: Buffer, size = 1000): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}
