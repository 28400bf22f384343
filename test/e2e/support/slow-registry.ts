/**
 * A slow link to a registry: an HTTP proxy on 127.0.0.1 in front of the real one that passes
 * every request through and sends blob bodies at a fixed rate. A one-layer image from a local
 * registry arrives in a tenth of a second, too fast for anyone to see it pulling; through this
 * proxy it takes as long as a real download, so a test can watch the pull progress.
 */
import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowRegistry {
  /** `127.0.0.1:<port>`: image names under it go through the proxy. */
  readonly host: string;
  stop(): Promise<void>;
}

const CHUNK_BYTES = 16 * 1024;

export async function startSlowRegistry(target: string, bytesPerSecond: number): Promise<SlowRegistry> {
  const [targetHost = '127.0.0.1', targetPort = '80'] = target.split(':');
  const server = createServer((incoming, outgoing) => {
    const upstream = request(
      {
        host: targetHost,
        port: Number(targetPort),
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        if (incoming.method === 'GET' && /\/blobs\/sha256:/.test(incoming.url ?? '')) {
          void sendSlowly(answer, outgoing, bytesPerSecond);
        } else {
          answer.pipe(outgoing);
        }
      },
    );
    upstream.on('error', (error) => outgoing.destroy(error));
    incoming.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Copies the body in chunks, pausing after each so the rate stays at `bytesPerSecond`. */
async function sendSlowly(body: IncomingMessage, out: ServerResponse, bytesPerSecond: number): Promise<void> {
  try {
    for await (const data of body) {
      const buffer = data as Buffer;
      for (let offset = 0; offset < buffer.length; offset += CHUNK_BYTES) {
        if (out.destroyed) return;
        out.write(buffer.subarray(offset, offset + CHUNK_BYTES));
        await new Promise((resolve) => setTimeout(resolve, (CHUNK_BYTES / bytesPerSecond) * 1000));
      }
    }
    out.end();
  } catch (error) {
    out.destroy(error as Error);
  }
}
