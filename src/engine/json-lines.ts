/**
 * Docker's streaming answers (`/events`, `/images/create`) are newline-delimited JSON: one object
 * per line, a line possibly split across chunks. This reads them as objects, in order, until the
 * stream ends. A line that is not JSON is a broken engine, and says so.
 */
export async function* readJsonLines(stream: NodeJS.ReadableStream): AsyncGenerator<unknown> {
  let pending = '';
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line !== '') yield parseLine(line);
      newline = pending.indexOf('\n');
    }
  }
  if (pending.trim() !== '') yield parseLine(pending.trim());
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new Error(`the engine sent a line that is not JSON: ${line.slice(0, 200)}`);
  }
}
