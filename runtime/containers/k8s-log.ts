/**
 * conmon's `k8s-file` log format, decoded: each line is `<time> <stream> <tag> <bytes>\n`, where the
 * time is RFC 3339 with nanoseconds and a zone offset, the stream `stdout` or `stderr`, and the tag
 * `F` for a full line or `P` for a piece of a longer one (conmon splits lines at its buffer size,
 * and writes what it has when the process pauses without a newline). Pieces are joined back into
 * the line they came from, so a reader sees what the process wrote, with the first piece's time.
 *
 * The decoder works on bytes (a container may print anything) and keeps an unfinished last line
 * for the next chunk, so a follower can feed it whatever `read` returns. No I/O.
 */
export interface LogEntry {
  stream: 'stdout' | 'stderr';
  data: Buffer;
  /** RFC 3339 with nanoseconds, in UTC (`…Z`), as Docker prints it. */
  time: string;
}

const NEWLINE = 0x0a;

export class K8sLogDecoder {
  private rest = Buffer.alloc(0);
  private pending: LogEntry | undefined;

  /** Entries completed by this chunk. */
  push(chunk: Buffer): LogEntry[] {
    const buffer = this.rest.length > 0 ? Buffer.concat([this.rest, chunk]) : chunk;
    const entries: LogEntry[] = [];
    let start = 0;
    for (let end = buffer.indexOf(NEWLINE, start); end >= 0; end = buffer.indexOf(NEWLINE, start)) {
      const entry = this.line(buffer.subarray(start, end));
      if (entry) entries.push(entry);
      start = end + 1;
    }
    this.rest = Buffer.from(buffer.subarray(start));
    return entries;
  }

  /** A piece still waiting for the rest of its line, for a reader that stops (not following). */
  flush(): LogEntry[] {
    const pending = this.pending;
    this.pending = undefined;
    return pending ? [pending] : [];
  }

  private line(line: Buffer): LogEntry | undefined {
    const parsed = parseK8sLogLine(line);
    if (!parsed) return undefined;
    const data = parsed.partial ? parsed.data : Buffer.concat([parsed.data, Buffer.from('\n')]);
    const joined: LogEntry =
      this.pending && this.pending.stream === parsed.stream
        ? { ...this.pending, data: Buffer.concat([this.pending.data, data]) }
        : { stream: parsed.stream, data, time: parsed.time };
    if (parsed.partial) {
      this.pending = joined;
      return undefined;
    }
    this.pending = undefined;
    return joined;
  }
}

/** One line without its newline; `undefined` for a line that is not in the format. */
export function parseK8sLogLine(
  line: Buffer,
): { time: string; stream: 'stdout' | 'stderr'; partial: boolean; data: Buffer } | undefined {
  const first = line.indexOf(0x20);
  const second = first < 0 ? -1 : line.indexOf(0x20, first + 1);
  if (second < 0) return undefined;
  const stream = line.toString('latin1', first + 1, second);
  if (stream !== 'stdout' && stream !== 'stderr') return undefined;
  const tagEnd = line.indexOf(0x20, second + 1);
  const tag = line.toString('latin1', second + 1, tagEnd < 0 ? line.length : tagEnd);
  if (tag !== 'F' && tag !== 'P') return undefined;
  const time = toUtc(line.toString('latin1', 0, first));
  if (!time) return undefined;
  return {
    time,
    stream,
    partial: tag === 'P',
    data: tagEnd < 0 ? Buffer.alloc(0) : Buffer.from(line.subarray(tagEnd + 1)),
  };
}

/** `2024-05-01T10:00:00.123456789+02:00` → `2024-05-01T08:00:00.123456789Z`, keeping all nine digits. */
export function toUtc(time: string): string | undefined {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(time);
  if (!match) return undefined;
  const [, seconds = '', fraction = '', zone = ''] = match;
  const utc = new Date(`${seconds}${zone}`);
  if (Number.isNaN(utc.getTime())) return undefined;
  return `${utc.toISOString().slice(0, 19)}${fraction}Z`;
}

/** Seconds since the epoch, with the fraction, for `since`/`until` filters. */
export function timeToSeconds(time: string): number {
  return Date.parse(time.replace(/(\.\d{3})\d+/, '$1')) / 1000;
}
