/**
 * Asks a rootlesskit for its state through its API socket (`GET /v1/info`). An answer proves the
 * parent is alive and finished its set-up: rootlesskit opens the socket only after the network
 * and port driver are ready and child_pid is written. A refused connection means a stale state dir.
 */
import { request } from 'node:http';

export interface RootlesskitInfo {
  readonly childPID: number;
  readonly stateDir?: string;
}

export type InfoAnswer =
  { kind: 'answered'; info: RootlesskitInfo } | { kind: 'unreachable'; reason: string };

export function rootlesskitInfo(apiSocket: string, timeoutMs = 2_000): Promise<InfoAnswer> {
  return new Promise((resolve) => {
    const req = request(
      { socketPath: apiSocket, path: '/v1/info', method: 'GET', timeout: timeoutMs },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('error', (error) => resolve({ kind: 'unreachable', reason: error.message }));
        res.on('end', () => resolve(parseInfo(res.statusCode, body)));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    // ENOENT (no socket yet), ECONNREFUSED (stale socket of a dead rootlesskit), timeouts.
    req.on('error', (error) => resolve({ kind: 'unreachable', reason: error.message }));
    req.end();
  });
}

/** Pure: the HTTP answer as an InfoAnswer. */
export function parseInfo(status: number | undefined, body: string): InfoAnswer {
  if (status !== 200) return { kind: 'unreachable', reason: `HTTP ${status ?? '?'}: ${body.trim()}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    // SyntaxError: not rootlesskit's API on the other end.
    if (error instanceof SyntaxError)
      return { kind: 'unreachable', reason: `not JSON: ${body.slice(0, 80)}` };
    throw error;
  }
  const childPID = (parsed as { childPID?: unknown }).childPID;
  if (typeof childPID !== 'number' || !Number.isInteger(childPID) || childPID <= 0) {
    return { kind: 'unreachable', reason: 'the answer has no childPID' };
  }
  const stateDir = (parsed as { stateDir?: unknown }).stateDir;
  return { kind: 'answered', info: { childPID, ...(typeof stateDir === 'string' ? { stateDir } : {}) } };
}
