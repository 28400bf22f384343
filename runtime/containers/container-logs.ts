/**
 * Reading a container's log file (conmon's k8s-file) as Docker's logs endpoint wants it: streams
 * chosen (`stdout`, `stderr`), `since`/`until` in Unix seconds, the last `tail` lines, and
 * `follow`, which keeps reading what conmon appends until the container is no longer running and
 * the file is drained. A consumer that stops early (`break`, a closed HTTP connection) ends the
 * watch through the iterator's `return`.
 *
 * The container's lifecycle comes in as two functions, so this module knows nothing of the service.
 */
import { watch, type FSWatcher } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { K8sLogDecoder, timeToSeconds, type LogEntry } from './k8s-log.js';

export interface LogOptions {
  stdout?: boolean;
  stderr?: boolean;
  follow?: boolean;
  /** Nanoseconds since the epoch; earlier entries are skipped. */
  since?: bigint;
  /** Nanoseconds since the epoch; later entries are skipped (0 means no limit, as in Docker). */
  until?: bigint;
  /** The last n entries; absent or negative for all. */
  tail?: number;
  /** Ends a follow early (the client went away). */
  signal?: AbortSignal;
}

export interface LogSource {
  path: string;
  /** Whether more output may still come (running or restarting). */
  isLive(): boolean;
  /** Resolves when the container stops running (or at once if it is not). */
  stopped(): Promise<void>;
}

export async function* readContainerLogs(source: LogSource, options: LogOptions): AsyncGenerator<LogEntry> {
  const since = options.since === undefined ? undefined : Number(options.since) / 1e9;
  const until = options.until === undefined || options.until <= 0n ? undefined : Number(options.until) / 1e9;
  const wanted = (entry: LogEntry): boolean =>
    (entry.stream === 'stdout' ? options.stdout !== false : options.stderr !== false) &&
    (since === undefined || timeToSeconds(entry.time) >= since) &&
    (until === undefined || timeToSeconds(entry.time) <= until);
  const aborted = (): boolean => options.signal?.aborted ?? false;

  // One descriptor for the whole read: an `AutoRemove` container's folder may be deleted while we
  // follow, and an open file outlives its name.
  const log = new LogFile(source.path);
  try {
    const decoder = new K8sLogDecoder();
    let entries = decoder.push(await log.readMore()).filter(wanted);
    if (!options.follow) entries = [...entries, ...decoder.flush().filter(wanted)];
    if (options.tail !== undefined && options.tail >= 0)
      entries = options.tail === 0 ? [] : entries.slice(-options.tail);
    yield* entries;
    if (!options.follow) return;

    let wake: (() => void) | undefined;
    const nudge = (): void => wake?.();
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(source.path, nudge);
    } catch {
      // ENOENT: conmon has not created the log yet; the poll below catches up.
    }
    const poll = setInterval(nudge, 250);
    source.stopped().then(nudge, nudge);
    try {
      options.signal?.addEventListener('abort', nudge);
      while (!aborted()) {
        const live = source.isLive();
        const chunk = await log.readMore();
        for (const entry of decoder.push(chunk)) if (wanted(entry) && !aborted()) yield entry;
        if (chunk.length === 0 && !live) break;
        if (chunk.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      }
      for (const entry of decoder.flush()) if (wanted(entry) && !aborted()) yield entry;
    } finally {
      clearInterval(poll);
      watcher?.close();
      options.signal?.removeEventListener('abort', nudge);
    }
  } finally {
    await log.close();
  }
}

/** Reads a growing file from where the last read stopped, through one descriptor. */
class LogFile {
  private handle: FileHandle | undefined;
  private offset = 0;

  constructor(private readonly path: string) {}

  async readMore(): Promise<Buffer> {
    if (!this.handle) {
      try {
        this.handle = await open(this.path, 'r');
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return Buffer.alloc(0);
        throw error;
      }
    }
    const { size } = await this.handle.stat();
    if (size <= this.offset) return Buffer.alloc(0);
    const buffer = Buffer.alloc(size - this.offset);
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, this.offset);
    this.offset += bytesRead;
    return buffer.subarray(0, bytesRead);
  }

  async close(): Promise<void> {
    await this.handle?.close();
  }
}
