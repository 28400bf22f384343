/**
 * Unpacks one layer stream into an empty folder: decompress (gzip, or none), hash the
 * uncompressed tar (that hash is the layer's diff id, which the caller checks against the image
 * config), and hand each tar entry to the layer writer. The compression is read from the first
 * bytes, not the media type, as containerd does, so a mislabelled layer still unpacks; zstd is
 * refused with a clear message (node 20's zlib has no zstd).
 *
 * Errors (a truncated gzip, a tar that ends early, an entry the writer refuses) reject the
 * returned promise; the folder is then half written and the caller throws it away.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { ContentError } from './image-errors.js';
import { LayerWriter, type LayerWriterOptions } from './layer-writer.js';

export interface UnpackedLayer {
  /** `sha256:` of the uncompressed tar. */
  diffId: string;
  /** Bytes of regular files. */
  size: number;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** Unpacks `source` (a compressed or plain tar) into `dest`, which must exist and be empty. */
export async function unpackLayer(
  source: AsyncIterable<Buffer>,
  dest: string,
  options: LayerWriterOptions,
): Promise<UnpackedLayer> {
  const writer = new LayerWriter(dest, options);
  const hash = createHash('sha256');
  const extract = tar.extract();
  // Feeding and reading run side by side: tar-stream hands out entries as bytes arrive.
  const feeding = (async () => {
    for await (const chunk of decompress(source)) {
      if (extract.destroyed) return; // The reader failed and reports why; stop reading the source.
      hash.update(chunk);
      if (!extract.write(chunk)) await drained(extract);
    }
    extract.end(undefined);
  })();
  // A feeding failure is passed to the reading loop by destroying `extract`, and reported there.
  feeding.catch((error: unknown) => extract.destroy(error as Error));
  try {
    for await (const entry of extract) await writer.write(entry.header, entry);
    await feeding;
  } catch (error) {
    extract.destroy();
    throw wrapStreamError(error);
  }
  await writer.finish();
  return { diffId: `sha256:${hash.digest('hex')}`, size: writer.size };
}

/** Resolves when `stream` wants more, rejects when it is destroyed first (the reader failed). */
function drained(stream: tar.Extract): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed) {
      reject(new Error('layer reader stopped'));
      return;
    }
    const onDrain = (): void => {
      stream.off('close', onClose);
      resolve();
    };
    const onClose = (): void => {
      stream.off('drain', onDrain);
      reject(new Error('layer reader stopped'));
    };
    stream.once('drain', onDrain);
    stream.once('close', onClose);
  });
}

/** Yields the uncompressed bytes of `source`, choosing by its first bytes. */
async function* decompress(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  let done = false;
  while (head.length < ZSTD_MAGIC.length && !done) {
    const next = await iterator.next();
    if (next.done) done = true;
    else head = Buffer.concat([head, next.value]);
  }
  const rest = async function* (): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      while (!done) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // Stopped early (the reader failed): let the source know, so a download is not left hanging.
      if (!done) await iterator.return?.();
    }
  };
  if (startsWith(head, ZSTD_MAGIC)) {
    throw new ContentError('zstd-compressed layers are not supported yet (push the image with gzip layers)');
  }
  if (!startsWith(head, GZIP_MAGIC)) {
    yield* rest();
    return;
  }
  // Bigger output chunks than zlib's 16 KiB default: fewer round trips through the whole chain.
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  const feeding = pipeline(Readable.from(rest()), gunzip);
  // Any failure also destroys `gunzip`, which the loop below reports; the catch avoids a second report.
  feeding.catch(() => undefined);
  for await (const chunk of gunzip) yield chunk as Buffer;
  await feeding;
}

function startsWith(buffer: Buffer, magic: readonly number[]): boolean {
  return buffer.length >= magic.length && magic.every((byte, i) => buffer[i] === byte);
}

/** zlib's and tar-stream's errors say what broke but not where: name the layer stream. */
function wrapStreamError(error: unknown): unknown {
  if (error instanceof ContentError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code?.startsWith('Z_') || message === 'unexpected end of file') {
    return new ContentError(`layer is not a valid gzip stream: ${message}`, { cause: error });
  }
  if (message === 'Unexpected end of data' || message.startsWith('Invalid tar header')) {
    return new ContentError(`layer is not a valid tar stream: ${message}`, { cause: error });
  }
  return error;
}
