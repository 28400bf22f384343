/**
 * One container's output from the engine (`GET /containers/{id}/logs`), cut into lines: frames
 * demultiplexed when the container has no TTY, raw bytes when it has one, and stdout and stderr
 * kept in separate line buffers so the two never splice into one line. Lines are handed over
 * per chunk, so a caller writing them never writes half a line.
 *
 * The request is always a stream, also without `follow` (dockerode buffers those answers), so a
 * long log is never held in memory whole.
 */
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { toEngineError } from '../engine-error.js';
import { FrameDecoder } from './frame-decoder.js';
import { LineBuffer } from './line-buffer.js';

export interface LogRequest {
  readonly follow: boolean;
  /** A line count, or `all`. */
  readonly tail: string;
  readonly timestamps: boolean;
  /** Engine timestamps (engine-timestamp.ts). */
  readonly since?: string;
  readonly until?: string;
}

export interface LogTarget {
  readonly id: string;
  /** The container has a TTY: its output comes raw, not framed. */
  readonly tty: boolean;
}

/** Reads until the engine ends the answer or `signal` aborts; lines go to `onLines` as they complete. */
export async function readContainerLog(
  docker: Docker,
  target: LogTarget,
  request: LogRequest,
  onLines: (lines: readonly string[]) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) return;
  const response = await openLogStream(docker, target.id, request, signal);
  const decoder = target.tty ? undefined : new FrameDecoder();
  const buffers = { stdout: new LineBuffer(), stderr: new LineBuffer(), system: new LineBuffer() };
  const emit = (lines: readonly string[]): void => {
    if (lines.length > 0) onLines(lines);
  };
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      if (!decoder) {
        emit(buffers.stdout.push(chunk));
        continue;
      }
      for (const frame of decoder.push(chunk)) emit(buffers[frame.stream].push(frame.payload));
    }
  } catch (error) {
    // Aborting destroys the response mid-read; that is how a follow is told to stop.
    if (signal?.aborted) return;
    throw toEngineError(`logs ${target.id.slice(0, 12)}`, error);
  }
  emit([...buffers.stdout.flush(), ...buffers.stderr.flush(), ...buffers.system.flush()]);
}

async function openLogStream(
  docker: Docker,
  id: string,
  request: LogRequest,
  signal: AbortSignal | undefined,
): Promise<IncomingMessage> {
  const query: Record<string, string | boolean> = {
    stdout: true,
    stderr: true,
    follow: request.follow,
    tail: request.tail,
    timestamps: request.timestamps,
    ...(request.since !== undefined && { since: request.since }),
    ...(request.until !== undefined && { until: request.until }),
  };
  try {
    return await new Promise<IncomingMessage>((resolve, reject) => {
      docker.modem.dial(
        {
          path: `/containers/${encodeURIComponent(id)}/logs?`,
          method: 'GET',
          isStream: true,
          ...(signal && { abortSignal: signal }),
          statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
          options: query,
        },
        (error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream as IncomingMessage)),
      );
    });
  } catch (error) {
    throw toEngineError(`logs ${id.slice(0, 12)}`, error);
  }
}
