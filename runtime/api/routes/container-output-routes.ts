/**
 * A container's output: `GET /containers/{id}/logs` and `POST /containers/{id}/attach`. Without
 * a TTY each chunk is framed with Docker's 8-byte header (stream-frame.ts); with one it goes raw.
 * Attach hijacks the connection (101 UPGRADED) when the client asks for an upgrade, as the
 * docker CLI does, and otherwise streams a 200 for older clients.
 */
import { badParameter } from '../api-error.js';
import type { Route } from '../api-call.js';
import { attachedOutput } from '../attach-output.js';
import type { ContainerService, LogEntry, LogOptions } from '../engine-services.js';
import { readBool, readTimestamp, readString } from '../query.js';
import type { StreamSink } from '../reply.js';
import { MULTIPLEXED_STREAM, RAW_STREAM, encodeFrame } from '../stream-frame.js';
import type { EventBus } from '../../events.js';

export function containerOutputRoutes(containers: ContainerService, bus: EventBus): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/containers/{id}/logs',
      handler: async ({ params, query, reply }) => {
        const id = params.id ?? '';
        const stdout = readBool(query, 'stdout');
        const stderr = readBool(query, 'stderr');
        if (!stdout && !stderr) throw badParameter('Bad parameters: you must choose at least one stream');
        const { Config } = await containers.inspect(id);
        const tty = Config.Tty === true;
        const options: LogOptions = {
          follow: readBool(query, 'follow'),
          stdout,
          stderr,
          signal: reply.closed,
          ...optional('tail', readTail(query)),
          ...optional('since', readTimestamp(query, 'since')),
          ...optional('until', readTimestamp(query, 'until')),
        };
        const sink = reply.stream(tty ? RAW_STREAM : MULTIPLEXED_STREAM);
        const format = { tty, timestamps: readBool(query, 'timestamps') };
        await pump(containers.logs(id, options), sink, format);
      },
    },
    {
      method: 'POST',
      pattern: '/containers/{id}/attach',
      handler: async ({ params, query, reply }) => {
        const id = params.id ?? '';
        const { Config } = await containers.inspect(id);
        const tty = Config.Tty === true;
        const sink = reply.hijack(tty ? RAW_STREAM : MULTIPLEXED_STREAM);
        const output = attachedOutput(containers, bus, id, {
          stdout: readBool(query, 'stdout'),
          stderr: readBool(query, 'stderr'),
          replay: readBool(query, 'logs'),
          follow: readBool(query, 'stream'),
          signal: sink.closed,
        });
        await pump(output, sink, { tty, timestamps: false });
      },
    },
  ];
}

/** Copies entries to the client until they end or the client leaves; always ends the answer. */
async function pump(
  entries: AsyncIterable<LogEntry>,
  sink: StreamSink,
  format: { tty: boolean; timestamps: boolean },
): Promise<void> {
  try {
    for await (const entry of entries) {
      if (sink.closed.aborted) break;
      const data = format.timestamps
        ? Buffer.concat([Buffer.from(`${entry.time} `), entry.data])
        : entry.data;
      await sink.write(format.tty ? data : encodeFrame(entry.stream, data));
    }
  } finally {
    sink.end();
  }
}

function readTail(query: URLSearchParams): number | undefined {
  const tail = readString(query, 'tail');
  if (tail === undefined || tail === 'all') return undefined;
  if (!/^\d+$/.test(tail)) throw badParameter(`invalid value for tail: ${JSON.stringify(tail)}`);
  return Number(tail);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
