/**
 * rootlesskit's port API on its api.sock (`/v1/ports`): the forwards its builtin port driver holds
 * from the host's addresses into the engine's namespace. They live in the rootlesskit parent, not
 * in the engine, so they keep answering while the engine restarts; the engine lists them again to
 * repair what changed meanwhile.
 */
import { request } from 'node:http';
import type { PortProtocol } from './network-record.js';

export interface PortSpec {
  proto: PortProtocol;
  parentIP: string;
  parentPort: number;
  childIP: string;
  childPort: number;
}

export interface PortStatus {
  id: number;
  spec: PortSpec;
}

/** A refusal from rootlesskit (port taken, privileged port, unknown id), with its message. */
export class PortDriverError extends Error {
  override readonly name = 'PortDriverError';
}

export interface PortDriver {
  list(): Promise<PortStatus[]>;
  add(spec: PortSpec): Promise<number>;
  remove(id: number): Promise<void>;
}

export function rootlesskitPorts(apiSocket: string, timeoutMs = 5_000): PortDriver {
  const call = (method: string, path: string, body?: unknown) =>
    callApi(apiSocket, method, path, body, timeoutMs);
  return {
    list: async () => ((await call('GET', '/v1/ports')) as PortStatus[] | null) ?? [],
    add: async (spec) => ((await call('POST', '/v1/ports', spec)) as { id: number }).id,
    remove: async (id) => {
      await call('DELETE', `/v1/ports/${id}`);
    },
  };
}

function callApi(
  socketPath: string,
  method: string,
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        socketPath,
        method,
        path,
        timeout: timeoutMs,
        headers: payload ? { 'Content-Type': 'application/json' } : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve(text.trim() === '' ? undefined : (JSON.parse(text) as unknown));
            return;
          }
          reject(new PortDriverError(errorMessage(text) ?? `rootlesskit ${method} ${path}: HTTP ${status}`));
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`rootlesskit ${method} ${path}: no answer in ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function errorMessage(text: string): string | undefined {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return typeof message === 'string' ? message : undefined;
  } catch (error) {
    // SyntaxError: a plain-text error body; use it as it is.
    if (error instanceof SyntaxError) return text.trim() || undefined;
    throw error;
  }
}
