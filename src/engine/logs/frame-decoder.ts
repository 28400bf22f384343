/**
 * Docker's multiplexed stdio, read as it arrives (moby's stdcopy): each payload follows an 8-byte
 * header `[stream, 0, 0, 0, size uint32 big-endian]`, stream 1 stdout, 2 stderr, 3 an error from
 * the engine. Chunks from the socket cut headers and payloads anywhere, so the decoder keeps what
 * it has not framed yet. Only containers without a TTY are multiplexed; a TTY's output is raw.
 */

export type OutputStream = 'stdout' | 'stderr' | 'system';

export interface OutputFrame {
  readonly stream: OutputStream;
  readonly payload: Buffer;
}

const HEADER_SIZE = 8;

/** Stream bytes; 0 (stdin) never comes back from logs, and counts as stdout as stdcopy does. */
const STREAMS: readonly OutputStream[] = ['stdout', 'stdout', 'stderr', 'system'];

export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  /** The frames completed by this chunk, in order. */
  push(chunk: Buffer): OutputFrame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: OutputFrame[] = [];
    let offset = 0;
    while (this.pending.length - offset >= HEADER_SIZE) {
      const size = this.pending.readUInt32BE(offset + 4);
      const end = offset + HEADER_SIZE + size;
      if (end > this.pending.length) break;
      const stream = STREAMS[this.pending[offset]!];
      if (!stream) throw new Error(`unknown stream ${this.pending[offset]} in the engine's log frames`);
      frames.push({ stream, payload: this.pending.subarray(offset + HEADER_SIZE, end) });
      offset = end;
    }
    this.pending = this.pending.subarray(offset);
    return frames;
  }

  /** Bytes of a frame the stream ended in the middle of (0 when it ended cleanly). */
  get leftover(): number {
    return this.pending.length;
  }
}
