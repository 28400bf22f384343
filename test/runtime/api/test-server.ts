/**
 * Starts the real API server on a unix socket in a temporary folder, over the in-memory fakes,
 * and offers a small HTTP client for it. Each test gets its own socket and cleans up in
 * `onTestFinished`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createApiServer, listenOnSocket } from '../../../runtime/api/server.js';
import { fakeServices } from './fake-services.js';

export interface TestServer {
  socketPath: string;
  dir: string;
  services: ReturnType<typeof fakeServices>;
  logged: string[];
}

export async function startTestServer(): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'tscompose-api-'));
  const services = fakeServices();
  const logged: string[] = [];
  const server = createApiServer({ services, serverVersion: '0.1.0-test', log: (line) => logged.push(line) });
  const listening = await listenOnSocket(server, join(dir, 'engine.sock'));
  onTestFinished(async () => {
    await listening.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { socketPath: listening.socketPath, dir, services, logged };
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json: () => unknown;
}

/** One request on the socket, read to the end. */
export function call(
  socketPath: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = httpRequest(
      {
        socketPath,
        method,
        path,
        headers: { ...(payload !== undefined && { 'Content-Type': 'application/json' }), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text,
            json: () => JSON.parse(text),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
