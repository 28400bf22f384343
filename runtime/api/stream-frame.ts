/**
 * Docker's stdio multiplexing, used by logs and attach when the container has no TTY: each chunk
 * is preceded by an 8-byte header, `[stream, 0, 0, 0, size (uint32, big-endian)]`, where stream
 * is 0 stdin, 1 stdout, 2 stderr, 3 an error from the engine. With a TTY, output goes raw.
 * `decodeFrames` exists for tests and for clients reading such a stream.
 */

export type FrameStream = 'stdin' | 'stdout' | 'stderr' | 'system';

const STREAM_BYTE: Readonly<Record<FrameStream, number>> = { stdin: 0, stdout: 1, stderr: 2, system: 3 };
const STREAM_NAME: readonly FrameStream[] = ['stdin', 'stdout', 'stderr', 'system'];

export const FRAME_HEADER_SIZE = 8;

/** The content types Docker announces for the two encodings (API 1.42 and later). */
export const MULTIPLEXED_STREAM = 'application/vnd.docker.multiplexed-stream';
export const RAW_STREAM = 'application/vnd.docker.raw-stream';

export function encodeFrame(stream: FrameStream, payload: Buffer): Buffer {
  const header = Buffer.alloc(FRAME_HEADER_SIZE);
  header[0] = STREAM_BYTE[stream];
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

export interface Frame {
  stream: FrameStream;
  payload: Buffer;
}

/** Splits a complete buffer into frames; throws on a truncated or malformed one. */
export function decodeFrames(buffer: Buffer): Frame[] {
  const frames: Frame[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    if (buffer.length - offset < FRAME_HEADER_SIZE)
      throw new Error(`truncated frame header at byte ${offset}`);
    const stream = STREAM_NAME[buffer[offset] ?? -1];
    if (!stream) throw new Error(`unknown stream ${buffer[offset]} at byte ${offset}`);
    const size = buffer.readUInt32BE(offset + 4);
    const start = offset + FRAME_HEADER_SIZE;
    if (start + size > buffer.length) throw new Error(`truncated frame at byte ${offset}`);
    frames.push({ stream, payload: buffer.subarray(start, start + size) });
    offset = start + size;
  }
  return frames;
}
