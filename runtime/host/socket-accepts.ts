/**
 * Whether something accepts connections on a unix socket. A socket file alone proves nothing: a
 * killed engine leaves its file behind, and connecting to it is refused.
 */
import { createConnection } from 'node:net';

export function socketAccepts(path: string, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ path });
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    // ENOENT (no file), ECONNREFUSED (nobody listening), EACCES (not ours): not accepting.
    socket.once('error', () => done(false));
  });
}
