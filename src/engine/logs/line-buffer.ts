/**
 * Output cut into whole lines (compose's splitWriter): bytes are kept until their newline comes,
 * so a line written in two pieces, or a UTF-8 character split between chunks, is printed whole.
 * A trailing `\r` (a TTY's line end) is dropped, so prefixes line up in a pipe as on a terminal.
 */

const NEWLINE = 0x0a;

export class LineBuffer {
  private pending: Buffer = Buffer.alloc(0);

  /** The lines this chunk completes, without their line ends. */
  push(chunk: Buffer): string[] {
    const data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const lines: string[] = [];
    let start = 0;
    for (let end = data.indexOf(NEWLINE, start); end >= 0; end = data.indexOf(NEWLINE, start)) {
      lines.push(decodeLine(data.subarray(start, end)));
      start = end + 1;
    }
    this.pending = data.subarray(start);
    return lines;
  }

  /**
   * The last line when the output ended without a newline. docker compose drops it (its writer is
   * never closed); `docker logs` prints it, and so do we.
   */
  flush(): string[] {
    if (this.pending.length === 0) return [];
    const line = decodeLine(this.pending);
    this.pending = Buffer.alloc(0);
    return [line];
  }
}

function decodeLine(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
